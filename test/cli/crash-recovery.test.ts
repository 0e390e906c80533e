import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { freePort } from "../support/free-port";
import { runCommand, runNode, type RunningCommand } from "../support/processes";
import { testDataDir } from "../support/test-env";
import { NATIONAL_BHXH_INSPECTOR, headersFor } from "../support/tokens";

const DEMO_ENTERPRISES = 200;
const READY = /GraphiQL: (http:\/\/\S+)\/graphql/;

/** A hub's settings on a fresh data folder under the run's own folder. */
async function freshHubEnv(): Promise<Record<string, string | undefined>> {
  return {
    DATABASE_URL: undefined,
    LIENTHONG_DATA_DIR: fs.mkdtempSync(path.join(testDataDir(), "crash-")),
    LIENTHONG_PG_PORT: String(await freePort()),
    PORT: "0",
    LIENTHONG_DEMO_ENTERPRISES: String(DEMO_ENTERPRISES),
  };
}

async function startHub(env: Record<string, string | undefined>): Promise<{ hub: RunningCommand; url: string }> {
  const hub = runNode("src/index.js", [], env);
  await hub.waitFor(READY);
  return { hub, url: READY.exec(hub.output())![1] };
}

async function enterpriseCount(url: string): Promise<number> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(await headersFor(NATIONAL_BHXH_INSPECTOR)) },
    body: JSON.stringify({ query: "{ enterprises { totalCount } }" }),
  });
  return ((await response.json()) as { data: { enterprises: { totalCount: number } } }).data.enterprises.totalCount;
}

const postmasters = new Set<number>();
// Only after a failure is one still running: stop it, as the fix under test would have.
afterAll(() => [...postmasters].filter(isAlive).forEach((pid) => process.kill(pid, "SIGINT")));

/** The postmaster pid PostgreSQL wrote in the cluster's folder. */
function postmasterPid(dataDir: string): number {
  const pid = Number(fs.readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
  postmasters.add(pid);
  return pid;
}

/** Running, as opposed to gone or a zombie nobody has reaped yet (here an orphan's new parent may never reap it). */
function isAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return !["Z", "X"].includes(stat.slice(stat.lastIndexOf(")") + 2)[0]);
  } catch {
    return false;
  }
}

/** A process and all its descendants, as the process table shows them now. */
function processTree(pid: number): number[] {
  let children: number[] = [];
  try {
    children = execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" })
      .split("\n")
      .filter(Boolean)
      .map(Number);
  } catch {
    // pgrep exits 1 when there are none
  }
  return [pid, ...children.flatMap(processTree)];
}

function commandOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
  } catch {
    return ""; // ended meanwhile
  }
}

/** Waits for `condition`, which a process ending makes true; fails with `what` if it never does. */
async function eventually(what: string, condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`still waiting after ${timeoutMs / 1000} s: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("a hub that dies without stopping", () => {
  it("takes its PostgreSQL with it when killed with SIGKILL, and starts again on the same data", async () => {
    const env = await freshHubEnv();
    const { hub } = await startHub(env);
    const postgres = postmasterPid(env.LIENTHONG_DATA_DIR!);
    expect(isAlive(postgres)).toBe(true);

    hub.child.kill("SIGKILL");
    await hub.exited;
    await eventually(`PostgreSQL ${postgres} to stop after its hub was killed`, () => !isAlive(postgres));

    const again = await startHub(env);
    try {
      expect(again.hub.output()).not.toContain("First start");
      expect(await enterpriseCount(again.url)).toBe(DEMO_ENTERPRISES);
    } finally {
      again.hub.child.kill("SIGTERM");
      expect(await again.hub.exited).toBe(0);
    }
  });

  it("leaves a PostgreSQL that the next start stops when hub and watchdog were both killed", async () => {
    const env = await freshHubEnv();
    const { hub } = await startHub(env);
    const postgres = postmasterPid(env.LIENTHONG_DATA_DIR!);
    const watchdog = processTree(hub.child.pid!).find((pid) => commandOf(pid).includes("postgres-watchdog"));
    expect(watchdog).toBeDefined();

    process.kill(watchdog!, "SIGKILL");
    hub.child.kill("SIGKILL");
    await hub.exited;
    await eventually("the watchdog to die", () => !isAlive(watchdog!));
    expect(isAlive(postgres)).toBe(true); // the orphan the next start must deal with

    const again = await startHub(env);
    try {
      expect(again.hub.output()).toContain(`PostgreSQL (process ${postgres}) is still running in ${path.join(env.LIENTHONG_DATA_DIR!, "pg")}`);
      expect(isAlive(postgres)).toBe(false);
      expect(await enterpriseCount(again.url)).toBe(DEMO_ENTERPRISES);
    } finally {
      again.hub.child.kill("SIGTERM");
      expect(await again.hub.exited).toBe(0);
    }
  });
});

describe("a second hub on a data folder a live hub uses", () => {
  it("is refused with the first hub's pid and the folder, and the first keeps serving", async () => {
    const env = await freshHubEnv();
    const first = await startHub(env);
    try {
      const second = runNode("src/index.js", [], { ...env, LIENTHONG_PG_PORT: String(await freePort()) });
      expect(await second.exited).toBe(1);
      expect(second.output()).toContain(
        `The embedded PostgreSQL in ${path.join(env.LIENTHONG_DATA_DIR!, "pg")} is in use by Liên thông process ${first.hub.child.pid}`,
      );
      expect(await enterpriseCount(first.url)).toBe(DEMO_ENTERPRISES);
    } finally {
      first.hub.child.kill("SIGTERM");
      expect(await first.hub.exited).toBe(0);
    }
  });
});

describe("npm start", () => {
  it.each(["SIGTERM", "SIGINT"] as const)("stops everything and exits 0 when the npm process gets %s", async (signal) => {
    const env = await freshHubEnv();
    const npm = runCommand("npm", ["start"], env);
    await npm.waitFor(READY);
    const tree = processTree(npm.child.pid!);
    const commands = tree.map(commandOf).join("\n");
    for (const part of ["dist/src/index.js", "postgres -D", "postgres-watchdog"]) expect(commands).toContain(part);

    try {
      npm.child.kill(signal);
      await eventually(`npm start to exit after ${signal}`, () => npm.child.exitCode !== null || npm.child.signalCode !== null);
      expect(await npm.exited).toBe(0);
      expect(npm.output()).toContain("Stopped.");
      await eventually(`every process npm start started to end: ${tree.join(", ")}`, () => !tree.some(isAlive), 10_000);
    } finally {
      for (const pid of tree.filter(isAlive)) process.kill(pid, "SIGKILL"); // only after a failure: leave no process behind
    }
  });
});
