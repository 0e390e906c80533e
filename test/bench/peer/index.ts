/**
 * The peer comparison of `npm run bench` (alone: `npm run bench -- --peer-only`): on one national
 * set, in one run, the hub as shipped, the hub with access control and audit off, PostGraphile v5
 * and one SQL statement behind a minimal HTTP server, each a child process on a port free at run
 * time. After checking once that all four answer alike, it measures in interleaved rounds
 *
 *   (a) test/graph/nested-enterprises.graphql at first: 100, a random province per request
 *   (b) the same at first: 10
 *   (c) the one-enterprise lookup by a random tax code
 *
 * each with 8 clients for throughput (autocannon) and 1 client for p50/p99, plus CPU per request
 * of the server process and of PostgreSQL (/proc) and the server's peak RSS; medians over rounds.
 *
 * Options: --enterprises N (default 1,000,000), --rounds R (3), --seconds S (load per window, 10),
 * --data-dir D (or LIENTHONG_BENCH_DATA_DIR; default the bench's own folder in the temp folder,
 * reused by the next run), --pg-port P (for an embedded PostgreSQL it starts), --database-url U
 * (or LIENTHONG_BENCH_DATABASE_URL: read that database, never seed it), --profile (the hub under
 * --cpu-prof for one 15 s load of (a), summarised), --baseline REF (the hub at commit REF beside it, built
 * in a worktree of its own). Results also go to bench-results/peer-*.json.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { PROJECT_ROOT } from "../../support/processes";
import { defaultDataDir, openNationalSet } from "./dataset";
import { HttpClient, latency, throughput, type Latency, type Throughput } from "./load";
import { clusterCpuMs, cpuMs, machineBusyMs, parentPid } from "./proc";
import { profileHub, type ProfileSummary } from "./profile";
import { QUERIES, QUERY_LABELS, hubTokens, requestsFor, type Fixtures, type QueryKey, type RequestSpec } from "./requests";
import { checkSameAnswers } from "./same-answers";
import { LABELS, SYSTEMS, startServer, tail, type Server, type SystemKey } from "./systems";
import { prepareBaseline } from "./baseline";

export interface PeerOptions {
  enterprises: number;
  rounds: number;
  seconds: number;
  dataDir?: string;
  pgPort?: number;
  databaseUrl?: string;
  profile: boolean;
  /** A commit to compare with (the hub before a change), built in a worktree of its own. */
  baseline?: string;
}

/** Reads the peer options from the command line (and two environment variables). */
export function peerOptions(argv: readonly string[]): PeerOptions {
  const text = (name: string) => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const number = (name: string, fallback?: number) => {
    const value = text(name);
    if (value === undefined) return fallback;
    const parsed = Number(value.replace(/_/g, ""));
    if (!(parsed > 0)) throw new Error(`--${name} needs a positive number, not "${value}"`);
    return parsed;
  };
  return {
    enterprises: number("enterprises", 1_000_000)!,
    rounds: number("rounds", 3)!,
    seconds: number("seconds", 10)!,
    dataDir: text("data-dir") ?? process.env.LIENTHONG_BENCH_DATA_DIR,
    pgPort: number("pg-port"),
    databaseUrl: text("database-url") ?? process.env.LIENTHONG_BENCH_DATABASE_URL,
    profile: argv.includes("--profile"),
    baseline: text("baseline"),
  };
}

interface Measured extends Throughput {
  p50: number;
  p99: number;
  latencySamples: number;
}

const median = (values: number[]) => {
  const sorted = values.filter((v) => v !== null && !Number.isNaN(v)).sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.floor((sorted.length - 1) / 2)];
};

