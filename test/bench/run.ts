/**
 * `npm run bench`: the figures the foundation issue asks for, measured on this machine.
 *
 *   cold start   fresh data folder → `npm start` → first answered query (build, initdb, migrations, demo load)
 *   demo seed    the default demo (20,000 enterprises) loaded by `npm run seed`
 *   national     `npm run seed -- --enterprises N` (default 1,000,000) into a fresh embedded PostgreSQL
 *   statements   SQL statements for the nested enterprises query at first = 10 and 100
 *   latency      p50/p95 of that query at first = 100 on random pages of the national set
 *   access       p50 and throughput of that query with mandates and audit on, then off (same data, same run)
 *
 *   hardening    attacks, memory, fairness and what the limits cost (test/bench/hardening.ts)
 *   live         batch commit to subscription event, 1,000 subscribers on two processes (test/bench/live.ts)
 *   peers        the hub against PostGraphile v5 and one SQL statement on the national set (test/bench/peer/)
 *   ingest       npm run import of 1,000,000 tax headcounts against a plain COPY of the same file (test/bench/ingest.ts)
 *   analytics    issue 10's targets on the national set: coverage, findings refresh, the lists (test/bench/analytics.ts)
 *
 * Options: --enterprises N (national size), --requests N (latency samples, default 100),
 * --hardening-only (just the hardening figures, on the demo set: about 3 minutes),
 * --peer-only (just the peer comparison; its options are in test/bench/peer/index.ts),
 * --ingest-only (just data in: about 2 minutes; --ingest-rows N, default 1,000,000),
 * --live-only (just the subscription latency: about 5 minutes),
 * --analytics-only (just issue 10's figures on the national set: about 5 minutes; options in test/bench/analytics.ts).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CursorCodec } from "../../src/graphql/cursors";
import { signToken } from "../../src/identity/sign-token";
import { freePort } from "../support/free-port";
import { analyticsOptions, measureAnalytics } from "./analytics";
import { measureCoverage } from "./coverage";
import { measureHardening } from "./hardening";
import { measureIngest } from "./ingest";
import { measureLive } from "./live";
import { defaultDataDir } from "./peer/dataset";
import { measurePeers, peerOptions } from "./peer";
import { PROJECT_ROOT, runNode, type RunningCommand } from "../support/processes";
import { SECRETS } from "./peer/systems";

const NESTED = fs.readFileSync(path.join(PROJECT_ROOT, "test/graph/nested-enterprises.graphql"), "utf8");

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

/** Secrets the benchmark's hubs run with, so that it can sign its own tokens. */
/** Every field of the nested query is readable by a provincial BHXH inspector (see schema/mandates.yaml). */
const BENCH_PRINCIPAL = { subject: "bench", agency: "bhxh" as const, roles: ["inspector" as const], purposes: ["inspection" as const], provinceCode: "79" };
let authorization = "";

async function graphql(url: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization, "x-purpose": "inspection" },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[]; extensions?: { stats?: { sqlStatements: number } } };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body;
}

