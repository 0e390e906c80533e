import { BHXH_HEADER, BHXH_PUBLISHER, bhxhCsv, bhxhState, COLUMN, demoUnitRows, unknownTaxCode } from "../support/bhxh-ingest";
import { useIngestHub } from "../support/ingest";

/**
 * A BHXH batch of units and monthly enrolment is checked whole and applied all or nothing: every
 * kind of bad row is reported with its line, column and reason, and leaves the database exactly as
 * it was, apart from the batch's own REJECTED record. Through POST /ingest/bhxh on real PostgreSQL.
 */
const ingest = useIngestHub("lienthong_bhxh_validation");
const PERIOD = "2026-11";

let rows: (string | number)[][];
let unknown: string;
beforeAll(async () => {
  rows = await demoUnitRows(ingest, PERIOD, 3);
  unknown = await unknownTaxCode(ingest);
});

/** The valid rows with row `index` (0-based; line index + 2) changed at the named columns. */
function withChange(index: number, changes: Record<string, string | number>): (string | number)[][] {
  const names = BHXH_HEADER.split(",");
  return rows.map((row, i) => (i === index ? row.map((cell, c) => (names[c] in changes ? changes[names[c]] : cell)) : row));
}

async function expectRejected(body: string, expected: { line: number; column: string; reason: RegExp }) {
  const before = await bhxhState(ingest);
  const response = await ingest.post("bhxh", PERIOD, body, { as: BHXH_PUBLISHER });
  expect(response.status).toBe(400);
  expect(response.body.status).toBe("REJECTED");
  expect(response.body.errors).toEqual(
    expect.arrayContaining([{ line: expected.line, column: expected.column, reason: expect.stringMatching(expected.reason) }]),
  );
  expect(await bhxhState(ingest)).toEqual(before);
  // The batch's own record is the one thing written: the publisher reads why through ingestBatch.
  const [record] = await ingest.sql(`SELECT status, domain, error_count, applied_at FROM hub.batch WHERE id = $1`, [response.body.id]);
  expect(record).toEqual({ status: "REJECTED", domain: "bhxh", error_count: response.body.errorCount, applied_at: null });
  return response.body;
}

