import { randomUUID } from "node:crypto";
import { dataOf, useTestHub } from "../support/hub";
import { headersFor, type TestClaims } from "../support/tokens";

const hub = useTestHub();

const AUDIT_LOG = `query AuditLog($filter: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { seq at requestId clientRequestId subject agency roles purpose operationType operationName documentHash
      fieldsTouched mandatesUsed fieldsDenied domains rowsReturned durationMs outcome errorCodes } }
  }
}`;

const OPERATOR: TestClaims = { agency: "bhxh", roles: ["operator"], purposes: ["monitoring"], sub: "hub-operator" };
const TAX_OWNER: TestClaims = { agency: "tax", roles: ["analyst"], purposes: ["statistics"], sub: "tax-auditor" };

/** The requests of one inspector whose trail the tests read; other test files write to the same log meanwhile. */
const INSPECTOR: TestClaims = { agency: "bhxh", roles: ["inspector"], purposes: ["inspection"], sub: `inspector-${randomUUID()}` };
const REQUESTS = {
  Provinces: "{ provinces { code name } }",
  Names: "{ enterprises(first: 2) { edges { node { taxCode name } } } }",
  Headcounts: "{ enterprises(first: 2) { edges { node { taxCode taxHeadcount { employees } } } } }",
  Units: "{ enterprises(first: 2) { edges { node { taxCode bhxhUnit { code } } } } }",
};

async function auditLogAs(claims: TestClaims | null, variables: Record<string, unknown>) {
  return hub.graphql(AUDIT_LOG, variables, claims ? await headersFor(claims) : { authorization: "" });
}

