import { freshDatabase, queryAt as query } from "../support/fresh-database";
import { runNode } from "../support/processes";

const BATCHES = `SELECT domain, period, row_count, checksum FROM hub.batch ORDER BY domain, period NULLS FIRST`;

describe("npm run seed", () => {
  let url: string;
  beforeAll(async () => {
    url = await freshDatabase("lienthong_seed_cli");
  });

  it("migrates a new database, loads the demo with progress output, and gives the same data every run", async () => {
    const first = runNode("src/cli/seed.js", ["--enterprises", "250"], { DATABASE_URL: url });
    expect(await first.exited).toBe(0);
    expect(first.output()).toMatch(/registry\.enterprise .*100% 250\/250/);
    expect(first.output()).toMatch(/Loaded in [\d.]+ s: .*registry\.enterprise 250/);
    const batches = await query(url, BATCHES);
    expect(batches.find((b) => b.domain === "registry").row_count).toBe(250);

    // A value an owner superseded, as a later batch leaves it: --replace wipes the history with the data.
    await query(
      url,
      `INSERT INTO tax.headcount_history SELECT tax_code, period, operating_status, employees, total_wages_vnd, province_code, batch_id, now() - interval '1 day', now() FROM tax.headcount LIMIT 1`,
    );
    const again = runNode("src/cli/seed.js", ["--enterprises", "250", "--replace"], { DATABASE_URL: url });
    expect(await again.exited).toBe(0);
    expect(await query(url, BATCHES)).toEqual(batches);
    expect(await query(url, "SELECT count(*)::int AS n FROM tax.headcount_history")).toEqual([{ n: 0 }]);
  });

  it("refuses to load over existing data without --replace, and leaves the data as it was", async () => {
    const before = await query(url, BATCHES);
    const refused = runNode("src/cli/seed.js", ["--enterprises", "100"], { DATABASE_URL: url });
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toContain("already holds data. Pass --replace");
    expect(await query(url, BATCHES)).toEqual(before);
  });

  it("explains its arguments when given one it does not know", async () => {
    const wrong = runNode("src/cli/seed.js", ["--enterprise", "5"], { DATABASE_URL: url });
    expect(await wrong.exited).toBe(1);
    expect(wrong.output()).toContain('Unknown argument "--enterprise"');
    expect(wrong.output()).toContain("--enterprises N");
  });
});
