import fs from "node:fs";
import { SingleBar, Presets } from "cli-progress";
import { IngestStatus } from "../../entities/hub/batch.entity";
import { AuditLog, auditKey, protectVariables } from "../audit";
import { loadConfig, type HubConfig } from "../config";
import { identifyRequest, type RequestIdentity } from "../context";
import { openDatabase, type OpenDatabase } from "../database";
import { RevocationList } from "../identity/revocations";
import { createTokenVerifier } from "../identity/token-verifier";
import type { Principal } from "../identity/principal";
import { publishBatch, type PublishAnswer } from "../ingest/publish-batch";

const USAGE = `Usage: npm run import -- --domain <domain> [--dataset <dataset>] --period <period> [--token <jwt>] FILE.csv

Publishes FILE.csv (UTF-8, with or without BOM) as one batch of <domain>'s data for <period>, all
rows or none, exactly as POST /ingest/<domain> does. --dataset names one of the domain's further
datasets (bhxh voluntary, hub targets), as POST /ingest/<domain>/<dataset> does. Columns per domain: README, "Data in".

It publishes as the principal of a publisher's token: --token, or else LIENTHONG_TOKEN (npm run
token -- --agency tax --roles publisher --purposes statistics prints one). The token is checked
as the hub checks it (signature, lifetime, revocation), and the batch leaves an audit row.

It writes to the hub's database: DATABASE_URL, or else the embedded PostgreSQL under
LIENTHONG_DATA_DIR. While a hub runs the embedded one, point DATABASE_URL at it:
postgres://postgres:lienthong-local@127.0.0.1:54329/lienthong

Exit status: 0 applied (or already applied: DUPLICATE), 1 rejected or refused, 2 wrong options.`;

interface ImportArguments {
  domain: string;
  dataset?: string;
  period: string;
  token: string;
  file: string;
}

/** Reads the command line; throws a message naming what is wrong. */
function parseImportArguments(argv: readonly string[], env: NodeJS.ProcessEnv): ImportArguments {
  const options: Partial<ImportArguments> = {};
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const text = argv[++i];
      if (text === undefined || text.startsWith("--")) throw new Error(`${arg} needs a value.`);
      return text;
    };
    if (arg === "--domain") options.domain = value();
    else if (arg === "--dataset") options.dataset = value();
    else if (arg === "--period") options.period = value();
    else if (arg === "--token") options.token = value();
    else if (arg.startsWith("--")) throw new Error(`Unknown option "${arg}".`);
    else files.push(arg);
  }
  options.token ??= env.LIENTHONG_TOKEN;
  if (!options.domain) throw new Error("--domain is required.");
  if (!options.period) throw new Error("--period is required.");
  if (!options.token) throw new Error("A publisher's token is required: --token, or LIENTHONG_TOKEN.");
  if (files.length !== 1) throw new Error(`Name exactly one CSV file; got ${files.length}.`);
  return { domain: options.domain, dataset: options.dataset, period: options.period, token: options.token, file: files[0] };
}

