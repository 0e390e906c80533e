import pg from "pg";
import type { AuditEntryInput } from "../../src/audit";
import { startTestHub } from "./hub";
import { freshDatabase } from "./fresh-database";
import { runNode } from "./processes";
import { TEST_SECRETS } from "./test-env";

/** The audit key the test run's hubs write with and audit:verify checks with. */
export const TEST_AUDIT_KEY = TEST_SECRETS.LIENTHONG_AUDIT_KEY;

/**
 * A new database `name` with an audit chain of its own: a test hub started on it migrates it,
 * then answers `requests` requests one after the other, so row n is request `${name}-n`.
 * Other test files write to the shared database's log concurrently; tampering needs a log alone.
 */
export async function databaseWithAuditedRequests(name: string, requests: number): Promise<string> {
  const url = await freshDatabase(name);
  const hub = await startTestHub({ DATABASE_URL: url, LIENTHONG_AUDIT_KEY: TEST_AUDIT_KEY });
  try {
    for (let n = 1; n <= requests; n++) {
      await hub.graphql(`query Provinces${n} { provinces { code name } }`, undefined, { "x-request-id": `${name}-${n}` });
    }
  } finally {
    await hub.stop();
  }
  return url;
}

/** An audit entry as the audit plugin would build it, varied by `overrides`. */
export function sampleEntry(overrides: Partial<AuditEntryInput> = {}): AuditEntryInput {
  return {
    at: new Date(),
    requestId: `test-${Math.random().toString(36).slice(2)}`,
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
    durationMs: 1.5,
    outcome: "ok",
    errorCodes: [],
    ...overrides,
  };
}

/** Runs `npm run audit:verify` (compiled) against `url` and returns its exit code and output. */
export async function runAuditVerify(url: string, key = TEST_AUDIT_KEY): Promise<{ code: number | null; output: string }> {
  const command = runNode("src/cli/audit-verify.js", [], { DATABASE_URL: url, LIENTHONG_AUDIT_KEY: key });
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
