import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { getIntrospectionQuery } from "graphql";
import { startTestHub, useTestHub, type GraphQLResponse, type TestHub } from "../support/hub";
import { PROJECT_ROOT } from "../support/processes";
import { tokenFor } from "../support/tokens";

/** Operation limits are checked before anything runs: depth, aliases, tokens, directives, cost and rows. */
const hub = useTestHub();
const ANONYMOUS = { authorization: "" };
const NESTED = fs.readFileSync(path.join(PROJECT_ROOT, "test/graph/nested-enterprises.graphql"), "utf8");

/** The crash: the reference data's cycle Province.formerProvinces → FormerProvince.successor, `levels` deep. */
function formerProvinceCycle(levels: number): string {
  let selection = "code";
  for (let level = 0; level < levels; level++) selection = `code formerProvinces { successor { ${selection} } }`;
  return `query Cycle { provinces { ${selection} } }`;
}

function expectTooComplex(response: GraphQLResponse, limit: string, found?: number) {
  expect(response.status).toBe(400);
  expect(response.data).toBeUndefined();
  expect(response.errors).toHaveLength(1);
  const [error] = response.errors!;
  expect(error.extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit });
  expect(error.message).toContain(`over the ${limit} limit`);
  expect(error.message).toContain(`at most ${error.extensions!.max} allowed`);
  if (found !== undefined) expect(error.extensions!.found).toBe(found);
}

async function auditRowOf(testHub: TestHub, response: GraphQLResponse) {
  const rows = await testHub.sql(`SELECT entry::jsonb AS entry FROM hub.audit_log WHERE request_id = $1`, [response.headers.get("x-request-id")]);
  expect(rows).toHaveLength(1);
  return rows[0].entry;
}

describe("operation limits", () => {
  it("refuses the twelve-level formerProvinces cycle an anonymous client crashed the hub with, and stays up", async () => {
    const response = await hub.graphql(formerProvinceCycle(12), undefined, ANONYMOUS);
    expectTooComplex(response, "depth", 26);
    expect(await auditRowOf(hub, response)).toMatchObject({ outcome: "invalid", errorCodes: ["QUERY_TOO_COMPLEX"], operationName: "Cycle" });
    const after = await hub.graphql(`{ provinces { code } }`, undefined, ANONYMOUS);
    expect(after.data.provinces).toHaveLength(34);
  });

  it("refuses a shallow cycle by its cost: lists multiplied down the selection", async () => {
    // Depth 9 is within the anonymous limit of 10, but 34 provinces × former provinces × … is not.
    const response = await hub.graphql(
      `{ provinces { formerProvinces { successor { formerProvinces { successor { formerProvinces { successor { formerProvinces { code } } } } } } } } }`,
      undefined,
      ANONYMOUS,
    );
    expectTooComplex(response, "cost");
    expect(response.errors![0].extensions!.found).toBeGreaterThan(5000);
  });

  it("refuses 500 aliases of a 100-enterprise nested page, before it is even parsed", async () => {
    const page = `enterprises(first: 100) { edges { node { taxCode name legalRepresentative { idNumber } bhxhUnit { code } } } }`;
    const query = `{ ${Array.from({ length: 500 }, (_, i) => `a${i}: ${page}`).join(" ")} }`;
    expectTooComplex(await hub.graphql(query), "tokens", 500 * 26 + 2);
  });

  it("refuses more aliases than the limit", async () => {
    const query = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: enterprises(first: 1) { totalCount }`).join(" ")} }`;
    expectTooComplex(await hub.graphql(query), "aliases", 40);
  });

  it("bounds the rows one operation returns, summed over aliases", async () => {
    // 25 aliases are within the alias limit; 25 × 100 enterprises are over the 2,000-row bound.
    const query = `{ ${Array.from({ length: 25 }, (_, i) => `a${i}: enterprises(first: 100) { edges { node { taxCode } } }`).join(" ")} }`;
    expectTooComplex(await hub.graphql(query), "rows", 2500);
    // The same with first: 50 is 1,250 rows and is answered.
    const smaller = await hub.graphql(query.replaceAll("first: 100", "first: 50"));
    expect(smaller.status).toBe(200);
    expect(smaller.data.a24.edges).toHaveLength(50);
  });

  it("refuses a document over the token limit, before parsing it, naming its token count", async () => {
    const query = `{ ${Array.from({ length: 2500 }, () => "__typename").join(" ")} }`;
    expectTooComplex(await hub.graphql(query), "tokens", 2502);
  });

  it("refuses too many directives", async () => {
    const query = `{ provinces { ${Array.from({ length: 25 }, (_, i) => `c${i}: code @include(if: true)`).join(" ")} } }`;
    expectTooComplex(await hub.graphql(query), "directives", 25);
  });

  it("is stricter for anonymous callers than for callers with a token", async () => {
    const aliases = `{ ${Array.from({ length: 12 }, (_, i) => `s${i}: sectors { code }`).join(" ")} }`;
    expectTooComplex(await hub.graphql(aliases, undefined, ANONYMOUS), "aliases", 12);
    expect((await hub.graphql(aliases)).status).toBe(200);
  });

  it("answers GraphiQL's schema introspection and the nested 100-enterprise query", async () => {
    const introspection = await hub.graphql(getIntrospectionQuery(), undefined, ANONYMOUS);
    expect(introspection.status).toBe(200);
    expect(introspection.data.__schema.types.length).toBeGreaterThan(20);
    const nested = await hub.graphql(NESTED, { first: 100 });
    expect(nested.status).toBe(200);
    expect(nested.data.enterprises.edges).toHaveLength(100);
  });

  it("takes its limits from the configuration", async () => {
    const strict = await startTestHub({ LIENTHONG_MAX_DEPTH: "3" });
    try {
      const response = await strict.graphql(`{ provinces { formerProvinces { successor { code } } } }`);
      expectTooComplex(response, "depth", 4);
      expect(response.errors![0].extensions!.max).toBe(3);
    } finally {
      await strict.stop();
    }
  });

  it("audits a refusal with the principal who asked", async () => {
    const subject = `limits-${randomUUID()}`;
    const token = await tokenFor({ agency: "bhxh", roles: ["analyst"], purposes: ["enrolment"], sub: subject });
    const response = await hub.graphql(formerProvinceCycle(12), undefined, { authorization: `Bearer ${token}` });
    expectTooComplex(response, "depth");
    expect(await auditRowOf(hub, response)).toMatchObject({ subject, agency: "bhxh", errorCodes: ["QUERY_TOO_COMPLEX"] });
  });
});
