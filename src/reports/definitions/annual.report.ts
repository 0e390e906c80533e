import { provinceCodeArgument } from "../report-arguments";
import type { ReportDefinition } from "../report-definition";
import type { ReportSource } from "../report";

interface SourceData {
  agency: string;
  batchId: string;
  period: string | null;
  asOf: string;
}

interface AnnualData {
  annualReport: {
    year: number;
    provinceCode: string | null;
    dueBefore: string;
    month: string | null;
    province: { code: string; name: string } | null;
    coverage: {
      participants: number | null;
      compulsoryInsured: number | null;
      voluntaryInsured: number | null;
      unemploymentInsured: number | null;
      rate: number | null;
      unemploymentInsuranceRate: number | null;
      reason: string | null;
      numeratorSources: (SourceData | null)[] | null;
    } | null;
    progress: {
      participantsTarget: number | null;
      participantGap: number | null;
      rateTarget: number | null;
      rateGapPoints: number | null;
      legalBasis: string[] | null;
      reason: string | null;
    } | null;
    provincesBelowFloor: { scope: string; participants: number | null; rate: number | null }[] | null;
    findings: { code: string; enterprises: number | null }[] | null;
    arrears: { employers: number | null; arrearsVnd: number | null; evading: number | null } | null;
    inspectionsHandedOver: { lists: number | null; enterprises: number | null } | null;
  } | null;
}

/** The findings' names as the yearly report's readers write them. */
const FINDING_NAMES: Record<string, string> = {
  NOT_ENROLLED: "Chưa đăng ký tham gia BHXH (Điều 28 khoản 1)",
  UNDER_DECLARED: "Đóng không đủ số người (số lao động thuế cao hơn số tham gia)",
  LATE_PAYMENT: "Chậm đóng (Điều 38)",
  EVASION: "Trốn đóng (Điều 39)",
};

/** A rate in percent as the fraction a percent-formatted cell holds. */
const fraction = (percent: number | null | undefined) => (percent == null ? null : percent / 100);

/**
 * The yearly report a province sends before 5 December (MOLISA letter of 13 May 2015), as a file:
 * `GET /reports/annual/2026.xlsx?provinceCode=40`. A summary row (participants, coverage against the
 * year's target, arrears, inspection lists handed over), the provinces under 20%, and enterprises by
 * finding, all from `annualReport`. For BHXH, and for the labour administration and People's
 * Committees of a province (their own province): BHXH's aggregate mandates (Điều 18 khoản 12, Điều 138).
 */
