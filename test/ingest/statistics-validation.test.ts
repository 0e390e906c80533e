import { useIngestHub } from "../support/ingest";
import { labourForceCsv, labourForceRow, LABOUR_FORCE_HEADER, STATISTICS_PUBLISHER, statisticsState } from "../support/statistics-ingest";

/**
 * A labour-force batch is checked whole and applied all or nothing: every kind of bad row is
 * reported with its line, column and reason and leaves the database as it was, apart from the
 * batch's own REJECTED record. Through POST /ingest/statistics on real PostgreSQL.
 */
const ingest = useIngestHub("lienthong_statistics_validation", 60);
const PERIOD = "2026-Q4";
const rows = ["01", "40", "79"].map((province) => labourForceRow(province, PERIOD));
const COLUMN = Object.fromEntries(LABOUR_FORCE_HEADER.split(",").map((name, i) => [name, i]));

/** The valid rows with row `index` (0-based; line index + 2) changed at `column`. */
function withChange(index: number, column: string, value: string | number, from = rows): (string | number)[][] {
  return from.map((row, i) => (i === index ? row.map((cell, c) => (c === COLUMN[column] ? value : cell)) : row));
}

async function expectRejected(
  body: string,
  expected: { line: number; column: string | null; reason: RegExp | string },
  options: { period?: string; as?: typeof STATISTICS_PUBLISHER } = {},
) {
  const before = await statisticsState(ingest);
  const response = await ingest.post("statistics", options.period ?? PERIOD, body, { as: options.as ?? STATISTICS_PUBLISHER });
  expect(response.status).toBe(400);
  expect(response.body.status).toBe("REJECTED");
  const reason = typeof expected.reason === "string" ? expected.reason : expect.stringMatching(expected.reason);
  expect(response.body.errors).toEqual(expect.arrayContaining([{ line: expected.line, column: expected.column, reason }]));
  expect(await statisticsState(ingest)).toEqual(before);
  const [record] = await ingest.sql(`SELECT status, domain, applied_at FROM hub.batch WHERE id = $1`, [response.body.id]);
  expect(record).toEqual({ status: "REJECTED", domain: "statistics", applied_at: null });
  return response.body;
}

describe("a labour-force batch is refused whole, with each problem's line, column and reason", () => {
  it("a former province code, naming the province it merged into", async () => {
    await expectRejected(labourForceCsv(withChange(1, "province_code", "74")), {
      line: 3,
      column: "province_code",
      reason: /province 74 \(Bình Dương\) merged into 79 \(.*Hồ Chí Minh\) on 2025-07-01: report it under 79/,
    });
  });

  it("a province code no province has", async () => {
    await expectRejected(labourForceCsv(withChange(2, "province_code", "99")), { line: 4, column: "province_code", reason: /no province has the code 99/ });
  });

  it("a negative figure", async () => {
    await expectRejected(labourForceCsv(withChange(0, "away_from_home", -12)), { line: 2, column: "away_from_home", reason: "a figure cannot be negative" });
  });

  it("a figure that is not a whole number", async () => {
    await expectRejected(labourForceCsv(withChange(0, "population", "1.5e6")), { line: 2, column: "population", reason: /whole number of people/ });
  });

  it("employed and unemployed that do not add up to the labour force, saying the three numbers", async () => {
    await expectRejected(labourForceCsv(withChange(1, "employed", 90_000)), {
      line: 3,
      column: "labour_force",
      reason: "employed 90000 + unemployed 2500 = 92500, not the labour force 100000: the labour force is the employed and the unemployed",
    });
  });

  it("a working-age labour force larger than the labour force", async () => {
    await expectRejected(labourForceCsv(withChange(0, "working_age_labour_force", 100_001)), {
      line: 2,
      column: "working_age_labour_force",
      reason: /working_age_labour_force 100001 is more than labour_force 100000/,
    });
  });

  it("a working-age labour force larger than the working-age population", async () => {
    await expectRejected(labourForceCsv(withChange(2, "working_age_population", 80_000)), {
      line: 4,
      column: "working_age_labour_force",
      reason: /working_age_labour_force 88000 is more than working_age_population 80000/,
    });
  });

  it("a period written in another shape than the domain's", async () => {
    await expectRejected(labourForceCsv(withChange(0, "period", "2026-10")), {
      line: 2,
      column: "period",
      reason: /per quarter or year: write YYYY-Qn.* or YYYY/,
    });
  });

  it("a period that has not begun", async () => {
    await expectRejected(labourForceCsv(withChange(1, "period", "2099")), { line: 3, column: "period", reason: /2099 has not begun/ });
  });

  it("a row for another period than the batch's", async () => {
    await expectRejected(labourForceCsv(withChange(1, "period", "2026-Q3")), {
      line: 3,
      column: "period",
      reason: /2026-Q3 is not the batch's period 2026-Q4/,
    });
  });

  it("the same province twice in one batch", async () => {
    await expectRejected(labourForceCsv([...rows, rows[1]]), { line: 5, column: "province_code", reason: /the same province_code and period as line 3/ });
  });

  it("a province outside a provincial publisher's token", async () => {
    await expectRejected(
      labourForceCsv(rows),
      { line: 4, column: "province_code", reason: "province 79 is outside your token's province 40" },
      { as: { ...STATISTICS_PUBLISHER, province: "40" } },
    );
  });

  it("a malformed CSV line", async () => {
    const body = labourForceCsv(rows).replace(`${rows[1].join(",")}\n`, `${rows[1].join(",")},extra\n`);
    await expectRejected(body, { line: 3, column: null, reason: /has 10 fields where the header has 9/ });
  });
});

describe("what a labour-force batch may be", () => {
  it("refuses a period argument of neither shape before reading anything, writing no batch", async () => {
    const before = await ingest.sql(`SELECT count(*)::int AS n FROM hub.batch`);
    const response = await ingest.post("statistics", "2026-11", labourForceCsv(rows), { as: STATISTICS_PUBLISHER });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: "BAD_USER_INPUT", message: expect.stringMatching(/YYYY-Qn.* or YYYY/) });
    expect(await ingest.sql(`SELECT count(*)::int AS n FROM hub.batch`)).toEqual(before);
  });

  it("applies a quarter's batch and a year's batch alike", async () => {
    const quarter = await ingest.post("statistics", PERIOD, labourForceCsv(rows), { as: STATISTICS_PUBLISHER });
    expect(quarter.status).toBe(200);
    expect(quarter.body).toMatchObject({ status: "APPLIED", rowCount: 3, domain: "statistics", period: PERIOD, publisher: "statistics-publisher-test" });
    const year = await ingest.post("statistics", "2026", labourForceCsv(rows.map((row) => [row[0], "2026", ...row.slice(2)])), { as: STATISTICS_PUBLISHER });
    expect(year.body).toMatchObject({ status: "APPLIED", rowCount: 3, period: "2026" });
    const applied = await ingest.sql(
      `SELECT province_code, period, labour_force, batch_id FROM statistics.labour_force WHERE period IN ($1, '2026') ORDER BY period, province_code`,
      [PERIOD],
    );
    expect(applied).toEqual([
      ...rows.map((row) => ({ province_code: row[0], period: "2026", labour_force: row[4], batch_id: year.body.id })),
      ...rows.map((row) => ({ province_code: row[0], period: PERIOD, labour_force: row[4], batch_id: quarter.body.id })),
    ]);
  });
});
