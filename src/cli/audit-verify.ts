import fs from "node:fs";
import path from "node:path";
import { auditKey, LOCAL_AUDIT_KEY_NAME, verifyAuditChain, type AuditVerification } from "../audit";
import { loadConfig, type HubConfig } from "../config";
import { openDatabase, type OpenDatabase } from "../database";
import { progressBar, type Progress } from "../demo/progress";
import { onShutdown } from "../shutdown";

const USAGE = `Usage: npm run audit:verify

Checks the audit log (nhật ký truy cập) of the hub's database: the embedded PostgreSQL under
LIENTHONG_DATA_DIR, or DATABASE_URL when set. Walks the hash chain of hub.audit_log row by row and
compares its end with the head anchored in hub.audit_head, then names the first row that was
altered, removed or inserted out of order. Stop a hub using the embedded PostgreSQL first, or
point DATABASE_URL at its database.

The key is LIENTHONG_AUDIT_KEY, or else the key file the hub made in LIENTHONG_DATA_DIR.

Exit status: 0 the log is intact, 1 it is broken, 2 it could not be checked.
`;

/** Logs shorter than this are checked in well under a second: no progress bar. */
const PROGRESS_FROM_ROWS = 100_000;

const EXIT = { intact: 0, broken: 1, unchecked: 2 } as const;

async function main(argv: readonly string[]): Promise<number> {
  if (argv.some((arg) => arg === "--help" || arg === "-h")) {
    process.stdout.write(USAGE);
    return EXIT.intact;
  }
  if (argv.length > 0) {
    process.stderr.write(`audit:verify: unknown argument "${argv[0]}".\n\n${USAGE}`);
    return EXIT.unchecked;
  }
  let config: HubConfig;
  let key: string;
  try {
    config = loadConfig();
    key = existingAuditKey(config);
  } catch (error) {
    process.stderr.write(`audit:verify: ${(error as Error).message}\n`);
    return EXIT.unchecked;
  }

  const log = (line: string) => process.stderr.write(`${line}\n`);
  let database: OpenDatabase;
  try {
    // Two connections: migrating holds one for its advisory lock and runs on the other. The check itself has its own client.
    database = await openDatabase({ ...config, poolSize: 2, log });
  } catch (error) {
    process.stderr.write(`audit:verify: the database could not be opened: ${(error as Error).message}\n`);
    return EXIT.unchecked;
  }
  onShutdown(() => database.close());
  try {
    const result = await verifyAuditChain(database.db, key, { onProgress: progressFor(progressBar()) });
    process.stdout.write(`${summary(result)}\n`);
    return result.ok ? EXIT.intact : EXIT.broken;
  } catch (error) {
    process.stderr.write(`audit:verify: the audit log could not be checked: ${(error as Error).message}\n`);
    return EXIT.unchecked;
  } finally {
    await database.close();
  }
}

/**
 * The key the hub writes with. Unlike the hub, never makes a new key file: checking with a fresh
 * key would report every row as altered instead of saying the key is missing.
 */
function existingAuditKey(config: HubConfig): string {
  const file = path.join(config.dataDir, LOCAL_AUDIT_KEY_NAME);
  if (config.auditKey === undefined && !fs.existsSync(file)) {
    throw new Error(`no audit key: LIENTHONG_AUDIT_KEY is not set and ${file} does not exist. Give the key the hub writes with.`);
  }
  return auditKey(config);
}

/** Shows a progress bar once the log turns out to be long. */
function progressFor(progress: Progress): (checked: number, expected: number) => void {
  let state: "idle" | "shown" | "finished" = "idle";
  return (checked, expected) => {
    if (state === "finished" || (state === "idle" && expected < PROGRESS_FROM_ROWS)) return;
    if (state === "idle") progress.phase("audit rows checked", expected);
    state = "shown";
    progress.update(checked);
    if (checked >= expected) {
      progress.finish();
      state = "finished";
    }
  };
}

function summary(result: AuditVerification): string {
  const count = (n: number) => n.toLocaleString("en-US");
  if (result.ok) return `Audit log intact: ${count(result.rows)} rows, head at ${count(result.headSeq)}.`;
  return `Audit log broken at row ${result.problem.seq}: ${result.problem.message}`;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
