import type { ReportDefinition } from "../report-definition";
import type { ReportRow, ReportSource } from "../report";
import { provinceCodeArgument } from "../report-arguments";

interface EnterprisesData {
  enterprises: {
    totalCount: number | null;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: {
      node: {
        taxCode: string;
        name: string;
        address: string | null;
        status: string;
        registeredOn: string | null;
        province: { code: string; name: string } | null;
        bhxhUnit: {
          code: string;
          enrolment: {
            compulsoryInsured: number | null;
            unemploymentInsured: number | null;
            arrearsMonths: number | null;
            arrears: string | null;
            source: { agency: string; batchId: string; period: string | null; asOf: string } | null;
          } | null;
        } | null;
      };
    }[];
  };
}

/**
 * Enterprises of the register with their BHXH enrolment for a month
 * (`GET /reports/enterprises/2026-03.xlsx?provinceCode=79`), page after page of `enterprises`:
 * record-level registry and BHXH fields, so it is for BHXH and for the labour inspectorate of a
 * province whose mandate grants its enterprises (schema/mandates.yaml). An enterprise with no BHXH
 * unit has empty BHXH cells: that is the finding, not a hole.
 */
export const enterprisesReport: ReportDefinition<EnterprisesData> = {
  name: "enterprises",
  title: "Danh sách doanh nghiệp và tình hình tham gia BHXH",
  period: "month",
  arguments: { provinceCode: provinceCodeArgument },
  operation: `query report_enterprises($period: String!, $provinceCode: String, $first: Int!, $after: String) {
    enterprises(filter: { provinceCode: $provinceCode }, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          taxCode name address status registeredOn
          province { code name }
          bhxhUnit {
            code
            enrolment(period: $period) { compulsoryInsured unemploymentInsured arrearsMonths arrears source { agency batchId period asOf } }
          }
        }
      }
    }
  }`,
  variables: ({ period, args, pageSize }) => ({ period, provinceCode: args.provinceCode ?? null, first: pageSize, after: null }),
  read(data) {
    const rows: ReportRow[] = [];
    const sources: ReportSource[] = [];
    for (const { node } of data.enterprises.edges) {
      const enrolment = node.bhxhUnit?.enrolment ?? null;
      rows.push({
        taxCode: node.taxCode,
        name: node.name,
        address: node.address,
        provinceCode: node.province?.code ?? null,
        status: node.status,
        registeredOn: node.registeredOn,
        unitCode: node.bhxhUnit?.code ?? null,
        compulsoryInsured: enrolment?.compulsoryInsured ?? null,
        unemploymentInsured: enrolment?.unemploymentInsured ?? null,
        arrearsMonths: enrolment?.arrearsMonths ?? null,
        arrears: enrolment?.arrears ?? null,
      });
      if (enrolment?.source) sources.push({ about: `Số tham gia BHXH, ${node.province?.name ?? "?"}`, ...enrolment.source });
    }
    const { hasNextPage, endCursor } = data.enterprises.pageInfo;
    return {
      sheets: [
        {
          key: "enterprises",
          title: "Doanh nghiệp",
          columns: [
            { key: "taxCode", heading: "Mã số thuế", kind: "text" },
            { key: "name", heading: "Tên doanh nghiệp", kind: "text" },
            { key: "address", heading: "Địa chỉ trụ sở", kind: "text" },
            { key: "provinceCode", heading: "Mã tỉnh", kind: "text" },
            { key: "status", heading: "Tình trạng", kind: "text" },
            { key: "registeredOn", heading: "Ngày đăng ký", kind: "date" },
            { key: "unitCode", heading: "Mã đơn vị BHXH", kind: "text" },
            { key: "compulsoryInsured", heading: "Số người tham gia BHXH bắt buộc", kind: "integer" },
            { key: "unemploymentInsured", heading: "Số người tham gia BHTN", kind: "integer" },
            { key: "arrearsMonths", heading: "Số tháng nợ", kind: "integer" },
            { key: "arrears", heading: "Số tiền nợ (đồng)", kind: "money" },
          ],
          rows,
        },
      ],
      sources,
      totalRows: data.enterprises.totalCount,
      next: hasNextPage && endCursor ? { after: endCursor } : null,
    };
  },
};
