import { randomUUID } from "node:crypto";
import type ExcelJS from "exceljs";
import { rowsOf, workbookOf } from "../support/workbook";
import { dataOf } from "../support/hub";
import { useIngestHub } from "../support/ingest";
import { headersFor, type TestClaims } from "../support/tokens";

/**
 * The yearly report (issue 10), through the real server on the demo's data: each part is the same
 * figure the graph gives elsewhere (coverage, progress, findings) or the database holds (arrears,
 * inspection lists handed over), for the area the principal may see.
 */
const ingest = useIngestHub("lienthong_annual_report", 400);
const YEAR = 2026;
const REPORT = `query ($year: Int!, $provinceCode: String) {
  annualReport(year: $year, provinceCode: $provinceCode) {
    year provinceCode dueBefore month
    province { code name }
    coverage { scope period participants rate }
    progress { year participantGap rateGapPoints reason }
    provincesBelowFloor { scope rate }
    findings { code enterprises }
    arrears { employers arrearsVnd evading }
    inspectionsHandedOver { lists enterprises }
  }
}`;
const PPC = (province: string): TestClaims => ({ agency: "ppc", roles: ["analyst"], purposes: ["target-setting"], province });
const NATIONAL_BHXH: TestClaims = { agency: "bhxh", roles: ["analyst"], purposes: ["statistics"] };

const report = async (who: TestClaims, variables: Record<string, unknown>) => ingest.hub.graphql(REPORT, variables, await headersFor(who));

let province: string;
/** BHXH's latest month of the year, and the latest whose quarter's labour force is published: the report's month. */
let latestBhxhMonth: string;
let month: string;
beforeAll(async () => {
  [{ latestBhxhMonth }] = await ingest.sql(
    `SELECT max(period) AS "latestBhxhMonth" FROM bhxh.participation_by_province_month WHERE period LIKE '${YEAR}-%' AND compulsory_insured IS NOT NULL`,
  );
  const [{ quarter }] = await ingest.sql(`SELECT max(period) AS quarter FROM statistics.labour_force WHERE period LIKE '${YEAR}-Q_'`);
  month = `${YEAR}-${String(Number(quarter.slice(-1)) * 3).padStart(2, "0")}`;
  // The province with the most findings that month, so that every count is exercised.
  [{ province }] = await ingest.sql(
    `SELECT s.province_code AS province FROM hub.compliance_finding f JOIN hub.compliance_subject s USING (period, tax_code)
      WHERE f.period = $1 GROUP BY s.province_code ORDER BY count(*) DESC, s.province_code LIMIT 1`,
    [month],
  );
  // Two quarters' lists handed over in the province, one the year before and one in another province.
  for (const [quarter, code, enterprises] of [
    [`${YEAR}-Q1`, province, 7],
    [`${YEAR}-Q3`, province, 5],
    [`${YEAR - 1}-Q4`, province, 11],
    [`${YEAR}-Q3`, province === "01" ? "79" : "01", 13],
  ] as const) {
    await ingest.sql(
      `INSERT INTO hub.inspection_handover (quarter, period, province_code, enterprises, recipient_agency, recipient_subject, request_id)
       VALUES ($1, $2, $3, $4, 'labour', 'inspector-test', $5)`,
      [quarter, month, code, enterprises, randomUUID()],
    );
  }
});

