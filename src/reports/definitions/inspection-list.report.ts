import { recordHandover } from "../../../resolvers/hub/inspection-handover.queries";
import { provinceCodeArgument } from "../report-arguments";
import type { ReportDefinition, ReportDelivery, ReportInput } from "../report-definition";
import type { ReportColumn, ReportRow, ReportSource } from "../report";

type SourceData = { agency: string; batchId: string; period: string | null; asOf: string } | null;

interface FindingData {
  code: string;
  ground: string;
  article: string;
  since: string;
  evidence: {
    taxEmployees?: number | null;
    compulsoryInsured: number | null;
    arrears: string | null;
    arrearsMonths: number | null;
    oldestUnpaidPeriod: string | null;
    paymentDeadline: string | null;
    daysOverdue: number | null;
    reminderSentOn: string | null;
    lowestDeclaredWage: string | null;
    legalBaseSalary: string | null;
    registrationDeadline: string | null;
    bhxhSource: SourceData;
    taxSource?: SourceData;
  };
}

interface InspectionListData {
  inspectionCandidates: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: {
      node: {
        enterprise: { taxCode: string; name?: string | null };
        province: { code: string; name: string };
        taxEmployees?: number | null;
        compulsoryInsured: number | null;
        uninsuredWorkers: number;
        arrears: string;
        findings: FindingData[];
      };
    }[];
  };
}

/** Fields a reader may not hold without the list being refused: asked only when the mandates grant them, their columns left out otherwise. */
const OPTIONAL_FIELDS = {
  names: "Enterprise.name",
  taxEmployees: "InspectionCandidate.taxEmployees",
  evidenceTaxEmployees: "ComplianceEvidence.taxEmployees",
  taxSource: "ComplianceEvidence.taxSource",
} as const;

type Included = Record<keyof typeof OPTIONAL_FIELDS, boolean>;

/** The agency, role and purpose of an inspection body taking the list: the provincial labour inspectorate (graph-contract.md's `labour`). */
const INSPECTION_BODY = { agency: "labour", role: "inspector", purpose: "inspection" } as const;

/**
 * The month whose findings the list for `quarter` is built from: the last month of the quarter
 * before it (2026-Q4 → 2026-09, 2027-Q1 → 2026-12). The list goes out before the 15th of the
 * quarter's first month (Decree 274/2025), when that month is the latest whole one.
 */
export function findingsMonthOf(quarter: string): string {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  return q === 1 ? `${year - 1}-12` : `${year}-${String((q - 1) * 3).padStart(2, "0")}`;
}

/** Day before which the list for `quarter` is due: the 15th of its first month. */
function dueDay(quarter: string): string {
  const q = Number(quarter.slice(6));
  return `15/${String((q - 1) * 3 + 1).padStart(2, "0")}/${quarter.slice(0, 4)}`;
}

function included(input: ReportInput): Included {
  return Object.fromEntries(Object.entries(OPTIONAL_FIELDS).map(([key, coordinate]) => [key, input.mayRead(coordinate)])) as Included;
}

/**
 * The quarterly inspection list (`GET /reports/inspection-list/2026-Q4.xlsx?provinceCode=79`):
 * the list BHXH sends to inspection bodies before the 15th of the quarter's first month (Decree
 * 274/2025; Law 41/2024 Điều 35 khoản 3), built from the compliance findings of the last month of
 * the quarter before (2026-Q4 → 2026-09). Read page by page from `inspectionCandidates`, so it holds
 * what its reader may query and in the same rank order. The enterprise's name and the tax
 * authority's headcount are tax and registry data: a reader whose mandates do not grant them gets
 * the list without those columns instead of a 403. Downloaded by an inspection body, the list is
 * handed over, and hub.inspection_handover records it.
 */