/** Progress on stderr: a cli-progress bar on a terminal, a plain line every 10% otherwise (logs, CI). */
function progressReporter(totalBytes: number, stream: NodeJS.WriteStream = process.stderr) {
  if (stream.isTTY) {
    const bar = new SingleBar({ stream, format: "{bar} {percentage}% | {rows} rows | {eta_formatted} left", hideCursor: true }, Presets.shades_classic);
    bar.start(Math.max(1, totalBytes), 0, { rows: "0" });
    return {
      update: (p: { bytes: number; rows: number }) => bar.update(p.bytes, { rows: p.rows.toLocaleString("en-US") }),
      stop: () => bar.stop(),
    };
  }
  let lastTenth = -1;
  const started = Date.now();
  return {
    update: (p: { bytes: number; rows: number }) => {
      const tenth = Math.floor((p.bytes / Math.max(1, totalBytes)) * 10);
      if (tenth <= lastTenth) return;
      lastTenth = tenth;
      stream.write(`import: ${tenth * 10}% read, ${p.rows.toLocaleString("en-US")} rows, ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    },
    stop: () => undefined,
  };
}

/** What the batch became, for a person: one line, then the problems of a rejected batch. */
function summary(answer: PublishAnswer, seconds: number): string {
  if ("error" in answer) return `import: ${answer.error.code}: ${answer.error.message}\n`;
  const { batch } = answer;
  const rate = seconds > 0 ? Math.round(batch.rowCount / seconds).toLocaleString("en-US") : "-";
  const head = `${batch.status}: batch ${batch.id}, ${batch.domain}${batch.dataset ? `/${batch.dataset}` : ""} ${batch.period}, ${batch.rowCount.toLocaleString("en-US")} rows in ${seconds.toFixed(1)} s (${rate} rows/s), sha256 ${batch.checksum}`;
  if (batch.status === IngestStatus.DUPLICATE)
    return `${head}\nThe same content was already applied as batch ${batch.duplicateOf}; nothing was applied again.\n`;
  const phases = answer.phases
    ? `Read and staged in ${answer.phases.staging.toFixed(1)} s, checked in ${answer.phases.checks.toFixed(1)} s, merged in ${answer.phases.merge.toFixed(1)} s.\n`
    : "";
  if (batch.status === IngestStatus.APPLIED) return `${head}\n${phases}`;
  const lines = batch.errors.map((e) => `  line ${e.line ?? "-"}${e.column ? `, ${e.column}` : ""}: ${e.reason}`);
  const more = batch.errorCount - batch.errors.length;
  return `${head}\nNothing was applied. ${batch.errorCount.toLocaleString("en-US")} problem(s):\n${lines.join("\n")}\n${more > 0 ? `  … and ${more.toLocaleString("en-US")} more\n` : ""}`;
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let args: ImportArguments;
  let config: HubConfig;
  try {
    config = loadConfig();
    args = parseImportArguments(argv, process.env);
    fs.accessSync(args.file, fs.constants.R_OK);
  } catch (error) {
    process.stderr.write(`import: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const log = (line: string) => process.stderr.write(`${line}\n`);
  let database: OpenDatabase;
  try {
    database = await openDatabase({ ...config, poolSize: 2, statementTimeoutMs: 0, log });
  } catch (error) {
    process.stderr.write(`import: the database could not be opened: ${(error as Error).message}\n`);
    return 1;
  }
  const key = auditKey(config);
  const auditLog = new AuditLog(database.db, key, log, { anchorFile: config.auditAnchorFile });
  const revocations = await RevocationList.start(database.db, config.revocationRefreshSeconds, log);
  const identity: RequestIdentity = identifyRequest({}, (text) => text);
  try {
    let principal: Principal;
    try {
      principal = (await createTokenVerifier(config, revocations.check).verify(`Bearer ${args.token}`))!;
    } catch (error) {
      await auditLog.record({ ...refusedEntry(identity), errorCodes: ["UNAUTHENTICATED"], outcome: "unauthenticated" });
      process.stderr.write(`import: the token is refused: ${(error as Error).message}\n`);
      return 1;
    }
    const size = fs.statSync(args.file).size;
    const progress = progressReporter(size);
    const started = Date.now();
    const answer = await publishBatch(
      {
        databaseUrl: database.db.url,
        audit: { sink: auditLog, protect: (variables) => protectVariables(variables, key) ?? {} },
        limits: { maxBytes: Number.MAX_SAFE_INTEGER, maxRows: config.ingest.maxRows },
      },
      {
        identity,
        principal,
        purpose: principal.purposes[0] ?? null,
        domainName: args.domain,
        datasetName: args.dataset,
        period: args.period,
        content: fs.createReadStream(args.file, { highWaterMark: 256 * 1024 }),
        onProgress: progress.update,
      },
    );
    progress.stop();
    const text = summary(answer, (Date.now() - started) / 1000);
    const ok = "batch" in answer && answer.batch.status !== IngestStatus.REJECTED;
    (ok ? process.stdout : process.stderr).write(text);
    return ok ? 0 : 1;
  } finally {
    await revocations.stop();
    await auditLog.close();
    await database.close();
  }
}

/** The audit row of a delivery refused before its principal was known (a bad token). */
function refusedEntry(identity: RequestIdentity) {
  return {
    at: identity.startedAt,
    requestId: identity.requestId,
    clientRequestId: null,
    subject: null,
    agency: null,
    roles: [],
    provinceCode: null,
    purpose: null,
    operationType: "mutation" as const,
    operationName: "ingest",
    documentHash: null,
    variables: null,
    fieldsTouched: [],
    mandatesUsed: [],
    fieldsDenied: [],
    domains: [],
    rowsReturned: 0,
    provincesReturned: [],
    durationMs: Date.now() - identity.startedAt.getTime(),
  };
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
