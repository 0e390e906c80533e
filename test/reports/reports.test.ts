import ExcelJS from "exceljs";
import { rowsOf, workbookOf } from "../support/workbook";
import { parse } from "csv-parse/sync";
import { dataOf, startTestHub } from "../support/hub";
import { REGISTRY_PUBLISHER, useIngestHub } from "../support/ingest";
import { registryCsv, unregisteredTaxCode, type RegistryRow } from "../support/registry-rows";
import { headersFor, type TestClaims } from "../support/tokens";
import { testDatabaseUrl } from "../support/test-env";

/**
 * Report downloads through the real server: what the files hold (numbers as numbers, Vietnamese
 * headings, the sources sheet), that they hold exactly what the same principal reads from /graphql,
 * and that the door's rules (token, mandates, row scope, audit) hold for them as for /graphql.
 * A hub over a database of its own, so that an enterprise with an awkward name can be registered.
 */
const ingest = useIngestHub("lienthong_reports", 300);

const NATIONAL_ANALYST: TestClaims = { agency: "bhxh", roles: ["analyst"], purposes: ["statistics"], sub: "report-analyst" };
const HCMC_INSPECTOR: TestClaims = { agency: "bhxh", roles: ["inspector"], purposes: ["inspection"], province: "79", sub: "report-inspector-79" };
const NATIONAL_INSPECTOR: TestClaims = { agency: "bhxh", roles: ["inspector"], purposes: ["inspection"], sub: "report-inspector" };
const STATISTICS_ANALYST: TestClaims = { agency: "statistics", roles: ["analyst"], purposes: ["statistics"] };

const ENROLMENT = `query ($period: String!) { provinces { code name enrolment(period: $period) { units compulsoryInsured unemploymentInsured unitsInArrears source { batchId } } } }`;

async function download(path: string, as: TestClaims | null, extra: Record<string, string> = {}) {
  const headers = as ? await headersFor(as) : {};
  const response = await fetch(`${ingest.hub.url}${path}`, { headers: { ...headers, ...extra } });
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, body, json: () => JSON.parse(body.toString("utf8")) };
}

let period: string;
beforeAll(async () => {
  [{ period }] = await ingest.sql<{ period: string }>(`SELECT max(period) AS period FROM bhxh.enrolment`);
});

