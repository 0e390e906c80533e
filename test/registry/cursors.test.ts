import { dataOf, startTestHub, useTestHub, type GraphQLResponse } from "../support/hub";
import { headersFor, type TestClaims } from "../support/tokens";

/**
 * Pagination cursors (src/graphql/cursors.ts) are opaque and tamper-evident: a client can neither
 * read the key inside one, nor make one up, nor alter one, nor use one from another list; each
 * of those is BAD_USER_INPUT naming `after`. Replicas sharing the audit key read each other's.
 */
const hub = useTestHub();

const ENTERPRISES = `query($first: Int, $after: String) {
  enterprises(first: $first, after: $after) { pageInfo { endCursor } edges { cursor node { taxCode } } }
}`;
const AUDIT_LOG = `query($first: Int, $after: String) { auditLog(first: $first, after: $after) { pageInfo { endCursor } } }`;
const OPERATOR: TestClaims = { agency: "bhxh", roles: ["operator"], purposes: ["monitoring"], sub: "cursor-test-operator" };

interface EnterprisePage {
  enterprises: { pageInfo: { endCursor: string }; edges: { cursor: string; node: { taxCode: string } }[] };
}

const firstPage = async () => dataOf(await hub.graphql<EnterprisePage>(ENTERPRISES, { first: 3 })).enterprises;

/** The request was refused as a whole for its `after` argument. */
function expectCursorRefused(response: GraphQLResponse): void {
  expect(response.status).toBe(200);
  expect(response.errors).toHaveLength(1);
  expect(response.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "after" });
  expect(response.errors![0].message).toContain("not a cursor from this list");
}

describe("pagination cursors", () => {
  it("show nothing of the tax code they stand for", async () => {
    for (const { cursor, node } of (await firstPage()).edges) {
      expect(cursor).not.toContain(node.taxCode);
      for (const encoding of ["utf8", "latin1"] as const) expect(Buffer.from(cursor, "base64url").toString(encoding)).not.toContain(node.taxCode);
    }
  });

  it("refuses a cursor forged as base64 of enterprise:<taxCode> with BAD_USER_INPUT naming after", async () => {
    const { edges } = await firstPage();
    for (const encoding of ["base64url", "base64"] as const) {
      const forged = Buffer.from(`enterprise:${edges[0].node.taxCode}`, "utf8").toString(encoding);
      expectCursorRefused(await hub.graphql(ENTERPRISES, { first: 3, after: forged }));
    }
  });

  it("refuses a genuine cursor with any one byte altered, and a cursor cut short", async () => {
    const { endCursor } = (await firstPage()).pageInfo;
    const bytes = Buffer.from(endCursor, "base64url");
    for (const position of [0, 1, 13, bytes.length - 17, bytes.length - 1]) {
      const altered = Buffer.from(bytes);
      altered[position] ^= 0x01;
      expectCursorRefused(await hub.graphql(ENTERPRISES, { first: 3, after: altered.toString("base64url") }));
    }
    expectCursorRefused(await hub.graphql(ENTERPRISES, { first: 3, after: endCursor.slice(0, -1) }));
    expectCursorRefused(await hub.graphql(ENTERPRISES, { first: 3, after: `${endCursor}A` }));
  });

  it("refuses a cursor from the audit log on enterprises, and the other way round", async () => {
    const operator = await headersFor(OPERATOR);
    // The operator's own request makes sure the log has a row to page after.
    await hub.graphql(AUDIT_LOG, { first: 1 }, operator);
    const auditCursor = dataOf(await hub.graphql(AUDIT_LOG, { first: 1 }, operator)).auditLog.pageInfo.endCursor;
    expect(auditCursor).toEqual(expect.any(String));
    expectCursorRefused(await hub.graphql(ENTERPRISES, { first: 3, after: auditCursor }));

    const enterpriseCursor = (await firstPage()).pageInfo.endCursor;
    expectCursorRefused(await hub.graphql(AUDIT_LOG, { first: 1, after: enterpriseCursor }, operator));
  });

  it("gives the same item the same cursor on every replica, and each replica reads the other's", async () => {
    const replica = await startTestHub();
    try {
      const here = (await firstPage()).edges;
      const there = dataOf(await replica.graphql<EnterprisePage>(ENTERPRISES, { first: 3 })).enterprises.edges;
      expect(there.map((edge) => edge.cursor)).toEqual(here.map((edge) => edge.cursor));
      const next = dataOf(await replica.graphql<EnterprisePage>(ENTERPRISES, { first: 2, after: here[0].cursor })).enterprises.edges;
      expect(next.map((edge) => edge.node.taxCode)).toEqual(here.slice(1).map((edge) => edge.node.taxCode));
    } finally {
      await replica.stop();
    }
  });
});
