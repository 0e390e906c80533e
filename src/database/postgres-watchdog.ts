/**
 * Keeps an embedded PostgreSQL from outliving the process that started it, however that process
 * ends (SIGKILL, out of memory, a crash). Run as `node postgres-watchdog.js <databaseDir>` with
 * stdin a pipe from that process: the kernel closes the pipe when the process dies. At end of
 * input, unless the process wrote "release" first (it stopped PostgreSQL itself), this stops the
 * postmaster running on databaseDir, then exits.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "../config";
import { runningPostmaster, stopPostmaster } from "./postmaster";
import { processStatus } from "./processes";

/** What the owner writes before ending the watchdog's stdin when it has stopped PostgreSQL itself. */
const RELEASE = "release";

/**
 * Starts the watchdog for the cluster in `databaseDir`, to run before its postmaster starts; call
 * `release` once PostgreSQL has stopped (or failed to start). The watchdog holds neither this
 * process's event loop nor its exit.
 */
export function startWatchdog(databaseDir: string, log?: (line: string) => void): { release(): void } {
  const script = watchdogScript();
  if (!script) {
    log?.("The PostgreSQL watchdog is not built (npm run build): PostgreSQL may outlive this process if it is killed.");
    return { release: () => undefined };
  }
  // stdout ignored, stderr shared: its one line about a cleanup belongs with the owner's log.
  const child = spawn(process.execPath, [script, databaseDir], { stdio: ["pipe", "ignore", "inherit"] });
  child.on("error", (error) => log?.(`The PostgreSQL watchdog did not start: ${error.message}`));
  child.stdin!.on("error", () => undefined); // a watchdog killed by hand: nothing left to tell it
  child.unref();
  (child.stdin as unknown as { unref?(): void }).unref?.();
  let released = false;
  return {
    release: () => {
      if (released) return;
      released = true;
      child.stdin!.end(`${RELEASE}\n`);
    },
  };
}

/** The compiled script: beside this module when it runs from dist/, else in dist/ (ts-jest runs src/). */
function watchdogScript(): string | undefined {
  const candidates = [path.join(__dirname, "postgres-watchdog.js"), path.join(projectRoot(), "dist", "src", "database", "postgres-watchdog.js")];
  return candidates.find((file) => fs.existsSync(file));
}

function watch(databaseDir: string): void {
  const ownerPid = process.ppid;
  const watchingSince = processStatus(process.pid)?.startTime;
  // Ctrl-C in a terminal signals the whole process group, and systemd signals the whole cgroup: the
  // owner decides how to stop then, and this stays until the owner is gone, to clean up if it could not.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => undefined);
  process.stderr.on("error", () => undefined); // the owner's stderr may be gone with it

  let input = "";
  let ended = false;
  const onEnd = () => {
    if (ended) return;
    ended = true;
    if (input.split("\n").includes(RELEASE)) return;
    void stopOrphan(databaseDir, ownerPid, watchingSince);
  };
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk: string) => (input += chunk));
  process.stdin.on("end", onEnd);
  process.stdin.on("error", onEnd);
}

async function stopOrphan(databaseDir: string, ownerPid: number, watchingSince: string | undefined): Promise<void> {
  const postmaster = runningPostmaster(databaseDir);
  if (!postmaster) return;
  // Only a postmaster started after this watchdog can be the owner's (clock ticks after boot).
  if (watchingSince && postmaster.startTime && Number(postmaster.startTime) < Number(watchingSince)) return;
  const stopped = await stopPostmaster(postmaster);
  process.stderr.write(
    stopped
      ? `Liên thông process ${ownerPid} ended without stopping its PostgreSQL; stopped it (process ${postmaster.pid}, ${databaseDir}).\n`
      : `Liên thông process ${ownerPid} ended without stopping its PostgreSQL, and PostgreSQL process ${postmaster.pid} (${databaseDir}) did not stop.\n`,
  );
}

if (require.main === module) {
  const databaseDir = process.argv[2];
  if (!databaseDir) {
    process.stderr.write("usage: node postgres-watchdog.js <databaseDir>  (stdin: a pipe from the process that owns the cluster)\n");
    process.exitCode = 2;
  } else {
    watch(databaseDir);
  }
}
