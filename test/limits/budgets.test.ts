import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { startTestHub, type TestHub } from "../support/hub";
import { PROJECT_ROOT } from "../support/processes";
import { headersFor } from "../support/tokens";

/** Budgets per caller: operations in flight, and cost per minute (HTTP 429 with Retry-After, audited). */
const NESTED = fs.readFileSync(path.join(PROJECT_ROOT, "test/graph/nested-enterprises.graphql"), "utf8");

function analyst() {
  return headersFor({ agency: "bhxh", roles: ["analyst"], purposes: ["enrolment"], sub: `budget-${randomUUID()}` });
}

async function withHub(env: Record<string, string>, test: (hub: TestHub) => Promise<void>) {
  const hub = await startTestHub(env);
  try {
    await test(hub);
  } finally {
    await hub.stop();
  }
}

describe("caller budgets", () => {
  it("refuses a caller over its cost per minute with 429, RATE_LIMITED and Retry-After, and audits it", () =>
    withHub({ LIENTHONG_COST_PER_MINUTE: "1500" }, async (hub) => {
      const headers = await analyst();
      // The nested query at first = 100 costs about 1,200: the first fits the minute, the second does not.
      expect((await hub.graphql(NESTED, { first: 100 }, headers)).status).toBe(200);
      const refused = await hub.graphql(NESTED, { first: 100 }, headers);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(refused.errors![0].extensions).toMatchObject({ code: "RATE_LIMITED", reason: "cost" });
      expect(refused.errors![0].message).toMatch(/of your 1500 per minute are left/);
      const [row] = await hub.sql(`SELECT entry::jsonb AS entry FROM hub.audit_log WHERE request_id = $1`, [refused.headers.get("x-request-id")]);
      expect(row.entry).toMatchObject({ outcome: "denied", errorCodes: ["RATE_LIMITED"] });
      // Another caller is not held back by the first one's spending.
      expect((await hub.graphql(NESTED, { first: 100 }, await analyst())).status).toBe(200);
    }));

  it("budgets anonymous callers by address, more tightly", () =>
    withHub({ LIENTHONG_ANONYMOUS_COST_PER_MINUTE: "100" }, async (hub) => {
      const query = `{ provinces { code communes { code } } }`;
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await hub.graphql(query, undefined, { authorization: "" })).status);
      expect(statuses).toContain(429);
      expect((await hub.graphql(query)).status).toBe(200);
    }));

  it("refuses operations beyond the caller's limit in flight at once", () =>
    withHub({ LIENTHONG_MAX_CONCURRENT_OPERATIONS: "1" }, async (hub) => {
      const headers = await analyst();
      const responses = await Promise.all(Array.from({ length: 12 }, () => hub.graphql(NESTED, { first: 100 }, headers)));
      const refused = responses.filter((response) => response.status === 429);
      expect(refused.length).toBeGreaterThan(0);
      expect(refused[0].errors![0].extensions).toMatchObject({ code: "RATE_LIMITED", reason: "concurrency" });
      expect(responses.filter((response) => response.status === 200).length).toBeGreaterThan(0);
      // Slots are given back: the caller is served again once its operations are answered.
      expect((await hub.graphql(NESTED, { first: 10 }, headers)).status).toBe(200);
    }));

  it("runs costly operations through the heavy lane one at a time without losing any", () =>
    withHub({ LIENTHONG_HEAVY_CONCURRENCY: "1" }, async (hub) => {
      const callers = await Promise.all([analyst(), analyst(), analyst()]);
      const responses = await Promise.all(callers.flatMap((headers) => [1, 2].map(() => hub.graphql(NESTED, { first: 100 }, headers))));
      expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200, 200]);
      expect(responses.every((response) => response.data.enterprises.edges.length === 100)).toBe(true);
    }));
});
