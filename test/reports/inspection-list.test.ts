import ExcelJS from "exceljs";
import { rowsOf, workbookOf } from "../support/workbook";
import { parse } from "csv-parse/sync";
import { dataOf } from "../support/hub";
import { useIngestHub } from "../support/ingest";
import { headersFor, type TestClaims } from "../support/tokens";
import { handoverTotals } from "../../resolvers/hub/inspection-handover.queries";

/**
 * The quarterly inspection list (Decree 274/2025; Law 41/2024 Điều 35 khoản 3) through the real
 * server: what the files hold, that the rank order is inspectionCandidates' for the same reader,
 * that quarter Q is built from the last month of the quarter before, and that a download by the
 * provincial labour inspectorate, and only that, is recorded as a handover.
 * A hub over a database of its own, as it writes hub.inspection_handover; small pages, so that the
 * list spans several and its ranks run on across them.
 */
const PAGE_SIZE = 20;
const ingest = useIngestHub("lienthong_inspection_list", 1500, { LIENTHONG_MAX_PAGE_SIZE: String(PAGE_SIZE) });

const QUARTER = "2026-Q4";
/** The last month of the quarter before 2026-Q4: the demo's months run to 2026-10. */
const FINDINGS_MONTH = "2026-09";

const BHXH_INSPECTOR: TestClaims = { agency: "bhxh", roles: ["inspector"], purposes: ["inspection"], sub: "bhxh-inspector-national" };
const BHXH_ANALYST: TestClaims = { agency: "bhxh", roles: ["analyst"], purposes: ["statistics"], sub: "bhxh-analyst-national" };
const INSPECTORATE_79: TestClaims = { agency: "labour", roles: ["inspector"], purposes: ["inspection"], province: "79", sub: "thanh-tra-79" };
/** Bắc Kạn's plan (317/QĐ-UBND) grants the labour side of province 19 the registry's names and the tax headcount too. */
const INSPECTORATE_19: TestClaims = { agency: "labour", roles: ["inspector"], purposes: ["inspection"], province: "19", sub: "thanh-tra-19" };
const UNION_79: TestClaims = { agency: "union", roles: ["inspector"], purposes: ["monitoring"], province: "79", sub: "cong-doan-79" };
const TAX_ANALYST: TestClaims = { agency: "tax", roles: ["analyst"], purposes: ["inspection"], sub: "tax-analyst" };

const CANDIDATES = `query ($period: String!, $provinceCode: String, $first: Int, $after: String) {
  inspectionCandidates(period: $period, provinceCode: $provinceCode, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { enterprise { taxCode } uninsuredWorkers arrears findings { code } } }
  }
}`;

const CANDIDATE_HEADINGS = [
  "Thứ tự",
  "Mã số thuế",
  "Mã tỉnh",
  "Tỉnh, thành phố",
  "Số người tham gia BHXH bắt buộc",
  "Số lao động chưa tham gia BHXH",
  "Số tiền nợ (đồng)",
  "Kết luận",
  "Căn cứ (Luật 41/2024/QH15)",
  "Từ ngày",
  "Số ngày quá hạn",
];

async function download(path: string, as: TestClaims) {
  const response = await fetch(`${ingest.hub.url}${path}`, { headers: await headersFor(as) });
  const body = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    headers: response.headers,
    body,
    requestId: response.headers.get("x-request-id")!,
    json: () => JSON.parse(body.toString("utf8")),
  };
}

