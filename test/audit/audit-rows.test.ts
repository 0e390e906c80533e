import { randomUUID } from "node:crypto";
import { useTestHub } from "../support/hub";
import { headersFor } from "../support/tokens";

/** Every request leaves one audit row, written before its answer, saying who read what under which mandate. */
const hub = useTestHub();

/** The row of the request the test sent with x-request-id `clientRequestId` (the hub's own id is another). */
async function auditRowOf(clientRequestId: string): Promise<Record<string, any>> {
  const rows = await hub.sql(`SELECT seq, entry::jsonb AS entry, outcome FROM hub.audit_log WHERE client_request_id = $1`, [clientRequestId]);
  expect(rows).toHaveLength(1);
  return rows[0].entry;
}

describe("audit rows", () => {
  it("records principal, purpose, fields, mandates, refusals and rows, with variables not in clear", async () => {
    const [row] = await hub.sql(`SELECT tax_code FROM registry.enterprise WHERE province_code = '40' AND legal_rep_id_number IS NOT NULL LIMIT 1`);
    const requestId = `audit-${randomUUID()}`;
    const headers = {
      ...(await headersFor({ agency: "bhxh", roles: ["analyst"], purposes: ["enrolment", "inspection"], province: "40", sub: "analyst-7" }, "enrolment")),
      "x-request-id": requestId,
    };
    const response = await hub.graphql(
      `query Lookup($taxCode: String!) { enterprise(taxCode: $taxCode) { name legalRepresentative { fullName idNumber } } }`,
      { taxCode: row.tax_code },
      headers,
    );
    // The row is durable before the answer leaves: it is there the moment the response is.
    const entry = await auditRowOf(requestId);
    expect(response.errors!.map((e) => e.path!.join("."))).toEqual(["enterprise.legalRepresentative.idNumber"]);
    expect(entry).toMatchObject({
      requestId: response.headers.get("x-request-id"),
      clientRequestId: requestId,
      subject: "analyst-7",
      agency: "bhxh",
      roles: ["analyst"],
      provinceCode: "40",
      purpose: "enrolment",
      operationType: "query",
      operationName: "Lookup",
      documentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      fieldsDenied: ["LegalRepresentative.idNumber"],
      mandatesUsed: ["registry-identity-to-bhxh"],
      domains: ["registry"],
      rowsReturned: 1,
      outcome: "partial",
      errorCodes: ["FORBIDDEN"],
    });
    expect(entry.fieldsTouched).toEqual(expect.arrayContaining(["Query.enterprise", "Enterprise.name", "LegalRepresentative.idNumber"]));
    expect(JSON.stringify(entry)).not.toContain(row.tax_code);
    expect(entry.variables.taxCode).toMatch(/^hmac:[0-9a-f]{16}$/);
  });

  it("records requests refused for their credential, and anonymous reads", async () => {
    const refusedId = `audit-${randomUUID()}`;
    const refused = await hub.graphql(`{ provinces { code } }`, {}, { authorization: "Bearer not-a-token", "x-request-id": refusedId });
    expect(refused.status).toBe(401);
    expect(await auditRowOf(refusedId)).toMatchObject({ subject: null, outcome: "unauthenticated", errorCodes: ["UNAUTHENTICATED"] });

    const anonymousId = `audit-${randomUUID()}`;
    await hub.graphql(`{ provinces { code } enterprises { totalCount } }`, {}, { authorization: "", "x-request-id": anonymousId });
    expect(await auditRowOf(anonymousId)).toMatchObject({
      subject: null,
      purpose: null,
      outcome: "partial",
      fieldsTouched: ["EnterpriseConnection.totalCount", "Province.code", "Query.enterprises", "Query.provinces"],
      fieldsDenied: ["EnterpriseConnection.totalCount"],
      domains: ["hub"],
    });
  });

  it("counts the rows an answer carries", async () => {
    const requestId = `audit-${randomUUID()}`;
    await hub.graphql(
      `{ enterprises(first: 7) { edges { node { taxCode taxHeadcount { employees } } } } }`,
      {},
      { ...(await headersFor({ agency: "bhxh", roles: ["analyst"], purposes: ["enrolment"] })), "x-request-id": requestId },
    );
    const entry = await auditRowOf(requestId);
    const headcounts = entry.rowsReturned - 7;
    expect(headcounts).toBeGreaterThanOrEqual(0);
    expect(headcounts).toBeLessThanOrEqual(7);
    expect(entry.mandatesUsed).toEqual(["registry-identity-to-bhxh", "tax-headcount-to-bhxh"]);
  });

  it("records requests that are not GraphQL at all: malformed JSON, and a body without a query", async () => {
    for (const body of ["{ not json", JSON.stringify({ variables: {} })]) {
      const requestId = `audit-${randomUUID()}`;
      const response = await fetch(`${hub.url}/graphql`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-request-id": requestId,
          ...(await headersFor({ agency: "tax", roles: ["analyst"], purposes: ["statistics"], sub: "tax-bot" })),
        },
        body,
      });
      expect(response.status).toBe(400);
      expect(response.headers.get("x-client-request-id")).toBe(requestId);
      expect(await auditRowOf(requestId)).toMatchObject({
        requestId: response.headers.get("x-request-id"),
        outcome: "invalid",
        errorCodes: ["BAD_REQUEST"],
        rowsReturned: 0,
      });
    }
  });
});
