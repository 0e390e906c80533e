import { createHash, createHmac, randomUUID } from "node:crypto";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { completeTaxCode } from "../../src/identifiers";
import { TEST_AUDIT_KEY } from "../support/audit";
import { dataOf, useTestHub } from "../support/hub";
import { headersFor, tokenFor, type TestClaims } from "../support/tokens";

/** What an audit reader can learn from the rows it may read, and which rows those are. */
const hub = useTestHub();

const keyedDocumentHash = (document: string) => createHmac("sha256", TEST_AUDIT_KEY).update(`document\n${document}`).digest("hex");
const plainSha256 = (document: string) => createHash("sha256").update(document).digest("hex");

const AUDIT_LOG = `query Trail($filter: AuditLogFilter) {
  auditLog(filter: $filter, first: 100) { totalCount edges { node { subject provinceCode provincesReturned documentHash } } }
}`;

async function rowsOf(subject: string): Promise<Record<string, any>[]> {
  return (await hub.sql(`SELECT entry::jsonb AS entry FROM hub.audit_log WHERE subject = $1 ORDER BY seq`, [subject])).map((row) => row.entry);
}

describe("documentHash", () => {
  const subject = `hasher-${randomUUID()}`;
  const inspector: TestClaims = { agency: "bhxh", roles: ["inspector"], purposes: ["inspection"], sub: subject };

  it("is keyed with the audit key, so a reader cannot confirm a guessed document by hashing it", async () => {
    const [{ tax_code: taxCode }] = await hub.sql(`SELECT tax_code FROM registry.enterprise LIMIT 1`);
    const document = `{ enterprise(taxCode: "${taxCode}") { name } }`;
    dataOf(await hub.graphql(document, undefined, await headersFor(inspector)));

    const client = createClient({
      url: `${hub.url.replace("http", "ws")}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${await tokenFor(inspector)}`, purpose: "inspection" },
      retryAttempts: 0,
    });
    try {
      await new Promise((resolve, reject) =>
        client.subscribe({ query: document }, { next: () => undefined, error: reject, complete: () => resolve(undefined) }),
      );
    } finally {
      await client.dispose();
    }

    const rows = await rowsOf(subject);
    expect(rows).toHaveLength(2);
    for (const entry of rows) {
      expect(entry.documentHash).not.toBe(plainSha256(document));
      expect(entry.documentHash).toBe(keyedDocumentHash(document));
    }
  });
});