describe("annualReport", () => {
  it("reports a People's Committee's own province for the year's latest BHXH month, each part equal to the graph's and the data's figures", async () => {
    const who = PPC(province);
    const { annualReport } = dataOf(await report(who, { year: YEAR }));
    expect(annualReport).toMatchObject({ year: YEAR, provinceCode: province, dueBefore: `${YEAR}-12-05`, month, province: { code: province } });

    const { province: graph } = dataOf(
      await ingest.hub.graphql(
        `query ($code: String!, $period: String) { province(code: $code) { coverage(period: $period) { scope period participants rate } progress(period: $period) { year participantGap rateGapPoints reason } } }`,
        { code: province, period: month },
        await headersFor(who),
      ),
    );
    expect(annualReport.coverage).toEqual(graph.coverage);
    expect(annualReport.coverage.rate).not.toBeNull();
    // A later BHXH month has no labour force to set it against yet: the report does not take it.
    expect(latestBhxhMonth > month).toBe(true);
    const { province: later } = dataOf(
      await ingest.hub.graphql(
        `query ($code: String!, $period: String) { province(code: $code) { coverage(period: $period) { rate reason } } }`,
        { code: province, period: latestBhxhMonth },
        await headersFor(who),
      ),
    );
    expect(later.coverage).toEqual({ rate: null, reason: expect.stringContaining("labour force") });
    expect(annualReport.progress).toEqual(graph.progress);

    const counts = await ingest.sql(
      `SELECT f.code, count(DISTINCT f.tax_code)::int AS enterprises FROM hub.compliance_finding f JOIN hub.compliance_subject s USING (period, tax_code)
        WHERE f.period = $1 AND s.province_code = $2 GROUP BY f.code`,
      [month, province],
    );
    const expected = ["NOT_ENROLLED", "UNDER_DECLARED", "LATE_PAYMENT", "EVASION"].map((code) => ({
      code,
      enterprises: counts.find((c) => c.code === code)?.enterprises ?? 0,
    }));
    expect(annualReport.findings).toEqual(expected);
    expect(expected.some((c) => c.enterprises > 0)).toBe(true);

    const [owing] = await ingest.sql(
      `SELECT count(*)::int AS employers, coalesce(sum(a), 0)::float8 AS "arrearsVnd", count(*) FILTER (WHERE e)::int AS evading FROM (
         SELECT f.tax_code, max(f.arrears_vnd) AS a, bool_or(f.code = 'EVASION') AS e FROM hub.compliance_finding f JOIN hub.compliance_subject s USING (period, tax_code)
          WHERE f.period = $1 AND s.province_code = $2 AND (f.code = 'LATE_PAYMENT' OR (f.code = 'EVASION' AND f.ground = 'UNPAID_AFTER_REMINDER')) GROUP BY f.tax_code) x`,
      [month, province],
    );
    expect(annualReport.arrears).toEqual(owing);
    expect(annualReport.inspectionsHandedOver).toEqual({ lists: 2, enterprises: 12 });
    expect(annualReport.provincesBelowFloor).toEqual(graph.coverage.rate < 20 ? [{ scope: province, rate: graph.coverage.rate }] : []);
  });

  it("lists, for the nation, exactly the provinces under 20% in the report's month, lowest first", async () => {
    const { annualReport } = dataOf(await report(NATIONAL_BHXH, { year: YEAR }));
    expect(annualReport.provinceCode).toBeNull();
    const { provinces } = dataOf(
      await ingest.hub.graphql(
        `query ($period: String) { provinces { code coverage(period: $period) { rate } } }`,
        { period: month },
        await headersFor(NATIONAL_BHXH),
      ),
    );
    const below = provinces
      .filter((p: { coverage: { rate: number | null } | null }) => p.coverage?.rate != null && p.coverage.rate < 20)
      .map((p: { code: string; coverage: { rate: number } }) => ({ scope: p.code, rate: p.coverage.rate }))
      .sort((a: { rate: number }, b: { rate: number }) => a.rate - b.rate);
    expect(below.length).toBeGreaterThan(0);
    expect(annualReport.provincesBelowFloor).toEqual(below);
    expect(annualReport.inspectionsHandedOver).toEqual({ lists: 3, enterprises: 25 });
  });

  it("gives a provincial principal no other province's report, and a year without BHXH data no figures", async () => {
    const other = province === "01" ? "79" : "01";
    expect(dataOf(await report(PPC(province), { year: YEAR, provinceCode: other })).annualReport).toBeNull();
    const { annualReport } = dataOf(await report(PPC(province), { year: 2019 }));
    expect(annualReport).toMatchObject({
      month: null,
      coverage: null,
      progress: null,
      findings: null,
      arrears: null,
      inspectionsHandedOver: { lists: 0, enterprises: 0 },
    });
  });

  it("refuses a malformed year or province code, naming the argument", async () => {
    for (const [variables, argument] of [
      [{ year: 1850 }, "year"],
      [{ year: YEAR, provinceCode: "7" }, "provinceCode"],
    ] as const) {
      const response = await report(NATIONAL_BHXH, variables);
      expect(response.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" }, message: expect.stringContaining(argument) });
    }
  });

  it("is refused to an agency no mandate grants BHXH's aggregates, with FORBIDDEN on the field", async () => {
    const response = await report({ agency: "tax", roles: ["analyst"], purposes: ["statistics"] }, { year: YEAR });
    expect(response.data?.annualReport).toBeNull();
    expect(response.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: ["annualReport"], extensions: expect.objectContaining({ code: "FORBIDDEN" }) })]),
    );
  });
});