export const annualReport: ReportDefinition<AnnualData> = {
  name: "annual",
  title: "Báo cáo năm về thực hiện chính sách BHXH",
  period: "year",
  arguments: { provinceCode: provinceCodeArgument },
  operation: `query report_annual($year: Int!, $provinceCode: String) {
    annualReport(year: $year, provinceCode: $provinceCode) {
      year provinceCode dueBefore month
      province { code name }
      coverage {
        participants compulsoryInsured voluntaryInsured unemploymentInsured rate unemploymentInsuranceRate reason
        numeratorSources { agency batchId period asOf }
      }
      progress { participantsTarget participantGap rateTarget rateGapPoints legalBasis reason }
      provincesBelowFloor { scope participants rate }
      findings { code enterprises }
      arrears { employers arrearsVnd evading }
      inspectionsHandedOver { lists enterprises }
    }
  }`,
  variables: ({ period, args }) => ({ year: Number(period), provinceCode: args.provinceCode ?? null }),
  read(data) {
    const report = data.annualReport;
    if (!report) return { sheets: [] };
    const sources: ReportSource[] = (report.coverage?.numeratorSources ?? [])
      .filter((s): s is SourceData => s !== null)
      .map((s) => ({ about: `Số người tham gia BHXH, ${report.province?.name ?? "toàn quốc"}`, ...s }));
    const coverage = report.coverage;
    const progress = report.progress;
    return {
      sheets: [
        {
          key: "summary",
          title: "Tổng hợp",
          columns: [
            { key: "year", heading: "Năm báo cáo", kind: "integer" },
            { key: "area", heading: "Địa bàn", kind: "text" },
            { key: "month", heading: "Kỳ số liệu (tháng)", kind: "text" },
            { key: "dueBefore", heading: "Hạn gửi (trước ngày)", kind: "date" },
            { key: "participants", heading: "Số người tham gia BHXH", kind: "integer" },
            { key: "compulsoryInsured", heading: "BHXH bắt buộc", kind: "integer" },
            { key: "voluntaryInsured", heading: "BHXH tự nguyện", kind: "integer" },
            { key: "unemploymentInsured", heading: "BHTN", kind: "integer" },
            { key: "rate", heading: "Tỷ lệ bao phủ BHXH", kind: "percent" },
            { key: "unemploymentInsuranceRate", heading: "Tỷ lệ tham gia BHTN", kind: "percent" },
            { key: "rateTarget", heading: "Chỉ tiêu tỷ lệ bao phủ", kind: "percent" },
            { key: "rateGap", heading: "Còn thiếu so với chỉ tiêu (tỷ lệ)", kind: "percent" },
            { key: "participantsTarget", heading: "Chỉ tiêu số người tham gia", kind: "integer" },
            { key: "participantGap", heading: "Còn thiếu so với chỉ tiêu (người)", kind: "integer" },
            { key: "targetBasis", heading: "Căn cứ chỉ tiêu", kind: "text" },
            { key: "arrearsEmployers", heading: "Số đơn vị chậm đóng, trốn đóng", kind: "integer" },
            { key: "arrearsVnd", heading: "Số tiền nợ đóng", kind: "money" },
            { key: "evading", heading: "Trong đó: trốn đóng", kind: "integer" },
            { key: "handoverLists", heading: "Danh sách đã chuyển thanh tra", kind: "integer" },
            { key: "handoverEnterprises", heading: "Số doanh nghiệp trong danh sách", kind: "integer" },
            { key: "note", heading: "Ghi chú", kind: "text" },
          ],
          rows: [
            {
              year: report.year,
              area: report.province ? `${report.province.code} ${report.province.name}` : "Toàn quốc",
              month: report.month,
              dueBefore: report.dueBefore,
              participants: coverage?.participants ?? null,
              compulsoryInsured: coverage?.compulsoryInsured ?? null,
              voluntaryInsured: coverage?.voluntaryInsured ?? null,
              unemploymentInsured: coverage?.unemploymentInsured ?? null,
              rate: fraction(coverage?.rate),
              unemploymentInsuranceRate: fraction(coverage?.unemploymentInsuranceRate),
              rateTarget: fraction(progress?.rateTarget),
              rateGap: fraction(progress?.rateGapPoints),
              participantsTarget: progress?.participantsTarget ?? null,
              participantGap: progress?.participantGap ?? null,
              targetBasis: progress?.legalBasis?.join("; ") ?? null,
              arrearsEmployers: report.arrears?.employers ?? null,
              // An amount is written as its exact decimal string.
              arrearsVnd: report.arrears?.arrearsVnd == null ? null : String(Math.round(report.arrears.arrearsVnd)),
              evading: report.arrears?.evading ?? null,
              handoverLists: report.inspectionsHandedOver?.lists ?? null,
              handoverEnterprises: report.inspectionsHandedOver?.enterprises ?? null,
              note: [coverage?.reason, progress?.reason].filter(Boolean).join("; ") || null,
            },
          ],
        },
        {
          key: "below-floor",
          title: "Tỉnh dưới 20%",
          columns: [
            { key: "code", heading: "Mã tỉnh", kind: "text" },
            { key: "participants", heading: "Số người tham gia BHXH", kind: "integer" },
            { key: "rate", heading: "Tỷ lệ bao phủ BHXH", kind: "percent" },
          ],
          rows: (report.provincesBelowFloor ?? []).map((c) => ({ code: c.scope, participants: c.participants, rate: fraction(c.rate) })),
        },
        {
          key: "findings",
          title: "Vi phạm theo loại",
          columns: [
            { key: "code", heading: "Mã", kind: "text" },
            { key: "name", heading: "Loại vi phạm", kind: "text" },
            { key: "enterprises", heading: "Số doanh nghiệp", kind: "integer" },
          ],
          rows: (report.findings ?? []).map((f) => ({ code: f.code, name: FINDING_NAMES[f.code] ?? f.code, enterprises: f.enterprises })),
        },
      ],
      sources,
    };
  },
};
