import fs from "node:fs";
import path from "node:path";
import { runningPostmaster, stopPostmaster } from "./postmaster";
import { commandLine, isRunning, processStatus } from "./processes";

/** The process that started the cluster in a data folder, as written in its owner file. */
interface Owner {
  pid: number;
  /** Tells the owner from a later process that reused its pid (see processes.ts). */
  startTime: string | undefined;
  command: string;
}

/** This process's hold on a data folder's cluster; `release` gives it up once PostgreSQL has stopped. */
export interface ClusterClaim {
  release(): void;
}

/**
 * Makes this process the one owner of the embedded cluster in `databaseDir` before it starts
 * PostgreSQL there. A cluster another live process owns is refused with an error naming it. A
 * postmaster left running by an owner that is gone (killed before it could stop PostgreSQL and
 * before its watchdog could) is stopped, with one line to `log`; a stale postmaster.pid is removed.
 */
export async function claimCluster(dataDir: string, databaseDir: string, log: (line: string) => void): Promise<ClusterClaim> {
  const ownerFile = path.join(dataDir, "postgres-owner.json");
  const previous = readOwner(ownerFile);
  if (previous && isRunning(previous.pid, previous.startTime)) throw inUseBy(`Liên thông process ${previous.pid} (${previous.command})`, databaseDir);

  const self = currentProcess();
  // The owner is gone (or its file was cut short by a crash mid-write): its claim lapses.
  fs.rmSync(ownerFile, { force: true });
  try {
    fs.writeFileSync(ownerFile, `${JSON.stringify(self)}\n`, { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    // Another process claimed it between our read and our write.
    const winner = readOwner(ownerFile);
    throw inUseBy(winner ? `Liên thông process ${winner.pid} (${winner.command})` : "another process", databaseDir);
  }
  const claim: ClusterClaim = {
    release: () => {
      if (readOwner(ownerFile)?.pid === self.pid) fs.rmSync(ownerFile, { force: true });
    },
  };

  try {
    const postmaster = runningPostmaster(databaseDir);
    if (postmaster) {
      // Without an owner file (a hub from before there was one), trust the postmaster's parent: once
      // its starter dies it is adopted by init (pid 1).
      const parent = postmaster.parentPid === undefined ? undefined : processStatus(postmaster.parentPid);
      if (!previous && parent && parent.pid !== 1) throw inUseBy(`process ${parent.pid} (${commandLine(parent.pid)})`, databaseDir);
      log(
        `PostgreSQL (process ${postmaster.pid}) is still running in ${databaseDir}, left by ` +
          `${previous ? `Liên thông process ${previous.pid}, which is gone` : "a process that is gone"}: stopping it first.`,
      );
      if (!(await stopPostmaster(postmaster)))
        throw new Error(`PostgreSQL process ${postmaster.pid} in ${databaseDir} did not stop; stop it, then start again.`);
    }
  } catch (error) {
    claim.release();
    throw error;
  }
  return claim;
}

function currentProcess(): Owner {
  return { pid: process.pid, startTime: processStatus(process.pid)?.startTime, command: process.argv.map((arg) => path.basename(arg)).join(" ") };
}

function readOwner(file: string): Owner | undefined {
  try {
    const owner = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<Owner>;
    if (!Number.isInteger(owner.pid)) return undefined;
    return { pid: owner.pid!, startTime: typeof owner.startTime === "string" ? owner.startTime : undefined, command: String(owner.command ?? "") };
  } catch {
    return undefined; // missing, or cut short by a crash mid-write: no known owner
  }
}

function inUseBy(who: string, databaseDir: string): Error {
  return new Error(
    `The embedded PostgreSQL in ${databaseDir} is in use by ${who}. ` +
      "Stop that process first, give this one another LIENTHONG_DATA_DIR, or point its DATABASE_URL at that PostgreSQL.",
  );
}
