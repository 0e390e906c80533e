import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { startTestHub, type TestHub } from "../support/hub";
import { PROJECT_ROOT } from "../support/processes";
import { headersFor } from "../support/tokens";

/**
 * Costly queries run in an execution worker thread, so light requests are not held up behind
 * them; the answer, the notes and the audit row must be exactly those of running in-process.
 */
const NESTED = fs.readFileSync(path.join(PROJECT_ROOT, "test/graph/nested-enterprises.graphql"), "utf8");
let withWorker: TestHub;
let inProcess: TestHub;
beforeAll(async () => {
  [withWorker, inProcess] = await Promise.all([startTestHub({ LIENTHONG_EXECUTION_WORKERS: "1" }), startTestHub({ LIENTHONG_EXECUTION_WORKERS: "0" })]);
});
afterAll(() => Promise.all([withWorker.stop(), inProcess.stop()]));

async function auditRow(hub: TestHub, requestId: string | null) {
  const [row] = await hub.sql(`SELECT entry::jsonb AS entry FROM hub.audit_log WHERE request_id = $1`, [requestId]);
  const { fieldsDenied, mandatesUsed, domains, rowsReturned, provincesReturned, outcome, errorCodes, fieldsTouched } = row.entry;
  return { fieldsDenied, mandatesUsed, domains, rowsReturned, provincesReturned, outcome, errorCodes, fieldsTouched };
}

describe("execution workers", () => {
  it("answer a costly query exactly as the hub thread does, with the same audit row", async () => {
    // A provincial labour inspector where Bắc Kạn's plan grants registry and tax records: row scope, some fields refused.
    for (const claims of [
      { agency: "labour" as const, roles: ["inspector" as const], purposes: ["inspection" as const], province: "19", sub: `w-${randomUUID()}` },
      { agency: "bhxh" as const, roles: ["analyst" as const], purposes: ["enrolment" as const], sub: `w-${randomUUID()}` },
    ]) {
      const headers = await headersFor(claims);
      const [worker, hub] = await Promise.all([withWorker.graphql(NESTED, { first: 100 }, headers), inProcess.graphql(NESTED, { first: 100 }, headers)]);
      expect(worker.extensions?.stats.executedBy).toBe("execution-worker");
      expect(hub.extensions?.stats.executedBy).toBe("hub-thread");
      expect(worker.status).toBe(hub.status);
      expect(worker.data).toEqual(hub.data);
      expect(worker.errors).toEqual(hub.errors);
      expect(worker.extensions?.stats.sqlStatements).toBe(hub.extensions?.stats.sqlStatements);
      expect(await auditRow(withWorker, worker.headers.get("x-request-id"))).toEqual(await auditRow(inProcess, hub.headers.get("x-request-id")));
    }
  });

  it("keeps light queries on the hub thread", async () => {
    const response = await withWorker.graphql(NESTED, { first: 5 });
    expect(response.status).toBe(200);
    expect(response.extensions?.stats.executedBy).toBe("hub-thread");
  });

  it("carries suppression notes for aggregate-only principals back from the worker", async () => {
    // Nghệ An's committee: its letter (7337/UBND-VX) grounds its counts of enterprises.
    const headers = await headersFor({ agency: "ppc", roles: ["analyst"], purposes: ["target-setting"], province: "40" });
    // Costly enough for the worker (cost ≥ 500): many aliased counts over the province's communes.
    const query = `{ p1: provinces { code communes { code } } p2: provinces { communes { name } } c: enterprises(filter: { communeCode: "00001", status: [BANKRUPT] }) { totalCount } }`;
    const [worker, hub] = await Promise.all([withWorker.graphql(query, undefined, headers), inProcess.graphql(query, undefined, headers)]);
    expect(worker.extensions?.stats.executedBy).toBe("execution-worker");
    expect(worker.data).toEqual(hub.data);
    expect(hub.extensions?.suppressed?.length).toBeGreaterThan(0);
    expect(worker.extensions?.suppressed).toEqual(hub.extensions?.suppressed);
  });
});
