import { execFileSync } from "node:child_process";
import fs from "node:fs";

/**
 * What the process table says about a process. `startTime` (clock ticks after boot, from Linux's
 * /proc) tells a process from a later one that reused its pid; it is undefined where there is no /proc.
 */
export interface ProcessStatus {
  pid: number;
  parentPid: number | undefined;
  startTime: string | undefined;
}

/** The process `pid` if it is running (a zombie, dead but not yet reaped, counts as gone). */
export function processStatus(pid: number): ProcessStatus | undefined {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return hasProcTable() ? undefined : signalableStatus(pid);
  }
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const state = fields[0];
  if (state === "Z" || state === "X") return undefined;
  return { pid, parentPid: Number(fields[1]), startTime: fields[19] };
}

/** True while the process that had `startTime` when seen (any process, if undefined) still runs as `pid`. */
export function isRunning(pid: number, startTime: string | undefined): boolean {
  const status = processStatus(pid);
  if (status === undefined) return false;
  return startTime === undefined || status.startTime === undefined || status.startTime === startTime;
}

/** The command line of a running process, its arguments joined by spaces ("" when unknown). */
export function commandLine(pid: number): string {
  try {
    if (hasProcTable()) return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
    return execFileSync("ps", ["-o", "command=", "-p", String(pid)], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "";
  }
}

/**
 * Sends each signal of `steps` in turn to the process, waiting up to its `waitMs` for the process to
 * end before escalating. Resolves true once it has ended, false if it outlived every step.
 */
export async function signalUntilGone(
  pid: number,
  startTime: string | undefined,
  steps: readonly { signal: NodeJS.Signals; waitMs: number }[],
): Promise<boolean> {
  for (const { signal, waitMs } of steps) {
    if (!isRunning(pid, startTime)) return true;
    try {
      process.kill(pid, signal);
    } catch {
      return !isRunning(pid, startTime);
    }
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      if (!isRunning(pid, startTime)) return true;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return !isRunning(pid, startTime);
}

let procTable: boolean | undefined;

function hasProcTable(): boolean {
  return (procTable ??= fs.existsSync("/proc/self/stat"));
}

/** Without /proc (macOS), signal 0 says whether the pid exists; parent and start time stay unknown. */
function signalableStatus(pid: number): ProcessStatus | undefined {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return undefined;
  }
  return { pid, parentPid: undefined, startTime: undefined };
}
