import { dataOf } from "../support/hub";
import { demoEnterprises, TAX_PUBLISHER, taxCsv, useIngestHub } from "../support/ingest";
import { headersFor, type TestClaims } from "../support/tokens";

/**
 * Who may publish: only the owning agency's publishers, through every door (HTTP, GraphQL), and
 * every attempt, refused or not, leaves an audit row.
 */
const ingest = useIngestHub("lienthong_ingest_access");
const PERIOD = "2026-Q4";
const PUBLISH = `mutation ($rows: [TaxHeadcountRowInput!]!) { publishTaxHeadcounts(period: "2026-Q4", rows: $rows) { id status } }`;

let rows: (string | number)[][];
beforeAll(async () => {
  const enterprises = await demoEnterprises(ingest, 2);
  rows = enterprises.map((e) => [e.taxCode, PERIOD, "OPERATING", 5, 300_000_000, e.province]);
});

async function auditRowOf(requestId: string | null) {
  const [row] = await ingest.sql(
    `SELECT outcome, agency, subject, entry::jsonb->>'operationName' AS operation, domains FROM hub.audit_log WHERE request_id = $1`,
    [requestId],
  );
  return row;
}

describe("publishing through POST /ingest", () => {
  it("is refused (403) to the tax authority's publisher for the registry's data, and audited", async () => {
    const before = await ingest.state();
    const response = await ingest.post("registry", PERIOD, "tax_code,name\n0100233488,Công ty\n");
    expect(response.status).toBe(403);
    expect(response.body.error).toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("registry data is published by agency registry only, not tax"),
    });
    expect(await ingest.state()).toEqual(before);
    expect(await auditRowOf(response.requestId)).toMatchObject({ outcome: "denied", agency: "tax", operation: "ingest:registry" });
  });

  it("is refused (403) to an analyst of the owning agency", async () => {
    const before = await ingest.state();
    const response = await ingest.post("tax", PERIOD, taxCsv(rows), { as: { agency: "tax", roles: ["analyst"], purposes: ["statistics"] } });
    expect(response.status).toBe(403);
    expect(response.body.error.message).toContain("needs the role publisher");
    expect(await ingest.state()).toEqual(before);
    expect(await auditRowOf(response.requestId)).toMatchObject({ outcome: "denied", operation: "ingest:tax" });
  });

  it("is refused (401) without a token, and audited", async () => {
    const response = await ingest.post("tax", PERIOD, taxCsv(rows), { as: null });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe("UNAUTHENTICATED");
    expect(await auditRowOf(response.requestId)).toMatchObject({ outcome: "unauthenticated" });
  });

  it("limits a provincial publisher to its own province's rows", async () => {
    const other = rows.find((row) => row[5] !== "01") ?? rows[0];
    const provincial: TestClaims = { ...TAX_PUBLISHER, province: other[5] === "01" ? "79" : "01" };
    const response = await ingest.post("tax", PERIOD, taxCsv([other]), { as: provincial });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { line: 2, column: "province_code", reason: `province ${other[5]} is outside your token's province ${provincial.province}` },
    ]);
  });

  it("is applied for the owning agency's publisher, with one audit row naming the batch's domain", async () => {
    const response = await ingest.post("tax", PERIOD, taxCsv(rows));
    expect(response.status).toBe(200);
    expect(response.body.status).toBe("APPLIED");
    expect(await auditRowOf(response.requestId)).toMatchObject({
      outcome: "ok",
      agency: "tax",
      subject: "tax-publisher-test",
      operation: "ingest:tax",
      domains: ["tax"],
    });
  });
});

describe("publishing through the GraphQL mutation", () => {
  it("is FORBIDDEN to an analyst, to another agency's publisher and to anonymous callers, and writes nothing", async () => {
    const before = await ingest.state();
    const input = [{ taxCode: String(rows[0][0]), operatingStatus: "OPERATING", employees: 9, totalWages: "1000", provinceCode: String(rows[0][5]) }];
    for (const who of [
      { agency: "tax", roles: ["analyst"], purposes: ["statistics"] },
      { agency: "bhxh", roles: ["publisher"], purposes: ["enrolment"] },
      null,
    ] as (TestClaims | null)[]) {
      const response = await ingest.hub.graphql(PUBLISH, { rows: input }, who ? await headersFor(who) : { authorization: "" });
      expect(response.data?.publishTaxHeadcounts ?? null).toBeNull();
      expect(response.errors?.[0]).toMatchObject({ path: ["publishTaxHeadcounts"], extensions: { code: "FORBIDDEN" } });
    }
    expect(await ingest.state()).toEqual(before);
  });

  it("is applied for the tax authority's publisher, and audited as a mutation", async () => {
    const input = [{ taxCode: String(rows[1][0]), operatingStatus: "OPERATING", employees: 11, totalWages: "2000000", provinceCode: String(rows[1][5]) }];
    const response = await ingest.hub.graphql(PUBLISH, { rows: input }, await headersFor(TAX_PUBLISHER));
    expect(dataOf(response).publishTaxHeadcounts.status).toBe("APPLIED");
    const [audit] = await ingest.sql(`SELECT outcome, entry::jsonb->>'operationType' AS type FROM hub.audit_log WHERE request_id = $1`, [
      response.headers.get("x-request-id"),
    ]);
    expect(audit).toEqual({ outcome: "ok", type: "mutation" });
  });

  it("refuses more rows than a mutation carries, pointing to the file path", async () => {
    const input = Array.from({ length: 1001 }, () => ({
      taxCode: String(rows[0][0]),
      operatingStatus: "OPERATING",
      employees: 1,
      totalWages: "1",
      provinceCode: String(rows[0][5]),
    }));
    const response = await ingest.hub.graphql(PUBLISH, { rows: input }, await headersFor(TAX_PUBLISHER));
    expect(response.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", argument: "rows" } });
    expect(response.errors?.[0].message).toContain("POST /ingest/tax");
  });
});