describe("GET /reports/annual/{year}", () => {
  const download = async (path: string, who: TestClaims) => {
    const response = await fetch(`${ingest.hub.url}${path}`, { headers: await headersFor(who) });
    return { status: response.status, type: response.headers.get("content-type"), body: Buffer.from(await response.arrayBuffer()) };
  };

  it("is the same report as an XLSX with Vietnamese headings and numbers as numbers, and its findings as CSV", async () => {
    const who = PPC(province);
    const { annualReport } = dataOf(await report(who, { year: YEAR }));
    const file = await download(`/reports/annual/${YEAR}.xlsx`, who);
    expect(file.status).toBe(200);
    const workbook = await workbookOf(file.body);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Nguồn", "Tổng hợp", "Tỉnh dưới 20%", "Vi phạm theo loại"]);

    const summary = workbook.getWorksheet("Tổng hợp")!;
    const headings = (summary.getRow(1).values as ExcelJS.CellValue[]).slice(1);
    const cell = (heading: string) => summary.getRow(2).getCell(headings.indexOf(heading) + 1).value;
    expect(cell("Năm báo cáo")).toBe(YEAR);
    expect(cell("Kỳ số liệu (tháng)")).toBe(month);
    expect(cell("Số người tham gia BHXH")).toBe(annualReport.coverage.participants);
    expect(cell("Tỷ lệ bao phủ BHXH")).toBeCloseTo(annualReport.coverage.rate / 100, 6);
    expect(cell("Số đơn vị chậm đóng, trốn đóng")).toBe(annualReport.arrears.employers);
    expect(typeof cell("Số tiền nợ đóng")).toBe("number");
    expect(cell("Số tiền nợ đóng")).toBe(annualReport.arrears.arrearsVnd);
    expect(cell("Danh sách đã chuyển thanh tra")).toBe(2);
    expect(cell("Số doanh nghiệp trong danh sách")).toBe(12);

    const findings = workbook.getWorksheet("Vi phạm theo loại")!;
    const [, ...rows] = rowsOf(findings);
    expect(rows.map(([code, , enterprises]) => ({ code, enterprises }))).toEqual(annualReport.findings);

    const csv = await download(`/reports/annual/${YEAR}.csv?sheet=findings`, who);
    expect(csv.status).toBe(200);
    const lines = csv.body
      .toString("utf8")
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("Mã,Loại vi phạm,Số doanh nghiệp");
    expect(lines.slice(1).map((line) => [line.split(",")[0], Number(line.split(",").at(-1))])).toEqual(
      annualReport.findings.map((f: { code: string; enterprises: number }) => [f.code, f.enterprises]),
    );
  });

  it("is refused whole, with 403, to a reader no mandate grants it", async () => {
    const file = await download(`/reports/annual/${YEAR}.xlsx`, { agency: "tax", roles: ["analyst"], purposes: ["statistics"] });
    expect(file.status).toBe(403);
    expect(JSON.parse(file.body.toString("utf8")).error.code).toBe("FORBIDDEN");
  });
});