/** Runs the peer comparison and prints its tables; writes them to bench-results/peer-<timestamp>.json. */
export async function measurePeers(options: PeerOptions): Promise<void> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const dataDir = options.dataDir ?? defaultDataDir(options.enterprises);
  const set = await openNationalSet({ ...options, dataDir, mayReplace: options.dataDir === undefined }, log);
  log(`National set: ${set.enterprises.toLocaleString("en-US")} enterprises, ${set.origin}.`);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "lienthong-bench-peer-"));
  const servers = new Map<SystemKey, Server>();
  const baseline = options.baseline ? prepareBaseline(options.baseline, log) : undefined;
  if (baseline) LABELS.baseline = `Liên thông at ${options.baseline} (${baseline.commit.slice(0, 7)})`;
  const systems = SYSTEMS.filter((system) => system !== "baseline" || baseline);
  let failed = false;
  try {
    const { fixtures, postmasterPid } = await readFixtures(set.url);
    const tokens = await hubTokens(fixtures.provinces);
    const specs = new Map<string, RequestSpec[]>();
    for (const system of systems) for (const query of QUERIES) specs.set(`${system} ${query}`, requestsFor(system, query, fixtures, tokens));
    const specsOf = (system: SystemKey, query: QueryKey) => specs.get(`${system} ${query}`)!;

    log("Starting the hub, the hub with access + audit off, PostGraphile and the floor…");
    for (const system of systems) servers.set(system, await startServer(system, set.url, scratch, [], baseline?.dir));

    const province = fixtures.provinces.includes("79") ? "79" : fixtures.provinces[0];
    const sameProvince = (system: SystemKey) => specsOf(system, "nested100")[fixtures.provinces.indexOf(province)];
    log(`Same answers: ${await checkSameAnswers(servers, sameProvince, (system) => specsOf(system, "lookup")[0])} (province ${province}).`);
    const statements = await statementCounts(servers, specsOf);

    const results = new Map<string, Measured[]>();
    // CPU that neither the bench, the servers nor PostgreSQL used during the rounds: someone else's.
    const ours = () =>
      [...servers.values()].reduce((sum, server) => sum + cpuMs(server.pid), 0) +
      (postmasterPid ? clusterCpuMs(postmasterPid) : 0) +
      process.cpuUsage().user / 1000 +
      process.cpuUsage().system / 1000;
    const before = { machine: machineBusyMs(), ours: ours(), at: Date.now() };
    log(`Warming up, then ${options.rounds} interleaved rounds of ${options.seconds} s windows…`);
    for (const system of systems)
      for (const query of QUERIES)
        await throughput(servers.get(system)!.url, specsOf(system, query), Math.min(3, options.seconds), { pid: servers.get(system)!.pid });
    for (let round = 0; round < options.rounds; round++) {
      // Every other round runs the systems in reverse, so none is always measured on a warmer database.
      for (const system of round % 2 ? [...systems].reverse() : systems) {
        const server = servers.get(system)!;
        for (const query of QUERIES) {
          const one: Latency = await latency(server.url, specsOf(system, query), Math.max(2, options.seconds / 2));
          const eight = await throughput(server.url, specsOf(system, query), options.seconds, { pid: server.pid, postmasterPid });
          const key = `${system} ${query}`;
          results.set(key, [...(results.get(key) ?? []), { ...eight, p50: one.p50, p99: one.p99, latencySamples: one.samples, bad: eight.bad + one.bad }]);
        }
        log(`  round ${round + 1}: ${LABELS[system]} done`);
      }
    }

    const medians = summarise(results, systems);
    const otherCores = (machineBusyMs() - before.machine - (ours() - before.ours)) / (Date.now() - before.at);
    let profile: ProfileSummary | undefined;
    if (options.profile) {
      for (const server of servers.values()) await server.stop();
      servers.clear();
      log("Profiling the hub as shipped for one 15 s load of (a)…");
      profile = await profileHub(set.url, scratch, specsOf("hub", "nested100"), 15);
    }
    const report = printReport(options, set, otherCores, statements, medians, profile, systems);
    const file = writeJson({
      options,
      dataset: { enterprises: set.enterprises, origin: set.origin },
      otherCores,
      statements,
      rounds: Object.fromEntries(results),
      medians,
      profile,
      report,
    });
    log(`Peer results written to ${path.relative(PROJECT_ROOT, file)}`);
  } catch (error) {
    failed = true;
    // A server that ended on its own (or was stopped by someone else) is the likely cause: say so first.
    for (const server of servers.values())
      log(`--- ${LABELS[server.key]}${server.ended() ? ` ${server.ended()} during the run` : ""}; its log ${server.logFile} ends:\n${tail(server.logFile, 8)}`);
    throw error;
  } finally {
    for (const server of servers.values()) await server.stop();
    await set.stop();
    if (!failed) fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** Every province, a sample of tax codes, and the postmaster whose CPU the windows read (when this machine runs it). */
async function readFixtures(url: string): Promise<{ fixtures: Fixtures; postmasterPid?: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const provinces = (await client.query<{ code: string }>("SELECT code FROM hub.province ORDER BY code")).rows.map((r) => r.code);
    const taxCodes = (await client.query<{ tax_code: string }>("SELECT tax_code FROM registry.enterprise TABLESAMPLE BERNOULLI (1) LIMIT 500")).rows.map(
      (r) => r.tax_code,
    );
    const backend = (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0].pid;
    return { fixtures: { provinces, taxCodes }, postmasterPid: parentPid(backend) };
  } finally {
    await client.end();
  }
}

