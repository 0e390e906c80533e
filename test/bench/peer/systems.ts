import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { freePort } from "../../support/free-port";
import { PROJECT_ROOT } from "../../support/processes";

/** Secrets the benchmark's hubs run with, so that it can sign its own tokens. */
export const SECRETS = {
  LIENTHONG_JWT_SECRET: "bench-only-jwt-secret-0123456789abcdef0123456789",
  LIENTHONG_AUDIT_KEY: "bench-only-audit-key-0123456789abcdef0123456789",
  LIENTHONG_SUBGRAPH_KEY: "bench-only-subgraph-key-0123456789abcdef0123456789",
};

/** The servers compared, in the order the tables list them; `baseline` only with --baseline. */
export const SYSTEMS = ["hub", "hubOpen", "postgraphile", "floor", "baseline"] as const;
export type SystemKey = (typeof SYSTEMS)[number];

export const LABELS: Record<SystemKey, string> = {
  hub: "Liên thông as shipped (access + audit on)",
  hubOpen: "Liên thông, access + audit off",
  postgraphile: "PostGraphile v5 (amber preset)",
  floor: "one SQL statement (floor)",
  baseline: "Liên thông at the baseline commit",
};

/** A server the bench started as a child process, listening on loopback. */
export interface Server {
  key: SystemKey;
  url: string;
  pid: number;
  logFile: string;
  /** How it ended, if it has ("exited with code 1", "killed by SIGTERM"), else undefined. */
  ended(): string | undefined;
  /** Asks it to stop (SIGKILL after 20 s) and waits until it has exited. */
  stop(): Promise<void>;
}

const PEER_DIR = path.join(PROJECT_ROOT, "test/bench/peer");

/**
 * Starts `key` on `databaseUrl` and resolves once it answers. Each writes its output to a log file
 * in `scratchDir`, so that nothing the bench process reads competes with the load it generates.
 * `nodeOptions` go before the script (e.g. --cpu-prof).
 */
export async function startServer(key: SystemKey, databaseUrl: string, scratchDir: string, nodeOptions: string[] = [], baselineDir?: string): Promise<Server> {
  const port = await freePort();
  // The hubs keep their audit anchor file in their data folder: a scratch one, never the set's.
  const hubEnv = {
    ...SECRETS,
    DATABASE_URL: databaseUrl,
    LIENTHONG_DATA_DIR: path.join(scratchDir, key),
    NODE_ENV: "production",
    LIENTHONG_QUERY_STATS: "true",
  };
  const specs: Record<SystemKey, { args: string[]; env: Record<string, string>; ready: (url: string) => Promise<Response>; stopSignal: NodeJS.Signals }> = {
    hub: { args: [benchHubScript(scratchDir)], env: hubEnv, ready: (url) => fetch(`${url}/readyz`), stopSignal: "SIGINT" },
    hubOpen: { args: ["dist/test/bench/hub-without-access.js"], env: hubEnv, ready: (url) => fetch(`${url}/readyz`), stopSignal: "SIGINT" },
    postgraphile: {
      // PostGraphile 5 calls Promise.withResolvers, which Node 20 lacks: the polyfill is preloaded.
      args: [
        "-r",
        path.join(PEER_DIR, "with-resolvers-polyfill.cjs"),
        path.join(PROJECT_ROOT, "node_modules/postgraphile/dist/cli-run.js"),
        "-C",
        path.join(PEER_DIR, "graphile.config.mjs"),
      ],
      env: { DATABASE_URL: databaseUrl, GRAPHILE_ENV: "production", NODE_ENV: "production" },
      ready: (url) => fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"query":"{ __typename }"}' }),
      stopSignal: "SIGTERM",
    },
    floor: {
      args: [path.join(PEER_DIR, "floor.mjs")],
      env: { DATABASE_URL: databaseUrl },
      ready: (url) => fetch(`${url}/lookup?taxCode=-`),
      stopSignal: "SIGTERM",
    },
    baseline: { args: [path.join(baselineDir ?? "", "dist/src/index.js")], env: hubEnv, ready: (url) => fetch(`${url}/readyz`), stopSignal: "SIGINT" },
  };
  const spec = specs[key];
  const logFile = path.join(scratchDir, `${key}.log`);
  const out = fs.openSync(logFile, "a");
  const child = spawn(process.execPath, [...nodeOptions, ...spec.args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...spec.env, PORT: String(port) },
    stdio: ["ignore", out, out],
  });
  fs.closeSync(out);
  let ending: string | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      ending = signal ? `killed by ${signal}` : `exited with code ${code}`;
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const server: Server = {
    key,
    url,
    pid: child.pid!,
    logFile,
    ended: () => ending,
    async stop() {
      if (ending) return;
      child.kill(spec.stopSignal);
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
  // A national set seeded before newer migrations is migrated at the first start: millions of rows take minutes.
  const deadline = Date.now() + 20 * 60_000;
  for (;;) {
    if (ending) throw new Error(`${LABELS[key]} ${ending} before answering; its log (${logFile}) ends:\n${tail(logFile)}`);
    try {
      if ((await spec.ready(url)).ok) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`${LABELS[key]} did not answer within 20 minutes; its log (${logFile}) ends:\n${tail(logFile)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * dist/src/index.js, the hub as shipped, under a name of the bench's own (a symbolic link; Node runs
 * the real file). On a shared machine a colleague stopping "their" hub by its command line
 * (`pkill -f dist/src/index.js`) stopped the bench's twice in the middle of a run; under this name
 * it is also plain in `ps` whose hub it is.
 */
function benchHubScript(scratchDir: string): string {
  const link = path.join(scratchDir, "lienthong-bench-hub-as-shipped.js");
  if (!fs.existsSync(link)) fs.symlinkSync(path.join(PROJECT_ROOT, "dist/src/index.js"), link);
  return link;
}

/** The last lines of a log file. */
export function tail(file: string, lines = 20): string {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}
