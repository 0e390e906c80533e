import path from "node:path";
import { BHXH_PUBLISHER, bhxhCsv, bhxhState, COLUMN, demoUnitRows } from "../support/bhxh-ingest";
import { dataOf } from "../support/hub";
import { useIngestHub } from "../support/ingest";
import { PROJECT_ROOT, runNode } from "../support/processes";
import { headersFor, tokenFor, type TestClaims } from "../support/tokens";

/**
 * Who may publish BHXH's data: only BHXH's publishers, through POST /ingest/bhxh, the mutation and
 * npm run import alike; a provincial office only its province's units. The example file applies to
 * the demo.
 */
const ingest = useIngestHub("lienthong_bhxh_access");
const PERIOD = "2026-11";
const EXAMPLE = path.join(PROJECT_ROOT, "examples", "ingest", "bhxh-enrolment.csv");
const PUBLISH = `mutation ($rows: [BhxhEnrolmentRowInput!]!) { publishBhxhEnrolment(period: "2026-11", rows: $rows) { id status } }`;
const ANALYST: TestClaims = { agency: "bhxh", roles: ["analyst"], purposes: ["statistics"] };
const TAX_PUBLISHER: TestClaims = { agency: "tax", roles: ["publisher"], purposes: ["statistics"] };

let rows: (string | number)[][];
beforeAll(async () => {
  rows = await demoUnitRows(ingest, PERIOD, 2);
});

describe("publishing BHXH's data", () => {
  it("is refused (403) through POST /ingest to an analyst of BHXH and to another agency's publisher, writing nothing", async () => {
    const before = await bhxhState(ingest);
    for (const who of [ANALYST, TAX_PUBLISHER]) {
      const response = await ingest.post("bhxh", PERIOD, bhxhCsv(rows), { as: who });
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe("FORBIDDEN");
    }
    expect(await bhxhState(ingest)).toEqual(before);
  });

  it("is FORBIDDEN through the mutation to an analyst, another agency's publisher and anonymous callers", async () => {
    const before = await bhxhState(ingest);
    const [row] = rows;
    const input = [
      {
        unitCode: row[COLUMN.unit_code],
        taxCode: row[COLUMN.tax_code],
        unitName: row[COLUMN.unit_name],
        provinceCode: row[COLUMN.province_code],
        registeredOn: row[COLUMN.registered_on],
        compulsoryInsured: 3,
        unemploymentInsured: 3,
        contributionDue: "1000",
        contributionPaid: "1000",
        arrears: "0",
        arrearsMonths: 0,
      },
    ];
    for (const who of [ANALYST, TAX_PUBLISHER, null]) {
      const response = await ingest.hub.graphql(PUBLISH, { rows: input }, who ? await headersFor(who) : { authorization: "" });
      expect(response.data?.publishBhxhEnrolment ?? null).toBeNull();
      expect(response.errors?.[0]).toMatchObject({ path: ["publishBhxhEnrolment"], extensions: { code: "FORBIDDEN" } });
    }
    expect(await bhxhState(ingest)).toEqual(before);
    const published = dataOf(await ingest.hub.graphql(PUBLISH, { rows: input }, await headersFor(BHXH_PUBLISHER)));
    expect(published.publishBhxhEnrolment.status).toBe("APPLIED");
  });

  it("limits a provincial office to its own province's units, by the row's province and by the unit's registered one", async () => {
    const [row] = rows;
    const province = String(row[COLUMN.province_code]);
    const elsewhere = province === "01" ? "79" : "01";
    const provincial: TestClaims = { ...BHXH_PUBLISHER, province: elsewhere };
    const response = await ingest.post("bhxh", PERIOD, bhxhCsv([row]), { as: provincial });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        { line: 2, column: "province_code", reason: `province ${province} is outside your token's province ${elsewhere}` },
        {
          line: 2,
          column: "unit_code",
          reason: `unit ${row[COLUMN.unit_code]} is registered in province ${province}, outside your token's province ${elsewhere}`,
        },
      ]),
    );
    // Naming its own province in the row does not hand it another province's unit.
    const taken = await ingest.post("bhxh", PERIOD, bhxhCsv([row.map((cell, i) => (i === COLUMN.province_code ? elsewhere : cell))]), { as: provincial });
    expect(taken.body.errors).toEqual([{ line: 2, column: "unit_code", reason: expect.stringContaining(`registered in province ${province}`) }]);
  });
});

describe("npm run import of the example file", () => {
  it("applies to the demo, registering the new unit, then finds it a duplicate", async () => {
    const token = await tokenFor(BHXH_PUBLISHER);
    const first = runNode("src/cli/import.js", ["--domain", "bhxh", "--period", PERIOD, "--token", token, EXAMPLE], { DATABASE_URL: ingest.url });
    expect(await first.exited).toBe(0);
    expect(first.output()).toMatch(/APPLIED: batch [0-9a-f-]{36}, bhxh 2026-11, 7 rows/);
    const id = /APPLIED: batch ([0-9a-f-]{36})/.exec(first.output())![1];
    expect(await ingest.sql(`SELECT count(*)::int AS n FROM bhxh.enrolment WHERE batch_id = $1 AND period = $2`, [id, PERIOD])).toEqual([{ n: 7 }]);
    expect(await ingest.sql(`SELECT code, province_code FROM bhxh.unit WHERE batch_id = $1`, [id])).toEqual([{ code: "HJ00013A", province_code: "79" }]);

    const again = runNode("src/cli/import.js", ["--domain", "bhxh", "--period", PERIOD, "--token", token, EXAMPLE], { DATABASE_URL: ingest.url });
    expect(await again.exited).toBe(0);
    expect(again.output()).toContain(`already applied as batch ${id}; nothing was applied again`);
  });
});
