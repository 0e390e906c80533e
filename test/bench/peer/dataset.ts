import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "../../../src/database/embedded";
import { postmasterPidFile, runningPostmaster } from "../../../src/database/postmaster";
import { freePort } from "../../support/free-port";
import { runNode } from "../../support/processes";
import { SECRETS } from "./systems";

/** The national set the peer bench reads: one database, whoever runs it. */
export interface NationalSet {
  url: string;
  enterprises: number;
  /** How it was had: "seeded in 301 s", "reused", "reused (PostgreSQL of another process)". */
  origin: string;
  /** Stops PostgreSQL if this process started it; leaves a cluster another process runs alone. */
  stop(): Promise<void>;
}

export interface DatasetOptions {
  enterprises: number;
  /** An embedded cluster's data folder: reused when it holds `enterprises` enterprises, seeded otherwise. */
  dataDir: string;
  /** True for the bench's own default folder, whose data it may replace; never for one named by the user. */
  mayReplace: boolean;
  /** Port for the embedded PostgreSQL when this process starts it (a free one if unset). */
  pgPort?: number;
  /** An existing database to read instead of a data folder: used as it is, never seeded. */
  databaseUrl?: string;
}

/** Where the bench keeps a national set between runs unless told otherwise, so a second run does not seed again. */
export function defaultDataDir(enterprises: number): string {
  return path.join(os.tmpdir(), `lienthong-bench-national-${enterprises}`);
}

/**
 * The national set, seeded only when missing: a database URL is used as it is; a data folder whose
 * PostgreSQL another process runs (a hub, a seed) is read through that PostgreSQL, as only one
 * postmaster may run per folder; otherwise this process starts the embedded PostgreSQL there,
 * seeds it with `npm run seed` when it lacks the set, and runs ANALYZE.
 */
export async function openNationalSet(options: DatasetOptions, log: (line: string) => void): Promise<NationalSet> {
  if (options.databaseUrl) return external(options.databaseUrl, options.enterprises, "given database");

  const running = runningPostmaster(path.join(options.dataDir, "pg"));
  if (running) {
    // postmaster.pid: pid, data folder, start time, port, …
    const port = Number(fs.readFileSync(postmasterPidFile(path.join(options.dataDir, "pg")), "utf8").split("\n")[3]);
    log(`PostgreSQL ${running.pid} already runs ${options.dataDir} on port ${port}: reading it there.`);
    return external(`postgres://postgres:lienthong-local@127.0.0.1:${port}/lienthong`, options.enterprises, `PostgreSQL of process ${running.parentPid}`);
  }

  const cluster = await startEmbeddedPostgres({ dataDir: options.dataDir, port: options.pgPort ?? (await freePort()) });
  try {
    const found = await countEnterprises(cluster.url);
    if (found === options.enterprises) return { url: cluster.url, enterprises: found, origin: `reused ${options.dataDir}`, stop: cluster.stop };
    if (found > 0 && !options.mayReplace) throw mismatch(found, options.enterprises, options.dataDir);
    log(
      `Seeding ${options.enterprises.toLocaleString("en-US")} enterprises into ${options.dataDir}${found > 0 ? ` (replacing ${found.toLocaleString("en-US")})` : ""}…`,
    );
    const started = Date.now();
    await seed(cluster.url, options.enterprises, found > 0);
    await analyze(cluster.url);
    return {
      url: cluster.url,
      enterprises: options.enterprises,
      origin: `seeded into ${options.dataDir} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
      stop: cluster.stop,
    };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

async function external(url: string, enterprises: number, whose: string): Promise<NationalSet> {
  const found = await countEnterprises(url);
  if (found !== enterprises) throw mismatch(found, enterprises, url.replace(/\/\/[^@]*@/, "//"));
  return { url, enterprises, origin: `reused (${whose})`, stop: async () => undefined };
}

function mismatch(found: number, wanted: number, where: string): Error {
  return new Error(
    `${where} holds ${found.toLocaleString("en-US")} enterprises, not ${wanted.toLocaleString("en-US")}` +
      `${found === 0 ? " (still being seeded?)" : ""}. Pass --enterprises ${found} to measure it as it is, or another --data-dir.`,
  );
}

/** Committed enterprises (0 before migrations, or while a seed's one transaction is still open). */
async function countEnterprises(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM registry.enterprise");
    return rows[0].n;
  } catch (error) {
    if ((error as { code?: string }).code === "42P01") return 0; // no such table: not migrated yet
    throw error;
  } finally {
    await client.end();
  }
}

/** `npm run seed` against the running cluster, its progress passed through to stderr. */
async function seed(url: string, enterprises: number, replace: boolean): Promise<void> {
  const run = runNode("src/cli/seed.js", ["--enterprises", String(enterprises), ...(replace ? ["--replace"] : [])], { ...SECRETS, DATABASE_URL: url });
  run.child.stderr!.on("data", (chunk: Buffer) => process.stderr.write(chunk));
  const code = await run.exited;
  if (code !== 0) throw new Error(`seed failed with ${code}:\n${run.output().slice(-2000)}`);
}

/** Fresh planner statistics for every table, so the first plans are the ones the set deserves. */
async function analyze(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
}
