import path from "node:path";
import pg from "pg";
import type { AuditEntryInput } from "../../src/audit";
import { startTestHub } from "./hub";
import { freshDatabase } from "./fresh-database";
import { runNode } from "./processes";
import { TEST_ENV, TEST_SECRETS } from "./test-env";

/** The audit key the test run's hubs write with and audit:verify checks with. */
export const TEST_AUDIT_KEY = TEST_SECRETS.LIENTHONG_AUDIT_KEY;

/**
 * A new database `name` with an audit chain of its own: a test hub started on it migrates it,
 * then answers `requests` requests one after the other, so row n is the request whose client id
 * (x-request-id, kept as clientRequestId beside the hub's own id) is `${name}-n`.
 * Other test files write to the shared database's log concurrently; tampering needs a log alone.
 * The hub keeps its anchor file at anchorFileOf(url).
 */
export async function databaseWithAuditedRequests(name: string, requests: number): Promise<string> {
  const url = await freshDatabase(name);
  await auditedRequests(url, 1, requests);
  return url;
}

/**
 * Starts a test hub on `url` (a database made by databaseWithAuditedRequests) and sends requests
 * `first` to `last`, one after the other; request n has the client id `${database name}-n`. Resolves
 * once the hub stopped, so its anchor file names the last row written.
 */
export async function auditedRequests(url: string, first: number, last: number): Promise<void> {
  const name = databaseNameOf(url);
  const hub = await startTestHub({ DATABASE_URL: url, LIENTHONG_AUDIT_KEY: TEST_AUDIT_KEY, LIENTHONG_AUDIT_ANCHOR_FILE: anchorFileOf(url) });
  try {
    for (let n = first; n <= last; n++) {
      await hub.graphql(`query Provinces${n} { provinces { code name } }`, undefined, { "x-request-id": `${name}-${n}` });
    }
  } finally {
    await hub.stop();
  }
}

/**
 * The anchor file of the hubs auditedRequests starts on `url`: one per database, in the test run's
 * temporary folder, which global teardown removes.
 */
export function anchorFileOf(url: string): string {
  const runFolder = process.env[TEST_ENV.dataDir];
  if (!runFolder) throw new Error("The test run's folder is missing: run the tests with `npm test` so global setup makes it.");
  return path.join(runFolder, "audit-anchors", `${databaseNameOf(url)}.json`);
}

function databaseNameOf(url: string): string {
  return new URL(url).pathname.slice(1);
}

/** An audit entry as the audit plugin would build it, varied by `overrides`. */
export function sampleEntry(overrides: Partial<AuditEntryInput> = {}): AuditEntryInput {
  return {
    at: new Date(),
    requestId: `test-${Math.random().toString(36).slice(2)}`,
    clientRequestId: null,
    subject: "tester",
    agency: "labour",
    roles: ["inspector"],
    provinceCode: null,
    purpose: "inspection",
    operationType: "query",
    operationName: "Test",
    documentHash: "0".repeat(64),
    variables: null,
    fieldsTouched: ["Query.enterprises"],
    mandatesUsed: [],
    fieldsDenied: [],
    domains: ["registry"],
    rowsReturned: 0,
    provincesReturned: [],
    durationMs: 1.5,
    outcome: "ok",
    errorCodes: [],
    ...overrides,
  };
}

/**
 * Runs `npm run audit:verify` (compiled) against `url` with `args`, and returns its exit code and
 * output. Unless `args` say otherwise it checks the anchor file the hubs of auditedRequests keep.
 */
export async function runAuditVerify(url: string, options: { key?: string; args?: string[] } = {}): Promise<{ code: number | null; output: string }> {
  const command = runNode("src/cli/audit-verify.js", options.args ?? [], {
    DATABASE_URL: url,
    LIENTHONG_AUDIT_KEY: options.key ?? TEST_AUDIT_KEY,
    LIENTHONG_AUDIT_ANCHOR_FILE: anchorFileOf(url),
  });
  const code = await command.exited;
  return { code, output: command.output() };
}

/**
 * Runs `sql` as the database superuser with the audit tables' triggers switched off, the way an
 * intruder with full database access would change the log. One transaction: no other session
 * ever sees the triggers off.
 */
export async function tamper(url: string, sql: string, params: unknown[] = []): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query("ALTER TABLE hub.audit_log DISABLE TRIGGER USER");
    await client.query("ALTER TABLE hub.audit_head DISABLE TRIGGER USER");
    await client.query(sql, params);
    await client.query("ALTER TABLE hub.audit_log ENABLE TRIGGER USER");
    await client.query("ALTER TABLE hub.audit_head ENABLE TRIGGER USER");
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
}