async function stop(command: RunningCommand): Promise<void> {
  command.child.kill("SIGINT");
  await command.exited;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function coldStart(): Promise<{ seconds: number; demoSeconds: number }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lienthong-bench-cold-"));
  const port = await freePort();
  const started = Date.now();
  const child = spawn("npm", ["start", "--silent"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...SECRETS, DATABASE_URL: "", LIENTHONG_DATA_DIR: dataDir, PORT: String(port), LIENTHONG_PG_PORT: String(await freePort()) },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      const body = await graphql(url, "{ enterprises { totalCount } }");
      if (body.data?.enterprises.totalCount > 0) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 300_000) throw new Error(`cold start did not answer within 5 minutes:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const seconds = (Date.now() - started) / 1000;
  const demoSeconds = Number(/Demo data loaded in ([\d.]+) s/.exec(output)?.[1] ?? NaN);
  process.kill(-child.pid!, "SIGINT");
  await new Promise((resolve) => child.once("exit", resolve));
  fs.rmSync(dataDir, { recursive: true, force: true });
  return { seconds, demoSeconds };
}

async function seed(dataDir: string, enterprises: number, pgPort: number): Promise<number> {
  const started = Date.now();
  const run = runNode("src/cli/seed.js", ["--enterprises", String(enterprises)], {
    ...SECRETS,
    DATABASE_URL: "",
    LIENTHONG_DATA_DIR: dataDir,
    LIENTHONG_PG_PORT: String(pgPort),
  });
  const code = await run.exited;
  if (code !== 0) throw new Error(`seed failed:\n${run.output()}`);
  process.stderr.write(
    run
      .output()
      .split("\n")
      .filter((l) => l.startsWith("Loaded"))
      .join("\n") + "\n",
  );
  return (Date.now() - started) / 1000;
}

const CONCURRENCY = 8;

interface Measured {
  p50: number;
  p95: number;
  max: number;
  /** Requests per second with CONCURRENCY clients sending back to back. */
  throughput: number;
}

async function listening(hub: RunningCommand): Promise<string> {
  await hub.waitFor(/GraphiQL: (http:\/\/\S+)\/graphql/);
  return /GraphiQL: (http:\/\/\S+)\/graphql/.exec(hub.output())![1];
}

/** The benchmark's hubs share its audit key, so it can seal cursors they accept. */
const cursors = new CursorCodec(SECRETS.LIENTHONG_AUDIT_KEY);
/** A random starting point makes each request read a different page. */
const randomPage = () => ({ first: 100, after: cursors.encode("enterprise", String(Math.floor(Math.random() * 1e10)).padStart(10, "0")) });

/**
 * The nested query on random pages against several hubs over one database, interleaved in rounds
 * so that none of them gets a warmer cache than another: sequential latency, then throughput
 * with CONCURRENCY clients sending back to back.
 */
async function measureInterleaved(urls: string[], requests: number, rounds = 5): Promise<Measured[]> {
  for (const url of urls) for (let i = 0; i < 5; i++) await graphql(url, NESTED, randomPage()); // warm-up
  const samples = urls.map(() => [] as number[]);
  const busy = urls.map(() => 0);
  const perRound = Math.ceil(requests / rounds);
  for (let round = 0; round < rounds; round++) {
    for (const [index, url] of urls.entries()) {
      for (let i = 0; i < perRound; i++) {
        const started = process.hrtime.bigint();
        await graphql(url, NESTED, randomPage());
        samples[index].push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      const started = Date.now();
      let sent = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (sent < perRound * 2) {
            sent++;
            await graphql(url, NESTED, randomPage());
          }
        }),
      );
      busy[index] += (Date.now() - started) / 1000;
    }
  }
  return samples.map((list, index) => {
    list.sort((a, b) => a - b);
    return { p50: percentile(list, 50), p95: percentile(list, 95), max: list[list.length - 1], throughput: (perRound * 2 * rounds) / busy[index] };
  });
}

async function main(): Promise<void> {
  const national = option("enterprises", 1_000_000);
  const requests = option("requests", 100);
  authorization = `Bearer ${await signToken(BENCH_PRINCIPAL, SECRETS.LIENTHONG_JWT_SECRET, 24)}`;
  const figures: [string, string][] = [];
  const report = (name: string, value: string) => {
    figures.push([name, value]);
    process.stderr.write(`${name}: ${value}\n`);
  };

  if (process.argv.includes("--hardening-only")) {
    await measureHardening(report);
    printFigures(figures);
    return;
  }
  if (process.argv.includes("--ingest-only")) {
    await measureIngest(report, option("ingest-rows", 1_000_000));
    printFigures(figures);
    return;
  }
  if (process.argv.includes("--live-only")) {
    await measureLive(report);
    printFigures(figures);
    return;
  }
  if (process.argv.includes("--analytics-only")) {
    await measureAnalytics(report, analyticsOptions(process.argv));
    printFigures(figures);
    return;
  }
  if (process.argv.includes("--peer-only")) {
    await measurePeers(peerOptions(process.argv));
    return;
  }

  const cold = await coldStart();
  report("cold npm start to first answered query", `${cold.seconds.toFixed(1)} s (of which demo load ${cold.demoSeconds.toFixed(1)} s)`);

  const demoDir = fs.mkdtempSync(path.join(os.tmpdir(), "lienthong-bench-demo-"));
  report("demo seed (20,000 enterprises, incl. PostgreSQL start and migrations)", `${(await seed(demoDir, 20_000, await freePort())).toFixed(1)} s`);
  fs.rmSync(demoDir, { recursive: true, force: true });

  const nationalDir = fs.mkdtempSync(path.join(os.tmpdir(), "lienthong-bench-national-"));
  const pgPort = await freePort();
  try {
    report(`national seed (${national.toLocaleString("en-US")} enterprises)`, `${(await seed(nationalDir, national, pgPort)).toFixed(1)} s`);
    // One token stands for the eight clients here, so its budget per minute is that of eight callers.
    const hubEnv = {
      ...SECRETS,
      DATABASE_URL: "",
      LIENTHONG_DATA_DIR: nationalDir,
      LIENTHONG_PG_PORT: String(pgPort),
      LIENTHONG_QUERY_STATS: "true",
      LIENTHONG_COST_PER_MINUTE: "100000000",
    };
    const withAccess = runNode("src/index.js", [], { ...hubEnv, PORT: String(await freePort()) });
    const others: RunningCommand[] = [];
    try {
      const url = await listening(withAccess);
      const at10 = await graphql(url, NESTED, { first: 10 });
      const at100 = await graphql(url, NESTED, { first: 100 });
      report("SQL statements, nested query, first = 10 / 100", `${at10.extensions?.stats?.sqlStatements} / ${at100.extensions?.stats?.sqlStatements}`);
      const coverage = await measureCoverage(url);
      report(
        "coverage of all 34 provinces in one request, national set",
        `p50 ${coverage.p50.toFixed(0)} ms, p99 ${coverage.p99.toFixed(0)} ms, max ${coverage.max.toFixed(0)} ms (${coverage.statements} SQL statements)`,
      );
      // The other variants use the first hub's PostgreSQL, so all three read one database.
      const sameDatabase = { ...hubEnv, DATABASE_URL: `postgres://postgres:lienthong-local@127.0.0.1:${pgPort}/lienthong` };
      for (const args of [["--rules-only"], []])
        others.push(runNode("test/bench/hub-without-access.js", args, { ...sameDatabase, PORT: String(await freePort()) }));
      const [on, rulesOnly, off] = await measureInterleaved([url, await listening(others[0]), await listening(others[1])], requests);
      const ratio = (a: number, b: number) => `×${(a / b).toFixed(2)}`;
      report(
        `nested query latency, first = 100, national set (${requests} requests)`,
        `p50 ${on.p50.toFixed(0)} ms, p95 ${on.p95.toFixed(0)} ms, max ${on.max.toFixed(0)} ms`,
      );
      report("nested query p50: access + audit ON vs OFF", `${on.p50.toFixed(1)} ms vs ${off.p50.toFixed(1)} ms (${ratio(on.p50, off.p50)})`);
      report(
        `nested query throughput, ${CONCURRENCY} clients: access + audit ON vs OFF`,
        `${on.throughput.toFixed(1)} vs ${off.throughput.toFixed(1)} requests/s (${ratio(on.throughput, off.throughput)})`,
      );
      report(
        "  field rules alone (audit log off): p50, throughput",
        `${rulesOnly.p50.toFixed(1)} ms (${ratio(rulesOnly.p50, off.p50)}), ${rulesOnly.throughput.toFixed(1)} requests/s (${ratio(rulesOnly.throughput, off.throughput)})`,
      );
    } finally {
      for (const hub of others) await stop(hub);
      await stop(withAccess);
    }
  } finally {
    keepForPeers(nationalDir, national);
  }
  await measureAnalytics(report, analyticsOptions(process.argv));

  await measureHardening(report);
  await measureIngest(report, option("ingest-rows", 1_000_000));
  await measureLive(report);
  printFigures(figures);
  await measurePeers(peerOptions(process.argv));
}

/**
 * Hands the national set just seeded (its PostgreSQL stopped) to the peer comparison, which reads
 * the same size from its own folder, unless that folder already holds one or another was named.
 */
function keepForPeers(nationalDir: string, enterprises: number): void {
  const peerDir = defaultDataDir(enterprises);
  if (process.argv.includes("--data-dir") || process.env.LIENTHONG_BENCH_DATA_DIR || fs.existsSync(peerDir))
    fs.rmSync(nationalDir, { recursive: true, force: true });
  else fs.renameSync(nationalDir, peerDir);
}

function printFigures(figures: [string, string][]): void {
  process.stdout.write(`\nLiên thông benchmark (${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version})\n`);
  for (const [name, value] of figures) process.stdout.write(`  ${name.padEnd(75)} ${value}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`bench: ${error.stack ?? error.message}\n`);
  process.exitCode = 1;
});
