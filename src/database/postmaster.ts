import fs from "node:fs";
import path from "node:path";
import { commandLine, processStatus, signalUntilGone, type ProcessStatus } from "./processes";

/** The file PostgreSQL keeps in its data folder while a postmaster runs on it; its first line is the pid. */
export function postmasterPidFile(databaseDir: string): string {
  return path.join(databaseDir, "postmaster.pid");
}

/**
 * The postmaster running on `databaseDir`, according to its postmaster.pid, or undefined when there
 * is none. A pid file left behind by a postmaster that is gone (the pid now free, or reused by some
 * other program) is removed, as PostgreSQL would otherwise refuse to start on it.
 */
export function runningPostmaster(databaseDir: string): ProcessStatus | undefined {
  const pidFile = postmasterPidFile(databaseDir);
  let pid: number;
  try {
    pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  } catch {
    return undefined;
  }
  const status = processStatus(pid);
  if (status && isPostmasterOf(pid, databaseDir)) return status;
  fs.rmSync(pidFile, { force: true });
  return undefined;
}

/**
 * Stops a postmaster with PostgreSQL's fast shutdown (SIGINT: sessions end, a checkpoint is
 * written), escalating to immediate shutdown (SIGQUIT: crash recovery at next start) and finally
 * SIGKILL. Resolves true once it has ended.
 */
export function stopPostmaster(postmaster: ProcessStatus): Promise<boolean> {
  return signalUntilGone(postmaster.pid, postmaster.startTime, [
    { signal: "SIGINT", waitMs: 20_000 },
    { signal: "SIGQUIT", waitMs: 5_000 },
    { signal: "SIGKILL", waitMs: 2_000 },
  ]);
}

/** PostgreSQL changes to its data folder at start, so its working directory names the cluster it serves. */
function isPostmasterOf(pid: number, databaseDir: string): boolean {
  try {
    return fs.realpathSync(`/proc/${pid}/cwd`) === fs.realpathSync(databaseDir);
  } catch {
    // Without /proc (or the right to look), fall back to what the command line says.
    return commandLine(pid).includes("postgres");
  }
}