describe("GET /reports/enrolment/{month}.xlsx", () => {
  it("is a workbook of Vietnamese sheets whose figures are numbers equal to what the same principal reads from /graphql", async () => {
    const response = await download(`/reports/enrolment/${period}.xlsx`, NATIONAL_ANALYST);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="enrolment-${period}.xlsx"`);
    const workbook = await workbookOf(response.body);
    expect(workbook.creator).toBe("Liên thông");
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Nguồn", "Theo tỉnh"]);

    const sheet = workbook.getWorksheet("Theo tỉnh")!;
    const [header, ...rows] = rowsOf(sheet);
    expect(header).toEqual([
      "Mã tỉnh",
      "Tỉnh, thành phố",
      "Số đơn vị tham gia",
      "Số đơn vị nợ đóng",
      "Tỷ lệ đơn vị nợ đóng",
      "Số người tham gia BHXH bắt buộc",
      "Số người tham gia BHTN",
      "Tỷ lệ BHTN trên BHXH bắt buộc",
      "Mã lô dữ liệu BHXH",
    ]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });

    const { provinces } = dataOf(await ingest.hub.graphql(ENROLMENT, { period }, await headersFor(NATIONAL_ANALYST)));
    const expected = provinces
      .filter((p: any) => p.enrolment)
      .map((p: any) => [
        p.code,
        p.name,
        p.enrolment.units,
        p.enrolment.unitsInArrears,
        p.enrolment.compulsoryInsured,
        p.enrolment.unemploymentInsured,
        p.enrolment.source.batchId,
      ]);
    expect(expected.length).toBeGreaterThan(1);
    expect(rows.map((r) => [r[0], r[1], r[2], r[3], r[5], r[6], r[8]])).toEqual(expected);
    for (let index = 0; index < rows.length; index++) {
      const row = sheet.getRow(index + 2);
      for (const column of [3, 4, 5, 6, 7, 8]) expect(row.getCell(column).type).toBe(ExcelJS.ValueType.Number);
      expect(row.getCell(3).numFmt).toBe("#,##0");
      expect(row.getCell(5).numFmt).toBe("0.0%");
      expect(row.getCell(5).value).toBeCloseTo((rows[index][3] as number) / (rows[index][2] as number), 12);
    }

    const sources = rowsOf(workbook.getWorksheet("Nguồn")!)
      .map((row) => row.map(String).join(" | "))
      .join("\n");
    for (const row of expected) expect(sources).toContain(String(row[6]));
    // The mandate BHXH reads its own totals under: its legal text is named.
    expect(sources).toMatch(/Căn cứ pháp lý/);
    expect(sources).toMatch(/Điều \d+/);
  });

  it.each([
    ["a BHXH inspector of province 79", HCMC_INSPECTOR],
    ["the People's Committee of province 79", { agency: "ppc", roles: ["analyst"], purposes: ["target-setting"], province: "79" } as TestClaims],
  ])("gives %s only its province's row", async (_who, principal) => {
    const response = await download(`/reports/enrolment/${period}.xlsx`, principal);
    expect(response.status).toBe(200);
    const [, ...rows] = rowsOf((await workbookOf(response.body)).getWorksheet("Theo tỉnh")!);
    expect(rows.map((row) => row[0])).toEqual(["79"]);
  });

  it("refuses with 403 and every refused path a principal whose mandates do not cover a field, handing over no file", async () => {
    const response = await download(`/reports/enrolment/${period}.xlsx`, STATISTICS_ANALYST);
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const { error } = response.json();
    expect(error.code).toBe("FORBIDDEN");
    expect(error.refused).toHaveLength(1);
    expect(error.refused[0]).toMatchObject({ count: 34, reason: expect.stringMatching(/^Province\.enrolment is refused/) });
    expect(error.refused[0].paths[0]).toEqual(["provinces", 0, "enrolment"]);
  });

  it("refuses with 401 without a token, and with the token's reason for a bad one", async () => {
    const anonymous = await download(`/reports/enrolment/${period}.xlsx`, null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.json().error.code).toBe("UNAUTHENTICATED");
    const bad = await download(`/reports/enrolment/${period}.csv`, null, { authorization: "Bearer not-a-token" });
    expect(bad.status).toBe(401);
    expect(bad.json().error.message).toMatch(/token/i);
  });

  it.each([["/reports/annual-nonexistent/2026.xlsx"], ["/reports/enrolment/2026-03.pdf"], ["/reports/enrolment/2026-03"]])(
    "answers 404 for %s",
    async (path) => {
      const response = await download(path, NATIONAL_ANALYST);
      expect(response.status).toBe(404);
      expect(response.json().error.message).toMatch(/enrolment/);
    },
  );

  it.each([
    ["/reports/enrolment/2026-13.xlsx", "period"],
    ["/reports/enrolment/2026-Q1.csv", "period"],
    ["/reports/enrolment/2026-03.xlsx?provinceCode=7", "provinceCode"],
    ["/reports/enrolment/2026-03.xlsx?provinceCode=02", "provinceCode"],
    ["/reports/enrolment/2026-03.xlsx?province=79", "province"],
    ["/reports/enrolment/2026-03.xlsx?provinceCode=79&provinceCode=01", "provinceCode"],
    ["/reports/enrolment/2026-03.xlsx?sheet=provinces", "sheet"],
  ])("answers 400 naming the argument for %s", async (path, argument) => {
    const response = await download(path, NATIONAL_ANALYST);
    expect(response.status).toBe(400);
    const { error } = response.json();
    expect(error).toMatchObject({ code: "BAD_USER_INPUT", argument });
    expect(error.message).toContain(`"${argument}"`);
  });

  it("takes the purpose from the query string, and refuses one the token does not list with 403", async () => {
    const ok = await download(`/reports/enrolment/${period}.csv?purpose=statistics`, NATIONAL_ANALYST, { "x-purpose": "" });
    expect(ok.status).toBe(200);
    const refused = await download(`/reports/enrolment/${period}.csv?purpose=inspection`, NATIONAL_ANALYST);
    expect(refused.status).toBe(403);
    expect(refused.json().error.message).toMatch(/purpose/);
  });

  it("writes one audit row per download, naming the report, under the download's request id", async () => {
    const response = await download(`/reports/enrolment/${period}.xlsx`, HCMC_INSPECTOR);
    const requestId = response.headers.get("x-request-id");
    const rows = await ingest.sql(`SELECT entry FROM hub.audit_log WHERE request_id = $1`, [requestId]);
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0].entry)).toMatchObject({
      operationName: "report_enrolment",
      operationType: "query",
      outcome: "ok",
      agency: "bhxh",
      provinceCode: "79",
      purpose: "inspection",
      fieldsDenied: [],
    });
    expect(JSON.parse(rows[0].entry).fieldsTouched).toContain("Province.enrolment");

    const refused = await download(`/reports/enrolment/${period}.xlsx`, null);
    const [refusal] = await ingest.sql(`SELECT entry FROM hub.audit_log WHERE request_id = $1`, [refused.headers.get("x-request-id")]);
    expect(JSON.parse(refusal.entry)).toMatchObject({ operationName: "report_enrolment", outcome: "unauthenticated" });
  });
});

describe("GET /reports/{report}/{period}.csv", () => {
  it("is RFC 4180 UTF-8 with a BOM, numbers unformatted, equal to the XLSX", async () => {
    const csv = await download(`/reports/enrolment/${period}.csv`, NATIONAL_ANALYST);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe(`attachment; filename="enrolment-${period}.csv"`);
    expect([...csv.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.body.toString("utf8");
    expect(text.slice(1).split("\r\n")[0]).toBe(
      'Mã tỉnh,"Tỉnh, thành phố",Số đơn vị tham gia,Số đơn vị nợ đóng,Tỷ lệ đơn vị nợ đóng,Số người tham gia BHXH bắt buộc,Số người tham gia BHTN,Tỷ lệ BHTN trên BHXH bắt buộc,Mã lô dữ liệu BHXH',
    );
    const [, ...records] = parse(csv.body, { bom: true }) as string[][];
    const workbook = await workbookOf((await download(`/reports/enrolment/${period}.xlsx`, NATIONAL_ANALYST)).body);
    const [, ...rows] = rowsOf(workbook.getWorksheet("Theo tỉnh")!);
    expect(records.map((record) => [record[0], record[1], Number(record[2]), Number(record[5]), Number(record[4])])).toEqual(
      rows.map((row) => [row[0], row[1], row[2], row[5], row[4]]),
    );
    for (const record of records) expect(record[5]).toMatch(/^\d+$/);
  });

  it("quotes commas, quotes and line breaks in names, defuses formula-like text, and pages through the whole list", async () => {
    const taxCode = await unregisteredTaxCode(ingest, 300_000_000);
    const awkward = 'Công ty TNHH "Sao Mai", Chi nhánh Thủ Đức';
    const formula = await unregisteredTaxCode(ingest, 300_100_000);
    const row = (code: string, name: string, address: string): RegistryRow => ({
      tax_code: code,
      parent_tax_code: "",
      name,
      legal_form: "LLC2",
      status: "ACTIVE",
      registered_on: "2024-05-02",
      province_code: "79",
      commune_code: "",
      sector_code: "C",
      industrial_zone_code: "",
      address,
      legal_rep_name: "",
      legal_rep_id_number: "",
    });
    const published = await ingest.post(
      "registry",
      "2026-11-20",
      registryCsv([row(taxCode, awkward, "Số 1, đường Võ Văn Ngân\nphường Thủ Đức"), row(formula, '=HYPERLINK("http://x")', "")]),
      { as: REGISTRY_PUBLISHER },
    );
    if (published.body.status !== "APPLIED") throw new Error(JSON.stringify(published.body));

    const csv = await download(`/reports/enterprises/${period}.csv?provinceCode=79`, HCMC_INSPECTOR);
    expect(csv.status).toBe(200);
    const [header, ...records] = parse(csv.body, { bom: true }) as string[][];
    expect(header.slice(0, 3)).toEqual(["Mã số thuế", "Tên doanh nghiệp", "Địa chỉ trụ sở"]);
    const ours = records.find((record) => record[0] === taxCode)!;
    expect(ours[1]).toBe(awkward);
    expect(ours[2]).toBe("Số 1, đường Võ Văn Ngân\nphường Thủ Đức");
    expect(ours[5]).toBe("2024-05-02");
    expect(records.find((record) => record[0] === formula)![1]).toBe('\'=HYPERLINK("http://x")');

    const [{ count }] = await ingest.sql(`SELECT count(*)::int AS count FROM registry.enterprise WHERE province_code = '79'`);
    expect(records).toHaveLength(count);
    expect(new Set(records.map((record) => record[0])).size).toBe(count);
    expect(records.every((record) => record[3] === "79")).toBe(true);
  });

  it("reads a national list page by page through the door, one audit row per page, amounts and dates typed in the XLSX", async () => {
    const response = await download(`/reports/enterprises/${period}.xlsx`, NATIONAL_INSPECTOR);
    expect(response.status).toBe(200);
    const [{ count }] = await ingest.sql(`SELECT count(*)::int AS count FROM registry.enterprise`);
    const workbook = await workbookOf(response.body);
    const sheet = workbook.getWorksheet("Doanh nghiệp")!;
    expect(sheet.rowCount).toBe(count + 1);
    const [{ tax_code, arrears_vnd }] = await ingest.sql(
      `SELECT u.tax_code, e.arrears_vnd::text FROM bhxh.enrolment e JOIN bhxh.unit u ON u.code = e.unit_code WHERE e.period = $1 AND e.arrears_vnd > 0 ORDER BY u.tax_code LIMIT 1`,
      [period],
    );
    let found = false;
    sheet.eachRow((row, number) => {
      if (number === 1 || row.getCell(1).value !== tax_code) return;
      found = true;
      expect(row.getCell(6).type).toBe(ExcelJS.ValueType.Date);
      expect(row.getCell(11).type).toBe(ExcelJS.ValueType.Number);
      expect(row.getCell(11).value).toBe(Number(arrears_vnd));
    });
    expect(found).toBe(true);
    const pages = await ingest.sql(`SELECT entry FROM hub.audit_log WHERE request_id = $1`, [response.headers.get("x-request-id")]);
    expect(pages.length).toBe(Math.ceil(count / 100));
    expect(pages.map((page: any) => JSON.parse(page.entry)).every((entry: any) => entry.operationName === "report_enterprises" && entry.outcome === "ok")).toBe(
      true,
    );
  });
});

describe("LIENTHONG_REPORT_MAX_ROWS", () => {
  it("answers 413 saying so, for a list whose count is known first and for one that is counted as it is read, and the hub serves on", async () => {
    const hub = await startTestHub({ DATABASE_URL: testDatabaseUrl(), LIENTHONG_REPORT_MAX_ROWS: "5" });
    try {
      const headers = await headersFor(NATIONAL_INSPECTOR);
      for (const path of [`/reports/enterprises/${period}.xlsx`, `/reports/enrolment/${period}.csv`]) {
        const response = await fetch(`${hub.url}${path}`, { headers });
        expect(response.status).toBe(413);
        const { error } = (await response.json()) as any;
        expect(error.code).toBe("REPORT_TOO_LARGE");
        expect(error.message).toContain("LIENTHONG_REPORT_MAX_ROWS");
      }
      const small = await fetch(`${hub.url}/reports/enrolment/${period}.csv?provinceCode=79`, { headers });
      expect(small.status).toBe(200);
    } finally {
      await hub.stop();
    }
  });
});
