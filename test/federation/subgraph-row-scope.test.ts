import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { enrolments } from "../../resolvers/bhxh/bhxh.queries";
import { headcounts } from "../../resolvers/tax/tax.queries";
import { openDatabase, type OpenDatabase } from "../../src/database";
import { signRequest, subgraphKey } from "../../src/gateway/signing";
import { queryAt } from "../support/fresh-database";
import { runNode, type RunningCommand } from "../support/processes";
import { TEST_SECRETS, testDatabaseUrl, testDataDir } from "../support/test-env";

// The tax and BHXH subgraphs served alone (`npm run subgraph -- tax`), as an agency would run them:
// whatever enterprise a signed request names, a province-scoped principal gets only its own
// province's rows, because the subgraph's own SQL reads no others.
const READY_SUBGRAPH = /Subgraph (\w+) is ready: (http:\/\/[^\s"]+)/;
const LATEST_QUARTER = "2026-Q3";

const FIELDS = {
  tax: `taxCode latest: taxHeadcount { period employees } chosen: taxHeadcount(period: "${LATEST_QUARTER}") { period employees }`,
  bhxh: `taxCode bhxhUnit { code name enrolment { period compulsoryInsured } }`,
} as const;
type Subgraph = keyof typeof FIELDS;

type Principal = NonNullable<Parameters<typeof signRequest>[1]["principal"]>;
const inspector = (provinceCode?: string): Principal => ({
  subject: `inspector-${provinceCode ?? "national"}`,
  agency: "bhxh",
  roles: ["inspector"],
  purposes: ["inspection"],
  provinceCode,
});
const HCMC = inspector("79");
const NATIONAL = inspector();

const subgraphs = new Map<Subgraph, { process: RunningCommand; url: string }>();
let hanoi: Facts;
let hcmc: Facts;

/** What the owners' tables hold for one enterprise: what an answer in scope must show. */
interface Facts {
  taxCode: string;
  headcount: { period: string; employees: number };
  unit: { code: string; name: string; enrolment: { period: string; compulsoryInsured: number } };
}

async function enterpriseIn(province: string): Promise<Facts> {
  const [row] = await queryAt(
    testDatabaseUrl(),
    `SELECT e.tax_code, u.code, u.name FROM registry.enterprise e JOIN bhxh.unit u USING (tax_code)
      WHERE e.province_code = $1 AND u.province_code = $1
        AND EXISTS (SELECT 1 FROM tax.headcount h WHERE h.tax_code = e.tax_code AND h.period = $2)
        AND EXISTS (SELECT 1 FROM bhxh.enrolment n WHERE n.unit_code = u.code)
      ORDER BY e.tax_code LIMIT 1`,
    [province, LATEST_QUARTER],
  );
  const [headcount] = await queryAt(testDatabaseUrl(), `SELECT period, employees FROM tax.headcount WHERE tax_code = $1 AND period = $2`, [
    row.tax_code,
    LATEST_QUARTER,
  ]);
  const [enrolment] = await queryAt(
    testDatabaseUrl(),
    `SELECT period, compulsory_insured AS "compulsoryInsured" FROM bhxh.enrolment WHERE unit_code = $1 ORDER BY period DESC LIMIT 1`,
    [row.code],
  );
  return { taxCode: row.tax_code, headcount, unit: { code: row.code, name: row.name, enrolment } };
}

/** A signed `_entities` request to one subgraph for an enterprise's fields there, as `principal`. */
async function entity(subgraph: Subgraph, taxCode: string, principal: Principal) {
  const text = JSON.stringify({
    query: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Enterprise { ${FIELDS[subgraph]} } } }`,
    variables: { r: [{ __typename: "Enterprise", taxCode }] },
  });
  const key = subgraphKey(TEST_SECRETS.LIENTHONG_SUBGRAPH_KEY, subgraph);
  const headers = signRequest(key, { principal, purpose: principal.purposes[0], requestId: randomUUID(), signedAt: Date.now() }, text);
  const response = await fetch(subgraphs.get(subgraph)!.url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: text });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { data?: { _entities: Record<string, unknown>[] }; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data!._entities[0];
}

beforeAll(async () => {
  const env = { DATABASE_URL: testDatabaseUrl(), PORT: "0", NODE_ENV: "test" };
  await Promise.all(
    (Object.keys(FIELDS) as Subgraph[]).map(async (name) => {
      const process = runNode("src/cli/subgraph.js", [name], env);
      subgraphs.set(name, { process, url: "" });
      await process.waitFor(READY_SUBGRAPH, 90_000);
      subgraphs.set(name, { process, url: READY_SUBGRAPH.exec(process.output())![2] });
    }),
  );
  [hanoi, hcmc] = await Promise.all([enterpriseIn("01"), enterpriseIn("79")]);
}, 180_000);

afterAll(async () => {
  for (const { process } of subgraphs.values()) {
    process.child.kill("SIGTERM");
    await process.exited;
  }
});

describe("the tax subgraph served alone", () => {
  it("gives a province-79 principal null headcounts for a province-01 enterprise, latest or chosen quarter", async () => {
    expect(await entity("tax", hanoi.taxCode, HCMC)).toEqual({ taxCode: hanoi.taxCode, latest: null, chosen: null });
  });

  it("gives the same principal its own province's enterprise, and a national principal the province-01 one", async () => {
    expect(await entity("tax", hcmc.taxCode, HCMC)).toEqual({ taxCode: hcmc.taxCode, latest: hcmc.headcount, chosen: hcmc.headcount });
    expect(await entity("tax", hanoi.taxCode, NATIONAL)).toEqual({ taxCode: hanoi.taxCode, latest: hanoi.headcount, chosen: hanoi.headcount });
  });
});

describe("the BHXH subgraph served alone", () => {
  it("gives a province-79 principal no unit for a province-01 enterprise", async () => {
    expect(await entity("bhxh", hanoi.taxCode, HCMC)).toEqual({ taxCode: hanoi.taxCode, bhxhUnit: null });
  });

  it("gives the same principal its own province's unit and months, and a national principal the province-01 ones", async () => {
    expect(await entity("bhxh", hcmc.taxCode, HCMC)).toEqual({ taxCode: hcmc.taxCode, bhxhUnit: hcmc.unit });
    expect(await entity("bhxh", hanoi.taxCode, NATIONAL)).toEqual({ taxCode: hanoi.taxCode, bhxhUnit: hanoi.unit });
  });
});

describe("the owners' queries themselves", () => {
  let database: OpenDatabase;
  beforeAll(async () => {
    const dataDir = fs.mkdtempSync(path.join(testDataDir(), "row-scope-"));
    database = await openDatabase({ databaseUrl: testDatabaseUrl(), dataDir, embeddedPgPort: 0, poolSize: 2, log: () => undefined });
  });
  afterAll(() => database?.close());

  // A unit's months are reached only through the unit, which is scoped already; the enrolment
  // query is scoped on its own as well, so no other route to it can widen what it reads.
  it("read no other province's enrolment months or headcounts, named by key or not", async () => {
    const { db } = database;
    const month = hanoi.unit.enrolment.period;
    expect(await enrolments(db, [hanoi.unit.code, hcmc.unit.code], undefined, "79")).toEqual([expect.objectContaining({ unitCode: hcmc.unit.code })]);
    expect(await enrolments(db, [hanoi.unit.code], month, "79")).toEqual([]);
    expect(await enrolments(db, [hanoi.unit.code], month, "01")).toEqual([expect.objectContaining({ unitCode: hanoi.unit.code, period: month })]);
    expect(await headcounts(db, [hanoi.taxCode, hcmc.taxCode], undefined, "79")).toEqual([expect.objectContaining({ taxCode: hcmc.taxCode })]);
    expect(await headcounts(db, [hanoi.taxCode], undefined, undefined)).toEqual([expect.objectContaining({ taxCode: hanoi.taxCode })]);
  });
});
