import fs from "node:fs";
import path from "node:path";
import type { QueryRunner } from "typeorm";
import { TaxHeadcountProvince1795312000000 } from "../../migrations/1795312000000-tax-headcount-province";
import { TaxHeadcountForCompliance1795315000002 } from "../../migrations/1795315000002-tax-headcount-for-compliance";
import { openDatabase } from "../../src/database";
import { loadDemoData } from "../../src/demo/load-demo";
import { freshDatabase, onServer, queryAt } from "../support/fresh-database";
import { testDataDir } from "../support/test-env";

const DATABASE = "lienthong_tax_province";
const MIGRATION = new TaxHeadcountProvince1795312000000().name;
let url: string;

/** Opens the database as a hub starting up would, migrating it; returns what it logged. */
async function start(): Promise<string[]> {
  const lines: string[] = [];
  const dataDir = fs.mkdtempSync(path.join(testDataDir(), "tax-province-"));
  const database = await openDatabase({ databaseUrl: url, dataDir, embeddedPgPort: 0, poolSize: 2, log: (line) => lines.push(line) });
  await database.close();
  return lines;
}

const provinceColumn = () =>
  queryAt(url, `SELECT is_nullable FROM information_schema.columns WHERE table_schema = 'tax' AND table_name = 'headcount' AND column_name = 'province_code'`);

beforeAll(async () => {
  url = await freshDatabase(DATABASE);
  await start();
  await loadDemoData(url, { enterprises: 200 });
  // Back to where the previous release left a database: the demo's rows, without the column or its
  // migration, nor the later view that reads the column (its migration runs again after this one).
  const runner = { query: (sql: string) => queryAt(url, sql) } as unknown as QueryRunner;
  const laterView = new TaxHeadcountForCompliance1795315000002();
  await laterView.down(runner);
  await new TaxHeadcountProvince1795312000000().down(runner);
  await queryAt(url, `DELETE FROM lienthong_migrations WHERE name = ANY($1)`, [[MIGRATION, laterView.name]]);
});

afterAll(() => onServer(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`));

describe(`${MIGRATION} on a database with data`, () => {
  it("stops, naming them, at headcount rows the registry cannot place, and changes nothing", async () => {
    await queryAt(
      url,
      `INSERT INTO tax.headcount SELECT '0109999999', period, operating_status, employees, total_wages_vnd, batch_id FROM tax.headcount LIMIT 1`,
    );
    // TypeORM prints the failure itself as well; the test reads it from the rejection.
    const typeormLog = jest.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      await expect(start()).rejects.toThrow(/1 tax code\(s\) the registry does not know \(0109999999…\)/);
      expect(await provinceColumn()).toEqual([]);
      expect(await queryAt(url, `SELECT 1 FROM lienthong_migrations WHERE name = $1`, [MIGRATION])).toEqual([]);
    } finally {
      typeormLog.mockRestore();
      await queryAt(url, `DELETE FROM tax.headcount WHERE tax_code = '0109999999'`);
    }
  });

  it("runs once, giving every row the province the registry holds for its enterprise, then NOT NULL", async () => {
    expect(await start()).toContain(`Applied 2 migration(s): ${MIGRATION}, TaxHeadcountForCompliance1795315000002`);
    expect(await provinceColumn()).toEqual([{ is_nullable: "NO" }]);
    const [rows] = await queryAt(
      url,
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE h.province_code IS DISTINCT FROM e.province_code)::int AS misplaced
         FROM tax.headcount h LEFT JOIN registry.enterprise e USING (tax_code)`,
    );
    expect(rows.total).toBeGreaterThan(200);
    expect(rows.misplaced).toBe(0);

    expect((await start()).filter((line) => line.startsWith("Applied"))).toEqual([]);
    expect(await queryAt(url, `SELECT count(*)::int AS times FROM lienthong_migrations WHERE name = $1`, [MIGRATION])).toEqual([{ times: 1 }]);
  });
});
