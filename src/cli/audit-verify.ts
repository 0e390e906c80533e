import fs from "node:fs";
import path from "node:path";
import { auditKey, LOCAL_AUDIT_KEY_NAME, verifyAuditChain, type AuditVerification } from "../audit";
import { loadConfig, type HubConfig } from "../config";
import { openDatabase, type OpenDatabase } from "../database";
import { progressBar, type Progress } from "../demo/progress";
import { onShutdown } from "../shutdown";

const USAGE = `Usage: npm run audit:verify [-- --anchor <file> | --no-anchor]

Checks the audit log (nhật ký truy cập) of the hub's database: the embedded PostgreSQL under
LIENTHONG_DATA_DIR, or DATABASE_URL when set. Walks the hash chain of hub.audit_log row by row and
compares its end with the head anchored in hub.audit_head, then names the first row that was
altered, removed or inserted out of order. Stop a hub using the embedded PostgreSQL first, or
point DATABASE_URL at its database.

Then it compares the log with the anchor file the hub keeps outside the database
(LIENTHONG_AUDIT_ANCHOR_FILE, by default audit-anchor.json in LIENTHONG_DATA_DIR): the log must
still hold the row the file names, unchanged. This catches a database rewound to an earlier head,
which the database alone cannot show. A file behind the head is fine; no file at all is too, but
then only the database head was checked, and the output says so.

  --anchor <file>   check against this anchor file instead, e.g. a copy from the hub's machine
                    (a relative path starts from the project folder, where npm runs commands)
  --no-anchor       check the database alone

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
  let anchorChoice: AnchorChoice;
  try {
    anchorChoice = parseArguments(argv);
  } catch (error) {
    process.stderr.write(`audit:verify: ${(error as Error).message}\n\n${USAGE}`);
    return EXIT.unchecked;
  }
  let config: HubConfig;
  let key: string;
  let anchorFile: string | undefined;
  try {
    config = loadConfig();
    key = existingAuditKey(config);
    anchorFile = anchorChoice === "default" ? config.auditAnchorFile : anchorChoice === "none" ? undefined : path.resolve(anchorChoice.file);
  } catch (error) {
    process.stderr.write(`audit:verify: ${(error as Error).message}\n`);
    return EXIT.unchecked;
  }

  const log = (line: string) => process.stderr.write(`${line}\n`);
  let database: OpenDatabase;
  try {
    // Two connections: migrating holds one for its advisory lock and runs on the other. The check itself has its own client.
    database = await openDatabase({ ...config, poolSize: 2, statementTimeoutMs: 0, log });
  } catch (error) {
    process.stderr.write(`audit:verify: the database could not be opened: ${(error as Error).message}\n`);
    return EXIT.unchecked;
  }
  onShutdown(() => database.close());
  try {
    const result = await verifyAuditChain(database.db, key, { onProgress: progressFor(progressBar()), anchorFile });
    process.stdout.write(`${summary(result)}\n`);
    return result.ok ? EXIT.intact : EXIT.broken;
  } catch (error) {
    process.stderr.write(`audit:verify: the audit log could not be checked: ${(error as Error).message}\n`);
    return EXIT.unchecked;
  } finally {
    await database.close();
  }
}

/** Which anchor file to check: the configured one, one given with --anchor, or none (--no-anchor). */
type AnchorChoice = "default" | "none" | { file: string };

function parseArguments(argv: readonly string[]): AnchorChoice {
  let choice: AnchorChoice = "default";
  const choose = (next: AnchorChoice) => {
    if (choice !== "default") throw new Error("give --anchor or --no-anchor once, not both.");
    choice = next;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--no-anchor") {
      choose("none");
    } else if (arg === "--anchor" || arg.startsWith("--anchor=")) {
      const file = arg === "--anchor" ? argv[++i] : arg.slice("--anchor=".length);
      if (!file || file.startsWith("--")) throw new Error("--anchor needs the anchor file's path.");
      choose({ file });
    } else {
      throw new Error(`unknown argument "${arg}".`);
    }
  }
  return choice;
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
  const verdict = result.ok
    ? `Audit log intact: ${count(result.rows)} rows, head at ${count(result.headSeq)}.`
    : `Audit log broken at row ${result.problem.seq}: ${result.problem.message}`;
  return [verdict, anchorNote(result)].filter(Boolean).join("\n");
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}

/** What the anchor file added to the verdict; the operator must know when it was not there to check. */
function anchorNote(result: AuditVerification): string | undefined {
  const anchor = result.anchor;
  if (!anchor) return "The anchor file was not checked (--no-anchor): only the database head was.";
  if (!anchor.found) return `No anchor file at ${anchor.file}; only the database head was checked.`;
  if (!result.ok || anchor.seq === undefined) return undefined;
  const lag = anchor.seq < result.headSeq ? ` It lags behind the head, as after a crash or when another replica wrote last.` : "";
  return `The anchor file ${anchor.file} agrees: the log still holds row ${count(anchor.seq)} as the hub committed it.${lag}`;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