export const inspectionListReport: ReportDefinition<InspectionListData> = {
  name: "inspection-list",
  title: "Danh sách đơn vị đề nghị thanh tra về BHXH (lập từ kết luận tuân thủ tháng cuối của quý trước)",
  period: "quarter",
  arguments: { provinceCode: provinceCodeArgument },
  operation: `query report_inspection_list($period: String!, $provinceCode: String, $first: Int!, $after: String,
      $names: Boolean!, $taxEmployees: Boolean!, $evidenceTaxEmployees: Boolean!, $taxSource: Boolean!) {
    inspectionCandidates(provinceCode: $provinceCode, period: $period, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          enterprise { taxCode name @include(if: $names) }
          province { code name }
          taxEmployees @include(if: $taxEmployees)
          compulsoryInsured uninsuredWorkers arrears
          findings {
            code ground article since
            evidence {
              taxEmployees @include(if: $evidenceTaxEmployees)
              compulsoryInsured arrears arrearsMonths oldestUnpaidPeriod paymentDeadline daysOverdue
              reminderSentOn lowestDeclaredWage legalBaseSalary registrationDeadline
              bhxhSource { agency batchId period asOf }
              taxSource @include(if: $taxSource) { agency batchId period asOf }
            }
          }
        }
      }
    }
  }`,
  variables: (input) => ({
    period: findingsMonthOf(input.period),
    provinceCode: input.args.provinceCode ?? null,
    first: input.pageSize,
    after: null,
    ...included(input),
  }),
  note: ({ period }) =>
    `Danh sách quý ${period} lập từ kết luận tuân thủ tháng ${findingsMonthOf(period)} (tháng cuối của quý trước), xếp theo số lao động chưa tham gia BHXH rồi số tiền nợ; ` +
    `BHXH gửi cơ quan thanh tra trước ngày ${dueDay(period)} (Nghị định 274/2025/NĐ-CP; Luật Bảo hiểm xã hội 41/2024/QH15, Điều 35 khoản 3).`,
  read(data, input, progress) {
    const shown = included(input);
    const candidates: ReportRow[] = [];
    const findings: ReportRow[] = [];
    const sources: ReportSource[] = [];
    let rank = progress.rowsSoFar("candidates");
    for (const { node } of data.inspectionCandidates.edges) {
      rank += 1;
      const taxCode = node.enterprise.taxCode;
      candidates.push({
        rank,
        taxCode,
        name: node.enterprise.name ?? null,
        provinceCode: node.province.code,
        provinceName: node.province.name,
        taxEmployees: node.taxEmployees ?? null,
        compulsoryInsured: node.compulsoryInsured,
        uninsuredWorkers: node.uninsuredWorkers,
        arrears: node.arrears,
        codes: node.findings.map(findingLabel).join("; "),
        articles: [...new Set(node.findings.map((finding) => finding.article))].join("; "),
        since: node.findings.map((finding) => finding.since).sort()[0] ?? null,
        daysOverdue: largest(node.findings.map((finding) => finding.evidence.daysOverdue)),
      });
      for (const finding of node.findings) {
        const evidence = finding.evidence;
        findings.push({
          rank,
          taxCode,
          code: finding.code,
          ground: finding.ground,
          article: finding.article,
          since: finding.since,
          taxEmployees: evidence.taxEmployees ?? null,
          compulsoryInsured: evidence.compulsoryInsured,
          arrears: evidence.arrears,
          arrearsMonths: evidence.arrearsMonths,
          oldestUnpaidPeriod: evidence.oldestUnpaidPeriod,
          paymentDeadline: evidence.paymentDeadline,
          daysOverdue: evidence.daysOverdue,
          reminderSentOn: evidence.reminderSentOn,
          lowestDeclaredWage: evidence.lowestDeclaredWage,
          legalBaseSalary: evidence.legalBaseSalary,
          registrationDeadline: evidence.registrationDeadline,
          bhxhBatchId: evidence.bhxhSource?.batchId ?? null,
          taxBatchId: evidence.taxSource?.batchId ?? null,
        });
        if (evidence.bhxhSource) sources.push({ about: `Số tham gia, số nợ BHXH, ${node.province.name}`, ...evidence.bhxhSource });
        if (evidence.taxSource) sources.push({ about: `Số lao động theo cơ quan thuế, ${node.province.name}`, ...evidence.taxSource });
      }
    }
    const { hasNextPage, endCursor } = data.inspectionCandidates.pageInfo;
    return {
      sheets: [
        { key: "candidates", title: "Danh sách đề nghị thanh tra", columns: candidateColumns(shown), rows: candidates },
        { key: "findings", title: "Kết luận và chứng cứ", columns: findingColumns(shown), rows: findings },
      ],
      sources,
      totalRows: data.inspectionCandidates.totalCount,
      next: hasNextPage && endCursor ? { after: endCursor } : null,
    };
  },
  delivered: recordIfHandedOver,
};