interface Statements {
  /** Mean SQL statements per request at first = 10 and 100 (extensions.stats.sqlStatements). */
  sqlStatements: Record<string, { first10: number; first100: number }>;
  /** extensions.stats.subgraphRequests where the hub reports it, else null. */
  subgraphRequests: Record<string, { first10: number; first100: number } | null>;
}

/** What both hubs report per request in extensions.stats, averaged over five provinces per page size. */
async function statementCounts(servers: Map<SystemKey, Server>, specsOf: (system: SystemKey, query: QueryKey) => RequestSpec[]): Promise<Statements> {
  const result: Statements = { sqlStatements: {}, subgraphRequests: {} };
  for (const system of (["hub", "hubOpen", "baseline"] as const).filter((key) => servers.has(key))) {
    const client = new HttpClient(servers.get(system)!.url);
    const mean = async (query: QueryKey, field: "sqlStatements" | "subgraphRequests") => {
      const values: number[] = [];
      for (const spec of specsOf(system, query).slice(0, 5)) {
        const value = (await client.json(spec)).extensions?.stats?.[field];
        if (typeof value !== "number") return NaN;
        values.push(value);
      }
      return values.reduce((a, b) => a + b, 0) / values.length;
    };
    try {
      result.sqlStatements[system] = { first10: await mean("nested10", "sqlStatements"), first100: await mean("nested100", "sqlStatements") };
      const subgraph = { first10: await mean("nested10", "subgraphRequests"), first100: await mean("nested100", "subgraphRequests") };
      result.subgraphRequests[system] = Number.isNaN(subgraph.first10) ? null : subgraph;
    } finally {
      client.close();
    }
  }
  return result;
}

type Medians = Record<QueryKey, Record<SystemKey, Measured>>;

function summarise(results: Map<string, Measured[]>, systems: readonly SystemKey[]): Medians {
  const medians = {} as Medians;
  for (const query of QUERIES) {
    medians[query] = {} as Record<SystemKey, Measured>;
    for (const system of systems) {
      const rounds = results.get(`${system} ${query}`)!;
      const of = (field: keyof Measured) => median(rounds.map((r) => r[field] as number));
      medians[query][system] = {
        rps: of("rps"),
        good: rounds.reduce((sum, r) => sum + r.good, 0),
        bad: rounds.reduce((sum, r) => sum + r.bad, 0),
        cpuMsPerRequest: of("cpuMsPerRequest"),
        pgCpuMsPerRequest: rounds.some((r) => r.pgCpuMsPerRequest === null) ? null : of("pgCpuMsPerRequest"),
        peakRssMiB: Math.max(...rounds.map((r) => r.peakRssMiB ?? NaN)),
        p50: of("p50"),
        p99: of("p99"),
        latencySamples: rounds.reduce((sum, r) => sum + r.latencySamples, 0),
      };
    }
  }
  return medians;
}

