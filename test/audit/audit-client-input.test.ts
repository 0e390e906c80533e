import { createHmac } from "node:crypto";
import { TEST_AUDIT_KEY } from "../support/audit";
import { useTestHub, type GraphQLResponse } from "../support/hub";
import { NATIONAL_BHXH_INSPECTOR, headersFor } from "../support/tokens";

/** What a client sends ends up in the append-only log: none of it may flood the log or take over the hub's ids. */
const hub = useTestHub();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const keyedToken = (text: string) => `hmac:${createHmac("sha256", TEST_AUDIT_KEY).update(text).digest("hex").slice(0, 16)}`;

/** The row the hub wrote for a response, found by the hub's own id in its x-request-id header. */
async function auditRowOf(response: { headers: Headers }): Promise<{ entry: Record<string, any>; length: number }> {
  const requestId = response.headers.get("x-request-id");
  expect(requestId).toMatch(UUID);
  const rows = await hub.sql(`SELECT entry::jsonb AS entry, length(entry) AS length FROM hub.audit_log WHERE request_id = $1`, [requestId]);
  expect(rows).toHaveLength(1);
  return rows[0];
}

/** POSTs a raw body, for requests the test helper cannot express. */
async function post(body: string, headers: Record<string, string> = {}): Promise<GraphQLResponse> {
  const response = await fetch(`${hub.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(await headersFor(NATIONAL_BHXH_INSPECTOR)), ...headers },
    body,
  });
  return { ...((await response.json()) as object), status: response.status, headers: response.headers };
}

/** `{"a":{"a":…{"a":1}…}}`, `depth` levels deep, written as text: building it as an object would need recursion too. */
function deepJson(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
}

describe("client-supplied strings in the audit log", () => {
  it("keeps a 1 MB operation name as a bounded prefix with its length and keyed hash, and still answers", async () => {
    const name = `Q${"x".repeat(999_999)}`;
    const other = `Q${"x".repeat(999_998)}y`;
    const response = await hub.graphql(`query ${name} { provinces { code } }`);
    expect(response.status).toBe(200);
    expect(response.data.provinces.length).toBeGreaterThan(30);
    const { entry, length } = await auditRowOf(response);
    const marker = `...[1000000 chars ${keyedToken(name)}]`;
    expect(entry.operationName).toBe(`${name.slice(0, 100 - marker.length)}${marker}`);
    expect(entry.operationName.length).toBe(100);
    expect(length).toBeLessThan(4000);
    // Two long names that differ only at their end stay distinguishable.
    const { entry: otherEntry } = await auditRowOf(await hub.graphql(`query ${other} { provinces { code } }`));
    expect(otherEntry.operationName).not.toBe(entry.operationName);
  });

  it("bounds the operation name of a request refused for its credential", async () => {
    const response = await post(JSON.stringify({ query: "{ provinces { code } }", operationName: "N".repeat(500_000) }), {
      authorization: "Bearer not-a-token",
    });
    expect(response.status).toBe(401);
    const { entry, length } = await auditRowOf(response);
    expect(entry).toMatchObject({ outcome: "unauthenticated", operationName: expect.stringContaining("...[500000 chars hmac:") });
    expect(entry.operationName.length).toBeLessThanOrEqual(100);
    expect(length).toBeLessThan(2000);
  });

  it("keeps 1 MB of variables as a keyed digest, not as megabytes of tokens, and tells different ones apart", async () => {
    const query = "query Many($codes: [String!]) { provinces { code } }";
    const digests = [];
    for (const last of ["1", "2"]) {
      const codes = [...Array.from({ length: 200_000 }, (_, i) => String(i % 10)), last];
      const response = await post(JSON.stringify({ query, variables: { codes } }));
      // The variable is never used, which GraphQL validation refuses; the row is written all the same.
      expect(response.status).toBe(400);
      expect(response.errors![0].extensions!.code).toBe("GRAPHQL_VALIDATION_FAILED");
      const { entry, length } = await auditRowOf(response);
      expect(entry.variables).toEqual({ $omitted: expect.stringMatching(/^more than 4096 chars when protected, hmac:[0-9a-f]{16}$/) });
      expect(length).toBeLessThan(2000);
      digests.push(entry.variables.$omitted);
    }
    expect(digests[0]).not.toBe(digests[1]);
  });
});

describe("request ids", () => {
  it("never takes the client's x-request-id as the hub's id, and keeps the client's beside it", async () => {
    const first = await hub.graphql(`{ provinces { code } }`, undefined, { ...(await headersFor(NATIONAL_BHXH_INSPECTOR)), "x-request-id": "reused-id" });
    const second = await hub.graphql(`{ provinces { code } }`, undefined, { ...(await headersFor(NATIONAL_BHXH_INSPECTOR)), "x-request-id": "reused-id" });
    expect(first.headers.get("x-request-id")).not.toBe(second.headers.get("x-request-id"));
    for (const response of [first, second]) {
      expect(response.headers.get("x-client-request-id")).toBe("reused-id");
      expect((await auditRowOf(response)).entry).toMatchObject({ requestId: response.headers.get("x-request-id"), clientRequestId: "reused-id" });
    }
    const [{ count }] = await hub.sql(`SELECT count(*)::int AS count FROM hub.audit_log WHERE request_id = 'reused-id'`);
    expect(count).toBe(0);
  });

  it("bounds a long client request id in the row and in the header it echoes", async () => {
    const long = "t".repeat(5000);
    const response = await hub.graphql(`{ provinces { code } }`, undefined, { ...(await headersFor(NATIONAL_BHXH_INSPECTOR)), "x-request-id": long });
    const echoed = response.headers.get("x-client-request-id")!;
    expect(echoed.length).toBeLessThanOrEqual(64);
    expect(echoed).toContain(`...[5000 chars ${keyedToken(long)}]`);
    expect((await auditRowOf(response)).entry.clientRequestId).toBe(echoed);
  });
});

describe("deeply nested variables", () => {
  const DEEP = `query Deep($filter: EnterpriseFilter) { enterprises(filter: $filter, first: 1) { totalCount } }`;

  it("refuses 20,000-deep variables as BAD_USER_INPUT before running them, with an audit row, and keeps serving", async () => {
    const response = await post(`{"query":${JSON.stringify(DEEP)},"variables":{"filter":${deepJson(20_000)}}}`);
    expect(response.status).toBe(400);
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT" });
    expect(response.errors![0].message).toBe('Variable "$filter" is nested 20000 levels deep; variables may nest at most 32 levels.');
    const { entry, length } = await auditRowOf(response);
    expect(entry).toMatchObject({ operationName: "Deep", outcome: "invalid", errorCodes: ["BAD_USER_INPUT"], rowsReturned: 0 });
    expect(length).toBeLessThan(10_000);

    expect((await fetch(`${hub.url}/healthz`)).status).toBe(200);
    expect((await hub.graphql(`{ provinces { code } }`)).status).toBe(200);
  });

  it("refuses deep arrays the same way, and accepts variables as deep as the limit", async () => {
    const arrays = await post(`{"query":${JSON.stringify(DEEP)},"variables":{"filter":${"[".repeat(5000)}${"]".repeat(5000)}}}`);
    expect(arrays.status).toBe(400);
    expect(arrays.errors![0].message).toContain("nested 5000 levels deep");

    // 32 levels pass the depth check; the filter's own type then refuses the unknown field "a".
    const atLimit = await post(`{"query":${JSON.stringify(DEEP)},"variables":{"filter":${deepJson(32)}}}`);
    expect(atLimit.errors![0].message).not.toContain("levels deep");
    expect(atLimit.errors![0].message).toContain('"a"');
  });

  it("audits a document that does not parse even when its variables are 20,000 deep", async () => {
    const response = await post(`{"query":"{ provinces { code ","variables":{"filter":${deepJson(20_000)}}}`);
    expect(response.status).toBe(400);
    expect(response.errors![0].extensions!.code).toBe("GRAPHQL_PARSE_FAILED");
    const { entry } = await auditRowOf(response);
    expect(entry).toMatchObject({ outcome: "invalid", errorCodes: ["GRAPHQL_PARSE_FAILED"] });
    expect(JSON.stringify(entry.variables)).toContain("nested deeper than 64 levels");
  });
});