describe("a province-scoped owner reading the audit log", () => {
  const run = randomUUID();
  const who = (name: string, province?: string): TestClaims => ({
    agency: "bhxh",
    roles: ["inspector"],
    purposes: ["inspection"],
    sub: `${name}-${run}`,
    ...(province && { province }),
  });
  const HCMC_INSPECTOR = who("hcmc-inspector", "79");
  const HANOI_INSPECTOR = who("hanoi-inspector", "01");
  const NATIONAL_ON_HCMC = who("national-on-hcmc");
  const NATIONAL_ON_HANOI = who("national-on-hanoi");
  const NATIONAL_ON_NOTHING = who("national-on-nothing");
  const HCMC_OWNER: TestClaims = { agency: "bhxh", roles: ["analyst"], purposes: ["enrolment"], province: "79", sub: `hcmc-owner-${run}` };
  const NATIONAL_OWNER: TestClaims = { agency: "bhxh", roles: ["analyst"], purposes: ["enrolment"], sub: `national-owner-${run}` };
  const NATIONAL_OPERATOR: TestClaims = { agency: "bhxh", roles: ["operator"], purposes: ["monitoring"], sub: `national-operator-${run}` };
  const HCMC_OPERATOR: TestClaims = { agency: "bhxh", roles: ["operator"], purposes: ["monitoring"], province: "79", sub: `hcmc-operator-${run}` };
  const ALL = [HCMC_INSPECTOR, HANOI_INSPECTOR, NATIONAL_ON_HCMC, NATIONAL_ON_HANOI, NATIONAL_ON_NOTHING];

  const LIST = `{ enterprises(first: 3) { edges { node { taxCode bhxhUnit { code } } } } }`;
  const LOOKUP = `query Lookup($taxCode: String!) { enterprise(taxCode: $taxCode) { taxCode bhxhUnit { code } } }`;

  beforeAll(async () => {
    const enterpriseWithUnitIn = async (province: string) =>
      (await hub.sql(`SELECT e.tax_code FROM registry.enterprise e JOIN bhxh.unit u USING (tax_code) WHERE e.province_code = $1 LIMIT 1`, [province]))[0]
        .tax_code;
    dataOf(await hub.graphql(LIST, undefined, await headersFor(HCMC_INSPECTOR)));
    dataOf(await hub.graphql(LIST, undefined, await headersFor(HANOI_INSPECTOR)));
    dataOf(await hub.graphql(LOOKUP, { taxCode: await enterpriseWithUnitIn("79") }, await headersFor(NATIONAL_ON_HCMC)));
    dataOf(await hub.graphql(LOOKUP, { taxCode: await enterpriseWithUnitIn("01") }, await headersFor(NATIONAL_ON_HANOI)));
    const [{ unused }] = await hub.sql(
      `SELECT n AS unused FROM unnest($1::text[]) AS n WHERE n IS NOT NULL AND NOT EXISTS (SELECT 1 FROM registry.enterprise WHERE tax_code = n) LIMIT 1`,
      [Array.from({ length: 50 }, (_, i) => completeTaxCode(String(900000000 + i)))],
    );
    dataOf(await hub.graphql(LOOKUP, { taxCode: unused }, await headersFor(NATIONAL_ON_NOTHING)));
  });

  /** The subjects among ALL whose rows `reader` sees, and the total it is told. */
  async function visibleTo(reader: TestClaims): Promise<string[]> {
    const visible: string[] = [];
    for (const claims of ALL) {
      const { auditLog } = dataOf(await hub.graphql(AUDIT_LOG, { filter: { subject: claims.sub } }, await headersFor(reader)));
      expect(auditLog.totalCount).toBe(auditLog.edges.length);
      if (auditLog.totalCount > 0) visible.push(claims.sub!);
    }
    return visible;
  }

  it("records the provinces of the rows each response returned", async () => {
    expect((await rowsOf(NATIONAL_ON_HCMC.sub!))[0].provincesReturned).toEqual(["79"]);
    expect((await rowsOf(NATIONAL_ON_HANOI.sub!))[0].provincesReturned).toEqual(["01"]);
    expect((await rowsOf(HCMC_INSPECTOR.sub!))[0].provincesReturned).toEqual(["79"]);
    expect((await rowsOf(NATIONAL_ON_NOTHING.sub!))[0].provincesReturned).toEqual([]);
  });

  it("sees rows of its province's principals and rows that returned its province's records, and no others", async () => {
    expect(await visibleTo(HCMC_OWNER)).toEqual([HCMC_INSPECTOR.sub, NATIONAL_ON_HCMC.sub]);
    const { auditLog } = dataOf(await hub.graphql(AUDIT_LOG, {}, await headersFor(HCMC_OWNER)));
    expect(auditLog.edges.length).toBeGreaterThan(0);
    for (const { node } of auditLog.edges) expect(node.provinceCode === "79" || node.provincesReturned.includes("79")).toBe(true);
  });

  it("leaves national readers every row of their scope, and limits a province-scoped operator to its province too", async () => {
    // The lookup that found nothing never reached BHXH's data, so it is not BHXH's row to read.
    expect(await visibleTo(NATIONAL_OWNER)).toEqual([HCMC_INSPECTOR.sub, HANOI_INSPECTOR.sub, NATIONAL_ON_HCMC.sub, NATIONAL_ON_HANOI.sub]);
    expect(await visibleTo(NATIONAL_OPERATOR)).toEqual(ALL.map((claims) => claims.sub));
    expect(await visibleTo(HCMC_OPERATOR)).toEqual([HCMC_INSPECTOR.sub, NATIONAL_ON_HCMC.sub]);
  });
});