/** Prints the tables to stdout and returns them as text (kept in the JSON too). */
function printReport(
  options: PeerOptions,
  set: { enterprises: number; origin: string },
  otherCores: number,
  statements: Statements,
  medians: Medians,
  profile: ProfileSummary | undefined,
  systems: readonly SystemKey[],
): string {
  const lines: string[] = [];
  const out = (line = "") => lines.push(line);
  const fixed = (value: number | null, digits = 1) => (value === null || Number.isNaN(value) ? "n/a" : value.toFixed(digits));
  const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a / b) ? `×${(a / b).toFixed(2)}` : "n/a");
  out(`\nPeer comparison: ${set.enterprises.toLocaleString("en-US")} enterprises (${set.origin}); ${os.cpus().length} cores, Node ${process.version}`);
  out(
    `other processes used ${otherCores.toFixed(2)} of the ${os.cpus().length} cores on average during the rounds${otherCores > 0.1 ? ": the figures share the machine" : ""}`,
  );
  out(`medians of ${options.rounds} interleaved rounds; req/s with 8 clients for ${options.seconds} s, p50/p99 with 1 client; CPU per good answer`);
  out("(CPU: the server process, all threads; PG CPU: the whole PostgreSQL cluster, anyone else's use of it included; bad: refused or erroneous answers)");
  for (const query of QUERIES) {
    const m = medians[query];
    out(`\n${QUERY_LABELS[query]}`);
    out(
      `  ${"system".padEnd(44)} ${"req/s".padStart(8)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"CPU ms/req".padStart(11)} ${"PG CPU ms/req".padStart(14)} ${"peak RSS MiB".padStart(13)} ${"bad".padStart(5)}`,
    );
    for (const system of systems) {
      const r = m[system];
      out(
        `  ${LABELS[system].padEnd(44)} ${fixed(r.rps).padStart(8)} ${fixed(r.p50, 2).padStart(8)} ${fixed(r.p99, 2).padStart(8)} ${fixed(r.cpuMsPerRequest, 2).padStart(11)} ${fixed(r.pgCpuMsPerRequest, 2).padStart(14)} ${fixed(r.peakRssMiB, 0).padStart(13)} ${String(r.bad).padStart(5)}`,
      );
    }
    const versus = (other: SystemKey) =>
      `throughput ${ratio(m.hub.rps, m[other].rps)}, p50 ${ratio(m.hub.p50, m[other].p50)}, p99 ${ratio(m.hub.p99, m[other].p99)}, CPU/req ${ratio(m.hub.cpuMsPerRequest, m[other].cpuMsPerRequest)}`;
    out(`  hub vs PostGraphile:                 ${versus("postgraphile")}`);
    out(`  hub vs hub with access + audit off:  ${versus("hubOpen")}`);
    if (m.baseline) out(`  hub vs ${options.baseline}:${" ".repeat(Math.max(1, 32 - String(options.baseline).length))}${versus("baseline")}`);
  }
  out("\nSQL statements per request (extensions.stats), nested query at first = 10 / 100");
  for (const system of (["hub", "hubOpen", "baseline"] as const).filter((key) => statements.sqlStatements[key])) {
    const s = statements.sqlStatements[system];
    const g = statements.subgraphRequests[system];
    out(
      `  ${LABELS[system].padEnd(44)} ${fixed(s.first10)} / ${fixed(s.first100)}   subgraph requests: ${g ? `${fixed(g.first10)} / ${fixed(g.first100)}` : "n/a"}`,
    );
  }
  out("  PostGraphile and the floor: one statement per request");
  if (profile) {
    out(
      `\nWhere the hub's CPU goes: self time over a 15 s load of (a), ${profile.requests} answers, ${(profile.busyMs / Math.max(1, profile.requests)).toFixed(1)} ms busy per answer${profile.windowOnly ? "" : " (whole run: the load window could not be told apart)"}`,
    );
    for (const { category, ms, share } of profile.categories)
      out(`  ${category.padEnd(50)} ${String(ms).padStart(7)} ms ${(share * 100).toFixed(1).padStart(5)}%`);
    out(`  other packages, biggest: ${profile.otherPackages.map((p) => `${p.name} ${p.ms} ms`).join(", ") || "none"}`);
    out("  functions with the most self time:");
    for (const { name, category, ms } of profile.topFunctions) out(`    ${String(ms).padStart(6)} ms  ${name.slice(0, 90).padEnd(90)} ${category}`);
    out(
      `  threads (busy ms): ${Object.entries(profile.threads)
        .map(([file, ms]) => `${file} ${ms}`)
        .join(", ")}`,
    );
  }
  const text = lines.join("\n");
  process.stdout.write(`${text}\n`);
  return text;
}

function writeJson(results: unknown): string {
  const dir = path.join(PROJECT_ROOT, "bench-results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `peer-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  const machine = { cores: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version };
  fs.writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), machine, ...(results as object) }, null, 2)}\n`);
  return file;
}