/** Every candidate of the month, in rank order, as `as` reads them from /graphql page by page. */
async function candidatesFor(as: TestClaims, period: string, provinceCode: string | null = null) {
  const nodes: { enterprise: { taxCode: string }; uninsuredWorkers: number; arrears: string; findings: { code: string }[] }[] = [];
  let after: string | null = null;
  do {
    const { inspectionCandidates: page }: { inspectionCandidates: any } = dataOf(
      await ingest.hub.graphql(CANDIDATES, { period, provinceCode, first: PAGE_SIZE, after }, await headersFor(as)),
    );
    nodes.push(...page.edges.map((edge: { node: (typeof nodes)[number] }) => edge.node));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return nodes;
}

function handoversOf(requestId: string) {
  return ingest.sql(
    `SELECT quarter, period, province_code, enterprises, recipient_agency, recipient_subject FROM hub.inspection_handover WHERE request_id = $1`,
    [requestId],
  );
}

const sourcesText = (workbook: ExcelJS.Workbook) =>
  rowsOf(workbook.getWorksheet("Nguồn")!)
    .map((row) => row.map(String).join(" | "))
    .join("\n");

describe("GET /reports/inspection-list/{quarter}.xlsx", () => {
  it("lists BHXH's national reader the candidates of the quarter before's last month, in inspectionCandidates' rank order, numbers as numbers under Vietnamese headings", async () => {
    const response = await download(`/reports/inspection-list/${QUARTER}.xlsx`, BHXH_INSPECTOR);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="inspection-list-${QUARTER}.xlsx"`);
    const workbook = await workbookOf(response.body);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Nguồn", "Danh sách đề nghị thanh tra", "Kết luận và chứng cứ"]);

    const list = workbook.getWorksheet("Danh sách đề nghị thanh tra")!;
    const [header, ...rows] = rowsOf(list);
    // BHXH reads names and the tax headcount for inspection (registry-identity-to-bhxh, tax-headcount-to-bhxh).
    expect(header).toEqual([
      "Thứ tự",
      "Mã số thuế",
      "Tên doanh nghiệp",
      "Mã tỉnh",
      "Tỉnh, thành phố",
      "Số lao động theo cơ quan thuế",
      ...CANDIDATE_HEADINGS.slice(4),
    ]);

    const expected = await candidatesFor(BHXH_INSPECTOR, FINDINGS_MONTH);
    expect(expected.length).toBeGreaterThan(2 * PAGE_SIZE);
    expect(rows.map((row) => row[1])).toEqual(expected.map((node) => node.enterprise.taxCode));
    expect(rows.map((row) => row[0])).toEqual(expected.map((_, index) => index + 1));
    expect(rows.some((row) => typeof row[5] === "number" && typeof row[6] !== "number")).toBe(true);
    expect(rows.map((row) => [row[7], row[8]])).toEqual(expected.map((node) => [node.uninsuredWorkers, Number(node.arrears)]));
    for (let index = 0; index < rows.length; index++) {
      const row = list.getRow(index + 2);
      // Rank, uninsured and arrears are numbers; the tax headcount and compulsory insured too where known
      // (an enterprise BHXH never enrolled has no insured figure: an empty cell, not a zero).
      for (const column of [1, 8, 9]) expect(row.getCell(column).type).toBe(ExcelJS.ValueType.Number);
      for (const column of [6, 7]) expect([ExcelJS.ValueType.Number, ExcelJS.ValueType.Null]).toContain(row.getCell(column).type);
      expect(row.getCell(2).type).toBe(ExcelJS.ValueType.String);
      expect(row.getCell(12).type).toBe(ExcelJS.ValueType.Date);
      expect(row.getCell(9).numFmt).toBe('#,##0 "₫"');
    }

    const [findingHeader, ...findings] = rowsOf(workbook.getWorksheet("Kết luận và chứng cứ")!);
    expect(findingHeader.slice(0, 6)).toEqual(["Thứ tự", "Mã số thuế", "Kết luận", "Căn cứ trốn đóng", "Điều, khoản (Luật 41/2024/QH15)", "Từ ngày"]);
    expect(findings.map((row) => [row[1], row[2]])).toEqual(
      expected.flatMap((node) => node.findings.map((finding) => [node.enterprise.taxCode, finding.code])),
    );

    const sources = sourcesText(workbook);
    expect(sources).toContain(`kỳ ${QUARTER}`);
    expect(sources).toContain(`lập từ kết luận tuân thủ tháng ${FINDINGS_MONTH} (tháng cuối của quý trước)`);
    expect(sources).toContain("trước ngày 15/10/2026");
    expect(sources).toMatch(/Điều 35 khoản 3/);
  });

  it("builds the first quarter's list from December of the year before", async () => {
    const response = await download(`/reports/inspection-list/2027-Q1.xlsx`, BHXH_INSPECTOR);
    expect(response.status).toBe(200);
    const workbook = await workbookOf(response.body);
    expect(sourcesText(workbook)).toContain("Danh sách quý 2027-Q1 lập từ kết luận tuân thủ tháng 2026-12");
    // The demo has no December 2026: the list is empty, not October's.
    expect(rowsOf(workbook.getWorksheet("Danh sách đề nghị thanh tra")!)).toHaveLength(1);
  });

  it("records no handover when BHXH downloads its own list", async () => {
    const before = await ingest.sql(`SELECT count(*)::int AS n FROM hub.inspection_handover`);
    const response = await download(`/reports/inspection-list/${QUARTER}.xlsx?provinceCode=79`, BHXH_INSPECTOR);
    expect(response.status).toBe(200);
    expect(await handoversOf(response.requestId)).toEqual([]);
    expect(await ingest.sql(`SELECT count(*)::int AS n FROM hub.inspection_handover`)).toEqual(before);
  });

  it("leaves out the name and tax headcount columns for a BHXH reader whose purpose does not grant them, instead of refusing the list", async () => {
    const response = await download(`/reports/inspection-list/${QUARTER}.xlsx`, BHXH_ANALYST);
    expect(response.status).toBe(200);
    const [header, ...rows] = rowsOf((await workbookOf(response.body)).getWorksheet("Danh sách đề nghị thanh tra")!);
    expect(header).toEqual(CANDIDATE_HEADINGS);
    expect(rows.map((row) => row[1])).toEqual((await candidatesFor(BHXH_ANALYST, FINDINGS_MONTH)).map((node) => node.enterprise.taxCode));
  });
});

describe("the list handed over to the provincial labour inspectorate", () => {
  it("gives the inspectorate of 79 its province's list only, and records one handover with its quarter, month, province and enterprises", async () => {
    const response = await download(`/reports/inspection-list/${QUARTER}.xlsx`, INSPECTORATE_79);
    expect(response.status).toBe(200);
    const workbook = await workbookOf(response.body);
    const [header, ...rows] = rowsOf(workbook.getWorksheet("Danh sách đề nghị thanh tra")!);
    // Outside Bắc Kạn's plan the labour side holds no registry or tax mandate: those columns are left out.
    expect(header).toEqual(CANDIDATE_HEADINGS);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((row) => row[2]))).toEqual(new Set(["79"]));
    const expected = await candidatesFor(INSPECTORATE_79, FINDINGS_MONTH);
    expect(rows.map((row) => row[1])).toEqual(expected.map((node) => node.enterprise.taxCode));
    expect(expected).toEqual(await candidatesFor(BHXH_INSPECTOR, FINDINGS_MONTH, "79"));

    // Each page was a query through the door, audited under the download's request id.
    const pages = (await ingest.sql(`SELECT entry FROM hub.audit_log WHERE request_id = $1`, [response.requestId])).map((row) => JSON.parse(row.entry));
    expect(pages).toHaveLength(Math.ceil(rows.length / PAGE_SIZE));
    for (const page of pages) expect(page).toMatchObject({ operationName: "report_inspection_list", outcome: "ok", agency: "labour" });

    expect(await handoversOf(response.requestId)).toEqual([
      {
        quarter: QUARTER,
        period: FINDINGS_MONTH,
        province_code: "79",
        enterprises: rows.length,
        recipient_agency: "labour",
        recipient_subject: "thanh-tra-79",
      },
    ]);
  });

  it("hands the inspectorate of 19 the names and tax headcount its province's plan grants", async () => {
    const response = await download(`/reports/inspection-list/${QUARTER}.xlsx`, INSPECTORATE_19);
    expect(response.status).toBe(200);
    const [header, ...rows] = rowsOf((await workbookOf(response.body)).getWorksheet("Danh sách đề nghị thanh tra")!);
    expect(header).toContain("Tên doanh nghiệp");
    expect(header).toContain("Số lao động theo cơ quan thuế");
    expect(await handoversOf(response.requestId)).toMatchObject([{ province_code: "19", enterprises: rows.length }]);
  });

  it("gives the findings sheet as CSV with ?sheet=findings, one line per finding, and records the handover of its enterprises", async () => {
    const response = await download(`/reports/inspection-list/${QUARTER}.csv?sheet=findings`, INSPECTORATE_79);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="inspection-list-${QUARTER}-findings.csv"`);
    const [header, ...records] = parse(response.body, { bom: true }) as string[][];
    expect(header.slice(0, 3)).toEqual(["Thứ tự", "Mã số thuế", "Kết luận"]);
    expect(header).not.toContain("Số lao động theo cơ quan thuế");
    const expected = await candidatesFor(INSPECTORATE_79, FINDINGS_MONTH);
    expect(records.map((record) => [record[1], record[2]])).toEqual(
      expected.flatMap((node) => node.findings.map((finding) => [node.enterprise.taxCode, finding.code])),
    );
    // Numbers are plain numbers: the rank of the last line is the number of enterprises.
    expect(records.at(-1)![0]).toBe(String(expected.length));
    expect(await handoversOf(response.requestId)).toMatchObject([{ province_code: "79", enterprises: expected.length }]);

    const list = await download(`/reports/inspection-list/${QUARTER}.csv`, INSPECTORATE_79);
    const [listHeader, ...listRecords] = parse(list.body, { bom: true }) as string[][];
    expect(listHeader).toEqual(CANDIDATE_HEADINGS);
    expect(listRecords.map((record) => record[1])).toEqual(expected.map((node) => node.enterprise.taxCode));
  });

  it("records nothing for an inspectorate asking for another province's list, which it gets empty", async () => {
    const response = await download(`/reports/inspection-list/${QUARTER}.xlsx?provinceCode=01`, INSPECTORATE_79);
    expect(response.status).toBe(200);
    expect(rowsOf((await workbookOf(response.body)).getWorksheet("Danh sách đề nghị thanh tra")!)).toHaveLength(1);
    expect(await handoversOf(response.requestId)).toEqual([]);
  });

  it.each([
    ["the union", UNION_79],
    ["the tax authority", TAX_ANALYST],
  ])("refuses %s with 403 and records no handover", async (_who, principal) => {
    const response = await download(`/reports/inspection-list/${QUARTER}.xlsx`, principal);
    expect(response.status).toBe(403);
    expect(response.json().error).toMatchObject({
      code: "FORBIDDEN",
      refused: [expect.objectContaining({ reason: expect.stringMatching(/^Query\.inspectionCandidates is refused/) })],
    });
    expect(await handoversOf(response.requestId)).toEqual([]);
  });

  it.each([
    ["2026-Q5", "a quarter that does not exist"],
    ["2026-09", "a month"],
    ["2026", "a year"],
  ])("refuses the period %s (%s) with 400 naming it", async (period) => {
    const response = await download(`/reports/inspection-list/${period}.xlsx`, INSPECTORATE_79);
    expect(response.status).toBe(400);
    expect(response.json().error).toMatchObject({ code: "BAD_USER_INPUT", argument: "period" });
    expect(await handoversOf(response.requestId)).toEqual([]);
  });
});