function candidateColumns(shown: Included): ReportColumn[] {
  return [
    { key: "rank", heading: "Thứ tự", kind: "integer" },
    { key: "taxCode", heading: "Mã số thuế", kind: "text" },
    ...(shown.names ? [{ key: "name", heading: "Tên doanh nghiệp", kind: "text" } as const] : []),
    { key: "provinceCode", heading: "Mã tỉnh", kind: "text" },
    { key: "provinceName", heading: "Tỉnh, thành phố", kind: "text" },
    ...(shown.taxEmployees ? [{ key: "taxEmployees", heading: "Số lao động theo cơ quan thuế", kind: "integer" } as const] : []),
    { key: "compulsoryInsured", heading: "Số người tham gia BHXH bắt buộc", kind: "integer" },
    { key: "uninsuredWorkers", heading: "Số lao động chưa tham gia BHXH", kind: "integer" },
    { key: "arrears", heading: "Số tiền nợ (đồng)", kind: "money" },
    { key: "codes", heading: "Kết luận", kind: "text" },
    { key: "articles", heading: "Căn cứ (Luật 41/2024/QH15)", kind: "text" },
    { key: "since", heading: "Từ ngày", kind: "date" },
    { key: "daysOverdue", heading: "Số ngày quá hạn", kind: "integer" },
  ];
}

function findingColumns(shown: Included): ReportColumn[] {
  return [
    { key: "rank", heading: "Thứ tự", kind: "integer" },
    { key: "taxCode", heading: "Mã số thuế", kind: "text" },
    { key: "code", heading: "Kết luận", kind: "text" },
    { key: "ground", heading: "Căn cứ trốn đóng", kind: "text" },
    { key: "article", heading: "Điều, khoản (Luật 41/2024/QH15)", kind: "text" },
    { key: "since", heading: "Từ ngày", kind: "date" },
    ...(shown.evidenceTaxEmployees ? [{ key: "taxEmployees", heading: "Số lao động theo cơ quan thuế", kind: "integer" } as const] : []),
    { key: "compulsoryInsured", heading: "Số người tham gia BHXH bắt buộc", kind: "integer" },
    { key: "arrears", heading: "Số tiền nợ (đồng)", kind: "money" },
    { key: "arrearsMonths", heading: "Số tháng nợ", kind: "integer" },
    { key: "oldestUnpaidPeriod", heading: "Tháng nợ sớm nhất", kind: "text" },
    { key: "paymentDeadline", heading: "Hạn đóng", kind: "date" },
    { key: "daysOverdue", heading: "Số ngày quá hạn", kind: "integer" },
    { key: "reminderSentOn", heading: "Ngày gửi văn bản đôn đốc", kind: "date" },
    { key: "lowestDeclaredWage", heading: "Tiền lương đóng thấp nhất (đồng)", kind: "money" },
    { key: "legalBaseSalary", heading: "Mức lương cơ sở (đồng)", kind: "money" },
    { key: "registrationDeadline", heading: "Hạn đăng ký tham gia", kind: "date" },
    { key: "bhxhBatchId", heading: "Mã lô dữ liệu BHXH", kind: "text" },
    ...(shown.taxSource ? [{ key: "taxBatchId", heading: "Mã lô dữ liệu thuế", kind: "text" } as const] : []),
  ];
}

/** `EVASION (UNPAID_AFTER_REMINDER)` for an evasion, the bare code otherwise. */
function findingLabel(finding: FindingData): string {
  return finding.ground === "NONE" ? finding.code : `${finding.code} (${finding.ground})`;
}

function largest(values: (number | null)[]): number | null {
  const known = values.filter((value): value is number => value !== null);
  return known.length > 0 ? Math.max(...known) : null;
}

/**
 * An inspection body downloading the list is BHXH handing it over (Điều 35 khoản 3): recorded
 * with the enterprises on it. BHXH's own downloads, and other readers', are not handovers. A
 * province named outside the reader's own gives an empty list that is no province's: not recorded.
 */
async function recordIfHandedOver({ input, purpose, requestId, sheets, db }: ReportDelivery): Promise<void> {
  const { principal, args } = input;
  if (principal.agency !== INSPECTION_BODY.agency || !principal.roles.includes(INSPECTION_BODY.role) || purpose !== INSPECTION_BODY.purpose) return;
  if (args.provinceCode && principal.provinceCode && args.provinceCode !== principal.provinceCode) return;
  const list = sheets.find((sheet) => sheet.key === "candidates");
  // A CSV of the findings sheet alone still hands over the whole list: count its enterprises.
  const enterprises = list ? list.rows.length : new Set((sheets[0]?.rows ?? []).map((row) => row.taxCode)).size;
  await recordHandover(db, {
    quarter: input.period,
    period: findingsMonthOf(input.period),
    provinceCode: principal.provinceCode ?? args.provinceCode ?? null,
    enterprises,
    recipientAgency: principal.agency,
    recipientSubject: principal.subject,
    requestId,
  });
}
