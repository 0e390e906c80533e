import { provinceCodeArgument } from "../report-arguments";
import type { ReportDefinition } from "../report-definition";
import type { ReportRow, ReportSource } from "../report";

interface EnrolmentData {
  provinces: {
    code: string;
    name: string;
    enrolment: {
      period: string;
      units: number | null;
      compulsoryInsured: number | null;
      unemploymentInsured: number | null;
      unitsInArrears: number | null;
      source: { agency: string; batchId: string; period: string | null; asOf: string } | null;
    } | null;
  }[];
}

/**
 * BHXH enrolment per province for a month (`GET /reports/enrolment/2026-03.xlsx`): units,
 * compulsory and unemployment insured, units in arrears. Only fields BHXH's mandates share as
 * totals, so it is for BHXH (any purpose it holds), and for the labour administration and People's
 * Committees of a province, who read their own province's totals (schema/mandates.yaml).
 * Provinces without BHXH totals for the month, or outside the reader's province, have no row.
 */
export const enrolmentReport: ReportDefinition<EnrolmentData> = {
  name: "enrolment",
  title: "Tình hình tham gia BHXH, BHTN theo tỉnh",
  period: "month",
  arguments: { provinceCode: provinceCodeArgument },
  operation: `query report_enrolment($period: String!) {
    provinces {
      code
      name
      enrolment(period: $period) {
        period units compulsoryInsured unemploymentInsured unitsInArrears
        source { agency batchId period asOf }
      }
    }
  }`,
  variables: ({ period }) => ({ period }),
  read(data, { args }) {
    const rows: ReportRow[] = [];
    const sources: ReportSource[] = [];
    for (const province of data.provinces) {
      const enrolment = province.enrolment;
      if (!enrolment || (args.provinceCode && province.code !== args.provinceCode)) continue;
      rows.push({
        code: province.code,
        name: province.name,
        units: enrolment.units,
        unitsInArrears: enrolment.unitsInArrears,
        arrearsShare: share(enrolment.unitsInArrears, enrolment.units),
        compulsoryInsured: enrolment.compulsoryInsured,
        unemploymentInsured: enrolment.unemploymentInsured,
        unemploymentShare: share(enrolment.unemploymentInsured, enrolment.compulsoryInsured),
        batchId: enrolment.source?.batchId ?? null,
      });
      if (enrolment.source) sources.push({ about: `Số tham gia BHXH, ${province.name}`, ...enrolment.source });
    }
    return {
      sheets: [
        {
          key: "provinces",
          title: "Theo tỉnh",
          columns: [
            { key: "code", heading: "Mã tỉnh", kind: "text" },
            { key: "name", heading: "Tỉnh, thành phố", kind: "text" },
            { key: "units", heading: "Số đơn vị tham gia", kind: "integer" },
            { key: "unitsInArrears", heading: "Số đơn vị nợ đóng", kind: "integer" },
            { key: "arrearsShare", heading: "Tỷ lệ đơn vị nợ đóng", kind: "percent" },
            { key: "compulsoryInsured", heading: "Số người tham gia BHXH bắt buộc", kind: "integer" },
            { key: "unemploymentInsured", heading: "Số người tham gia BHTN", kind: "integer" },
            { key: "unemploymentShare", heading: "Tỷ lệ BHTN trên BHXH bắt buộc", kind: "percent" },
            { key: "batchId", heading: "Mã lô dữ liệu BHXH", kind: "text" },
          ],
          rows,
        },
      ],
      sources,
    };
  },
};

/** part ÷ whole, or null when either is unknown or the whole is zero (a rate of nothing is no rate). */
function share(part: number | null, whole: number | null): number | null {
  return part === null || whole === null || whole === 0 ? null : part / whole;
}