describe("handoverTotals", () => {
  const db = { query: <Row>(sql: string, params?: readonly unknown[]) => ingest.sql<Row>(sql, params as unknown[]) };

  it("counts the lists handed over in a year and their enterprises, per province and for the whole country", async () => {
    const before = {
      hcmc: await handoverTotals(db, 2026, "79"),
      national: await handoverTotals(db, 2026, null),
      nextYear: await handoverTotals(db, 2027, null),
    };
    const third = await download(`/reports/inspection-list/2026-Q3.xlsx`, INSPECTORATE_79);
    const fourth = await download(`/reports/inspection-list/${QUARTER}.csv`, INSPECTORATE_79);
    const bhxh = await download(`/reports/inspection-list/${QUARTER}.csv?provinceCode=79`, BHXH_INSPECTOR);
    const nextYear = await download(`/reports/inspection-list/2027-Q1.csv`, INSPECTORATE_19);
    for (const response of [third, fourth, bhxh, nextYear]) expect(response.status).toBe(200);
    const third79 = (await candidatesFor(INSPECTORATE_79, "2026-06")).length;
    const fourth79 = (await candidatesFor(INSPECTORATE_79, FINDINGS_MONTH)).length;
    expect(third79 + fourth79).toBeGreaterThan(0);

    expect(await handoverTotals(db, 2026, "79")).toEqual({ lists: before.hcmc.lists + 2, enterprises: before.hcmc.enterprises + third79 + fourth79 });
    expect(await handoverTotals(db, 2026, null)).toEqual({ lists: before.national.lists + 2, enterprises: before.national.enterprises + third79 + fourth79 });
    // 2027-Q1's list is 2027's handover, though built from December 2026's findings.
    expect(await handoverTotals(db, 2027, null)).toEqual({ lists: before.nextYear.lists + 1, enterprises: before.nextYear.enterprises });
    expect(await handoverTotals(db, 2025, "79")).toEqual({ lists: 0, enterprises: 0 });
  });
});