describe("a BHXH enrolment batch is refused whole, with each problem's line, column and reason", () => {
  it("a unit code of another shape than BHXH's", async () => {
    await expectRejected(bhxhCsv(withChange(0, { unit_code: "HJ0042A" })), {
      line: 2,
      column: "unit_code",
      reason: /two capital letters, five digits and a letter/,
    });
  });

  it("a tax code whose check digit does not match", async () => {
    const good = String(rows[1][COLUMN.tax_code]);
    const bad = good.slice(0, 9) + String((Number(good[9]) + 1) % 10);
    await expectRejected(bhxhCsv(withChange(1, { tax_code: bad })), { line: 3, column: "tax_code", reason: /check digit/ });
  });

  it("a row for an enterprise the business registry does not know (the registry's own check)", async () => {
    await expectRejected(bhxhCsv([...rows, ["HJ99999Z", unknown, "Công ty TNHH Ma", "79", "2020-01-01", PERIOD, 3, 3, 9_000_000, 9_000_000, 0, 0]]), {
      line: 5,
      column: "tax_code",
      reason: new RegExp(`registry knows no enterprise with tax code ${unknown}`),
    });
  });

  it("a former province code, naming the province it merged into", async () => {
    await expectRejected(bhxhCsv(withChange(0, { province_code: "74" })), {
      line: 2,
      column: "province_code",
      reason: /province 74 \(Bình Dương\) merged into 79 \(.*Hồ Chí Minh\) on 2025-07-01: report it under 79/,
    });
  });

  it("a province code no province has", async () => {
    await expectRejected(bhxhCsv(withChange(2, { province_code: "99" })), { line: 4, column: "province_code", reason: /no province has the code 99/ });
  });

  it("a negative count of insured workers", async () => {
    await expectRejected(bhxhCsv(withChange(0, { compulsory_insured: -5 })), { line: 2, column: "compulsory_insured", reason: /a count cannot be negative/ });
  });

  it("more workers in unemployment insurance than in compulsory insurance", async () => {
    await expectRejected(bhxhCsv(withChange(1, { compulsory_insured: 4, unemployment_insured: 6 })), {
      line: 3,
      column: "unemployment_insured",
      reason: /6 in unemployment insurance but 4 in compulsory/,
    });
  });

  it("a negative contribution", async () => {
    await expectRejected(bhxhCsv(withChange(2, { contribution_paid_vnd: -1000 })), {
      line: 4,
      column: "contribution_paid_vnd",
      reason: /an amount cannot be negative/,
    });
  });

  it("arrears owed with no month overdue, and months overdue with nothing owed", async () => {
    await expectRejected(bhxhCsv(withChange(0, { arrears_vnd: 5_000_000, arrears_months: 0 })), {
      line: 2,
      column: "arrears_months",
      reason: /arrears are owed but no month overdue/,
    });
    await expectRejected(bhxhCsv(withChange(1, { arrears_vnd: 0, arrears_months: 3 })), {
      line: 3,
      column: "arrears_months",
      reason: /months overdue are given but no arrears are owed/,
    });
  });

  it("a period written in another shape than the domain's", async () => {
    await expectRejected(bhxhCsv(withChange(0, { period: "2026-Q4" })), { line: 2, column: "period", reason: /per month: write YYYY-MM/ });
  });

  it("a period that has not begun", async () => {
    await expectRejected(bhxhCsv(withChange(2, { period: "2099-01" })), { line: 4, column: "period", reason: /2099-01 has not begun/ });
  });

  it("a registration date after the month reported", async () => {
    await expectRejected(bhxhCsv(withChange(1, { registered_on: "2026-12-01" })), { line: 3, column: "registered_on", reason: /2026-12-01/ });
    await expectRejected(bhxhCsv(withChange(1, { registered_on: "2026-02-30" })), { line: 3, column: "registered_on", reason: /not a day of the calendar/ });
  });

  it("the same unit twice in one batch", async () => {
    await expectRejected(bhxhCsv([...rows, rows[0]]), { line: 5, column: "unit_code", reason: /the same unit_code as line 2/ });
  });

  it("a unit code BHXH holds for another enterprise", async () => {
    const [, other] = rows;
    const body = await expectRejected(bhxhCsv(withChange(0, { tax_code: other[COLUMN.tax_code] })), {
      line: 2,
      column: "unit_code",
      reason: new RegExp(`unit ${rows[0][COLUMN.unit_code]} is registered to tax code ${rows[0][COLUMN.tax_code]}, not ${other[COLUMN.tax_code]}`),
    });
    // The two rows name one enterprise, which registers one unit.
    expect(body.errors).toContainEqual({ line: 3, column: "tax_code", reason: expect.stringContaining("the same tax_code as line 2") });
  });

  it("an enterprise BHXH already registers under another unit code", async () => {
    await expectRejected(bhxhCsv(withChange(2, { unit_code: "HJ99998Z" })), {
      line: 4,
      column: "tax_code",
      reason: new RegExp(`tax code ${rows[2][COLUMN.tax_code]} is registered as unit ${rows[2][COLUMN.unit_code]}, not HJ99998Z`),
    });
  });

  it("a period argument of the wrong shape, before reading anything", async () => {
    const before = await ingest.sql(`SELECT count(*)::int AS n FROM hub.batch`);
    const response = await ingest.post("bhxh", "2026-Q4", bhxhCsv(rows), { as: BHXH_PUBLISHER });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: "BAD_USER_INPUT", message: expect.stringContaining("YYYY-MM") });
    expect(await ingest.sql(`SELECT count(*)::int AS n FROM hub.batch`)).toEqual(before);
  });
});

describe("a valid BHXH batch", () => {
  it("is applied whole: the month's rows and the units' registration, each with the batch as its source", async () => {
    const response = await ingest.post("bhxh", PERIOD, bhxhCsv(rows), { as: BHXH_PUBLISHER });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: "APPLIED",
      rowCount: 3,
      domain: "bhxh",
      period: PERIOD,
      kind: "import",
      errorCount: 0,
      publisher: "bhxh-publisher-test",
    });
    const applied = await ingest.sql(`SELECT unit_code, compulsory_insured FROM bhxh.enrolment WHERE batch_id = $1 ORDER BY unit_code`, [response.body.id]);
    expect(applied).toEqual(rows.map((row) => ({ unit_code: row[COLUMN.unit_code], compulsory_insured: row[COLUMN.compulsory_insured] })));
    // Unchanged registrations stay as they were, with the batch they came in.
    expect(await ingest.sql(`SELECT count(*)::int AS n FROM bhxh.unit WHERE batch_id = $1`, [response.body.id])).toEqual([{ n: 0 }]);
  });
});
