import path from "node:path";
import { dataOf } from "../support/hub";
import { TAX_PUBLISHER, useIngestHub } from "../support/ingest";
import { PROJECT_ROOT, runNode } from "../support/processes";
import { labourForceCsv, labourForceRow, STATISTICS_PUBLISHER, statisticsState } from "../support/statistics-ingest";
import { headersFor, tokenFor, type TestClaims } from "../support/tokens";

/**
 * Who may publish labour-force figures: only the statistics office's publishers, through every
 * door (HTTP, GraphQL, npm run import); and the example file applies to the demo.
 */
const ingest = useIngestHub("lienthong_statistics_access", 60);
const PERIOD = "2026-Q4";
const EXAMPLE = path.join(PROJECT_ROOT, "examples", "ingest", "statistics-labour-force.csv");
const PUBLISH = `mutation ($rows: [LabourForceRowInput!]!) { publishLabourForce(period: "2026-Q4", rows: $rows) { id status } }`;
const ANALYST: TestClaims = { agency: "statistics", roles: ["analyst"], purposes: ["statistics"] };
const [, , population, workingAgePopulation, labourForce, workingAgeLabourForce, employed, unemployed, awayFromHome] = labourForceRow("01", PERIOD) as number[];
const INPUT = [{ provinceCode: "01", population, workingAgePopulation, labourForce, workingAgeLabourForce, employed, unemployed, awayFromHome }];

describe("publishing labour-force figures", () => {
  it("is refused (403) through POST /ingest to another agency's publisher and to the office's analyst, writing nothing", async () => {
    const before = await statisticsState(ingest);
    const tax = await ingest.post("statistics", PERIOD, labourForceCsv([labourForceRow("01", PERIOD)]), { as: TAX_PUBLISHER });
    expect(tax.status).toBe(403);
    expect(tax.body.error).toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("statistics data is published by agency statistics only, not tax"),
    });
    const analyst = await ingest.post("statistics", PERIOD, labourForceCsv([labourForceRow("01", PERIOD)]), { as: ANALYST });
    expect(analyst.status).toBe(403);
    expect(analyst.body.error.message).toContain("needs the role publisher");
    expect(await statisticsState(ingest)).toEqual(before);
  });

  it("is FORBIDDEN through the mutation to an analyst, to another agency's publisher and to anonymous callers, writing nothing", async () => {
    const before = await statisticsState(ingest);
    for (const who of [ANALYST, { agency: "bhxh", roles: ["publisher"], purposes: ["enrolment"] }, TAX_PUBLISHER, null] as (TestClaims | null)[]) {
      const response = await ingest.hub.graphql(PUBLISH, { rows: INPUT }, who ? await headersFor(who) : { authorization: "" });
      expect(response.data?.publishLabourForce ?? null).toBeNull();
      expect(response.errors?.[0]).toMatchObject({ path: ["publishLabourForce"], extensions: { code: "FORBIDDEN" } });
    }
    expect(await statisticsState(ingest)).toEqual(before);
  });

  it("is applied through the mutation for the statistics office's publisher", async () => {
    const response = await ingest.hub.graphql(PUBLISH, { rows: INPUT }, await headersFor(STATISTICS_PUBLISHER));
    expect(dataOf(response).publishLabourForce.status).toBe("APPLIED");
  });

  it("refuses more rows than a mutation carries, pointing to the file path", async () => {
    const response = await ingest.hub.graphql(PUBLISH, { rows: Array.from({ length: 1001 }, () => INPUT[0]) }, await headersFor(STATISTICS_PUBLISHER));
    expect(response.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", argument: "rows" } });
    expect(response.errors?.[0].message).toContain("POST /ingest/statistics");
  });
});

describe("npm run import --domain statistics", () => {
  const runImport = (args: string[], env: Record<string, string> = {}) => runNode("src/cli/import.js", args, { DATABASE_URL: ingest.url, ...env });

  it("applies the example file to the demo, superseding the demo's figures for its quarter, then finds it a duplicate", async () => {
    const token = await tokenFor(STATISTICS_PUBLISHER);
    const first = runImport(["--domain", "statistics", "--period", "2026-Q3", "--token", token, EXAMPLE]);
    expect(await first.exited).toBe(0);
    expect(first.output()).toMatch(/APPLIED: batch [0-9a-f-]{36}, statistics 2026-Q3, 34 rows/);
    const id = /APPLIED: batch ([0-9a-f-]{36})/.exec(first.output())![1];
    expect(await ingest.sql(`SELECT count(*)::int AS n FROM statistics.labour_force WHERE batch_id = $1`, [id])).toEqual([{ n: 34 }]);
    // Every province's demo figures for the quarter were superseded, and kept.
    expect(
      await ingest.sql(
        `SELECT count(*)::int AS n FROM statistics.labour_force_history WHERE period = '2026-Q3' AND valid_to = (SELECT applied_at FROM hub.batch WHERE id = $1)`,
        [id],
      ),
    ).toEqual([{ n: 34 }]);

    const again = runImport(["--domain", "statistics", "--period", "2026-Q3", "--token", token, EXAMPLE]);
    expect(await again.exited).toBe(0);
    expect(again.output()).toContain(`already applied as batch ${id}; nothing was applied again`);
  });

  it("refuses another agency's publisher, applying nothing", async () => {
    const before = await statisticsState(ingest);
    const refused = runImport(["--domain", "statistics", "--period", "2026-Q3", "--token", await tokenFor(TAX_PUBLISHER), EXAMPLE]);
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toContain("FORBIDDEN: Publishing is refused");
    expect(await statisticsState(ingest)).toEqual(before);
  });
});