describe("auditLog (nhật ký truy cập)", () => {
  const requestIds: Record<string, string> = {};
  beforeAll(async () => {
    for (const [name, body] of Object.entries(REQUESTS)) {
      requestIds[name] = `${INSPECTOR.sub}-${name}`;
      dataOf(await hub.graphql(`query ${name} ${body}`, undefined, { ...(await headersFor(INSPECTOR)), "x-request-id": requestIds[name] }));
    }
  });

  it("shows an operator every request, newest first, with who asked, why, and what was read", async () => {
    const { auditLog } = dataOf(await auditLogAs(OPERATOR, { filter: { subject: INSPECTOR.sub } }));
    expect(auditLog.totalCount).toBe(4);
    const nodes = auditLog.edges.map((edge: any) => edge.node);
    expect(nodes.map((node: any) => node.clientRequestId)).toEqual(["Units", "Headcounts", "Names", "Provinces"].map((name) => requestIds[name]));
    const seqs = nodes.map((node: any) => Number(node.seq));
    expect([...seqs].sort((a, b) => b - a)).toEqual(seqs);
    expect(nodes[1]).toMatchObject({
      subject: INSPECTOR.sub,
      agency: "bhxh",
      roles: ["inspector"],
      purpose: "inspection",
      operationType: "query",
      operationName: "Headcounts",
      documentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      fieldsTouched: expect.arrayContaining(["TaxHeadcount.employees"]),
      fieldsDenied: [],
      domains: expect.arrayContaining(["tax"]),
      rowsReturned: expect.any(Number),
      durationMs: expect.any(Number),
      outcome: "ok",
      errorCodes: [],
    });
    expect(new Date(nodes[1].at).getTime()).toBeGreaterThan(Date.now() - 120_000);
  });

  it("shows an owner only the requests that touched its own data", async () => {
    const everything = dataOf(await auditLogAs(OPERATOR, { filter: { subject: INSPECTOR.sub } })).auditLog;
    const own = dataOf(await auditLogAs(TAX_OWNER, { filter: { subject: INSPECTOR.sub } })).auditLog;
    const expected = everything.edges.filter((edge: any) => edge.node.domains.includes("tax")).map((edge: any) => edge.node.clientRequestId);
    expect(own.edges.map((edge: any) => edge.node.clientRequestId)).toEqual(expected);
    expect(expected).toContain(requestIds.Headcounts);
    expect(expected).not.toContain(requestIds.Provinces);
    expect(own.totalCount).toBe(expected.length);

    const unfiltered = dataOf(await auditLogAs(TAX_OWNER, { first: 100 })).auditLog;
    expect(unfiltered.edges.length).toBeGreaterThan(0);
    expect(unfiltered.edges.every((edge: any) => edge.node.domains.includes("tax"))).toBe(true);
  });

  it("lets only operators choose the domain", async () => {
    const operator = dataOf(await auditLogAs(OPERATOR, { filter: { subject: INSPECTOR.sub, domain: "hub" } })).auditLog;
    expect(operator.edges.map((edge: any) => edge.node.clientRequestId)).toContain(requestIds.Provinces);
    expect(operator.edges.every((edge: any) => edge.node.domains.includes("hub"))).toBe(true);

    const owner = await auditLogAs(TAX_OWNER, { filter: { domain: "bhxh" } });
    expect(owner.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect(owner.errors?.[0].message).toContain("as tax you may read domain tax only, not bhxh");
  });

  it.each([
    ["the labour inspectorate", { agency: "labour", roles: ["inspector"], purposes: ["inspection"] } as TestClaims],
    ["the labour federation", { agency: "union", roles: ["analyst"], purposes: ["monitoring"] } as TestClaims],
  ])("refuses %s with FORBIDDEN, saying who may read the log", async (_who, claims) => {
    const response = await auditLogAs(claims, {});
    expect(response.data?.auditLog ?? null).toBeNull();
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0].extensions?.code).toBe("FORBIDDEN");
    expect(response.errors![0].message).toContain(
      "Query.auditLog is refused: the audit log is read by the hub's operators (role operator) and by the owning agencies",
    );
    expect(response.errors![0].path).toEqual(["auditLog"]);
  });

  it("refuses an anonymous request with FORBIDDEN", async () => {
    const response = await auditLogAs(null, {});
    expect(response.data?.auditLog ?? null).toBeNull();
    expect(response.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("pages backwards through time with cursors, and filters by agency, outcome and time", async () => {
    const filter = { subject: INSPECTOR.sub, agency: "bhxh", outcome: "ok", from: new Date(Date.now() - 3_600_000).toISOString() };
    const first = dataOf(await auditLogAs(OPERATOR, { filter, first: 3 })).auditLog;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = dataOf(await auditLogAs(OPERATOR, { filter, first: 3, after: first.pageInfo.endCursor })).auditLog;
    expect(rest.pageInfo.hasNextPage).toBe(false);
    expect([...first.edges, ...rest.edges].map((edge: any) => edge.node.clientRequestId)).toEqual(
      ["Units", "Headcounts", "Names", "Provinces"].map((name) => requestIds[name]),
    );
    const before = dataOf(await auditLogAs(OPERATOR, { filter: { ...filter, from: undefined, to: new Date(Date.now() - 3_600_000).toISOString() } })).auditLog;
    expect(before.totalCount).toBe(0);
    const other = dataOf(await auditLogAs(OPERATOR, { filter: { subject: INSPECTOR.sub, outcome: "denied" } })).auditLog;
    expect(other.totalCount).toBe(0);
  });

  it.each([
    [{ filter: { outcome: "fine" } }, "filter.outcome", "one of ok, partial, denied, unauthenticated, invalid, error"],
    [{ filter: { agency: "police" } }, "filter.agency", "one of registry, tax"],
    [{ filter: { domain: "health" } }, "filter.domain", "one of registry, tax, statistics, bhxh, hub"],
    [{ filter: { from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z" } }, "filter.to", "must not be earlier than `from`"],
    [{ after: "bm90LWEtY3Vyc29y" }, "after", "not a cursor from this list"],
    [{ first: 0 }, "first", "a page holds from 1 to"],
  ])("refuses the malformed argument %j with BAD_USER_INPUT naming it", async (variables, argument, reason) => {
    const response = await auditLogAs(OPERATOR, variables);
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument });
    expect(response.errors![0].message).toContain(reason);
  });
});
