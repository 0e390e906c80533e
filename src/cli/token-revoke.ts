import { randomUUID } from "node:crypto";
import os from "node:os";
import { parseArgs } from "node:util";
import { AuditLog, auditKey, protectVariables, type AuditEntryInput } from "../audit";
import { loadConfig, type HubConfig } from "../config";
import { openDatabase, type OpenDatabase } from "../database";
import { insertRevocation, type Revocation } from "../identity/revocations";
import { onShutdown } from "../shutdown";

const USAGE = `Usage: npm run token:revoke -- --jti <jti> --reason "…" [--by <operator>]
       npm run token:revoke -- --subject <sub> [--before <instant>] --reason "…" [--by <operator>]

Revokes one token by its jti (npm run token prints it), or every token of a subject issued before
an instant. Every hub process sharing the database refuses the token(s) within
LIENTHONG_REVOCATION_REFRESH_SECONDS (2 s unless set), with 401 UNAUTHENTICATED. The revocation is
written to the audit log (operation revokeToken) in the same step.

  --jti       the token's jti claim
  --subject   the tokens' sub claim
  --before    ISO 8601 instant with a time zone, e.g. 2026-03-01T08:00:00Z (default: now);
              tokens of the subject whose iat is earlier are refused
  --reason    why, for the people who read hub.token_revocation (required)
  --by        who revokes (default: the operating-system user)

It writes to the hub's database: DATABASE_URL, or else the embedded PostgreSQL under
LIENTHONG_DATA_DIR. While a hub runs the embedded one, point DATABASE_URL at it:
postgres://postgres:lienthong-local@127.0.0.1:54329/lienthong

Exit status: 0 revoked, 1 it could not be written, 2 the options are wrong.`;

/** What the operator asked for. */
interface RevokeRequest {
  revocation: Revocation;
  reason: string;
  by: string;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Reads the command line; throws a message naming the bad option. */
function parseRevokeArguments(argv: string[], now: Date): RevokeRequest {
  const { values } = parseArgs({
    args: argv,
    options: {
      jti: { type: "string" },
      subject: { type: "string" },
      before: { type: "string" },
      reason: { type: "string" },
      by: { type: "string" },
    },
  });
  const text = (value: string | undefined) => (value === undefined || value.trim() === "" ? undefined : value.trim());
  const [jti, subject, before, reason] = [text(values.jti), text(values.subject), text(values.before), text(values.reason)];
  if ((jti === undefined) === (subject === undefined)) throw new Error("give either --jti or --subject (one of them, not empty).");
  if (reason === undefined) throw new Error('--reason is required: say why the token is revoked, e.g. --reason "leaked in a support ticket".');
  if (values.by !== undefined && text(values.by) === undefined) throw new Error("--by must name who revokes; leave it out for the operating-system user.");
  const by = text(values.by) ?? os.userInfo().username;
  if (jti !== undefined) {
    if (before !== undefined) throw new Error("--before goes with --subject; one token named by --jti is revoked whenever it was issued.");
    return { revocation: { jti }, reason, by };
  }
  let issuedBefore = now;
  if (before !== undefined) {
    issuedBefore = new Date(before);
    if (!ISO_INSTANT.test(before) || Number.isNaN(issuedBefore.getTime())) {
      throw new Error(`--before must be an ISO 8601 instant with a time zone, e.g. 2026-03-01T08:00:00Z, not "${before}".`);
    }
    // Revoking tokens not issued yet would lock the subject out until then: a typo, most likely.
    if (issuedBefore.getTime() > now.getTime()) throw new Error(`--before ${before} is in the future; give an instant up to now.`);
  }
  return { revocation: { subject: subject!, issuedBefore }, reason, by };
}

/** The audit row of a revocation: the operator as subject, what was revoked as protected variables. */
function revocationEntry(request: RevokeRequest, key: string, at: Date, requestId: string): AuditEntryInput {
  const { revocation, reason, by } = request;
  const named = "jti" in revocation ? { jti: revocation.jti, reason } : { subject: revocation.subject, reason };
  const instant = "jti" in revocation ? {} : { issuedBefore: revocation.issuedBefore.toISOString() };
  return {
    at,
    requestId,
    clientRequestId: null,
    subject: by,
    agency: null,
    roles: ["operator"],
    provinceCode: null,
    purpose: null,
    operationType: "mutation",
    operationName: "revokeToken",
    documentHash: null,
    variables: { ...protectVariables(named, key), ...instant },
    fieldsTouched: [],
    mandatesUsed: [],
    fieldsDenied: [],
    domains: ["hub"],
    rowsReturned: 0,
    provincesReturned: [],
    durationMs: Date.now() - at.getTime(),
    outcome: "ok",
    errorCodes: [],
  };
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const at = new Date();
  let request: RevokeRequest;
  let config: HubConfig;
  try {
    config = loadConfig();
    request = parseRevokeArguments(argv, at);
  } catch (error) {
    process.stderr.write(`token:revoke: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }

  const log = (line: string) => process.stderr.write(`${line}\n`);
  let database: OpenDatabase;
  try {
    // Two connections: the revocation's transaction holds one while the audit log writes on the other.
    database = await openDatabase({ ...config, poolSize: 2, log });
  } catch (error) {
    process.stderr.write(`token:revoke: the database could not be opened: ${(error as Error).message}\n`);
    return 1;
  }
  onShutdown(() => database.close());
  const key = auditKey(config);
  const auditLog = new AuditLog(database.db, key, log, { anchorFile: config.auditAnchorFile });
  const requestId = randomUUID();
  let audited = false;
  try {
    // The audit row is committed before the revocation: a revocation no audit row shows never takes effect.
    await database.db.transaction(async (tx) => {
      await insertRevocation((sql, params) => tx.query(sql, params), request.revocation, request.reason, request.by);
      await auditLog.record(revocationEntry(request, key, at, requestId));
      audited = true;
    });
  } catch (error) {
    const state = audited ? `the audit log records it (request ${requestId}), but the revocation was not saved; run the command again` : "nothing was revoked";
    process.stderr.write(`token:revoke: ${state}: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await auditLog.close();
    await database.close();
  }
  const what =
    "jti" in request.revocation
      ? `the token with jti ${request.revocation.jti}`
      : `every token of subject ${request.revocation.subject} issued before ${request.revocation.issuedBefore.toISOString()}`;
  process.stdout.write(`Revoked ${what}. Every hub refuses it within ${config.revocationRefreshSeconds} s. Audit row: request ${requestId}.\n`);
  return 0;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
