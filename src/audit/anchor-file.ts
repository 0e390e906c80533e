import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { headMac, sameDigest } from "./chain";

/**
 * The newest head of the audit chain the hub has committed, kept in a file outside the database.
 * A database superuser who saved an earlier hub.audit_head row can delete the newest log rows and
 * put that row back: the database then holds a consistent, shorter chain. This file, which such a
 * person cannot rewind without also writing on the hub's machine, still names the newer row.
 */
export interface AuditAnchor {
  seq: number;
  hash: string;
  /** headMac(key, seq, hash): the file cannot be made to name another row without the key. */
  mac: string;
  /** When the hub wrote the file (UTC ISO 8601); for people, not covered by the MAC. */
  at: string;
}

/** A position in the chain: row `seq`, whose hash is `hash`. */
export interface ChainPoint {
  seq: number;
  hash: string;
}

/** What an anchor file holds: nothing yet, an anchor this key vouches for, or something else. */
export type AnchorReading =
  | { state: "missing" }
  | { state: "valid"; anchor: AuditAnchor }
  /** `reason` completes "the anchor file … was altered: …"; `seq` is the row the file claims, when it claims one. */
  | { state: "invalid"; reason: string; seq?: number };

const HEX_DIGEST = /^[0-9a-f]{64}$/;

/**
 * Reads and checks the anchor file at `file`. A file that does not exist is "missing"; one that is
 * not JSON of the shape the hub writes, or whose MAC does not verify under `key`, is "invalid".
 * Throws only when the file exists but cannot be read (permissions, a folder in its place).
 */
export async function readAnchorFile(file: string, key: string): Promise<AnchorReading> {
  let text: string;
  try {
    text = await fs.promises.readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { state: "missing" };
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { state: "invalid", reason: "it is not JSON" };
  }
  const { seq, hash, mac, at } = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
  if (
    !Number.isSafeInteger(seq) ||
    (seq as number) < 1 ||
    typeof hash !== "string" ||
    !HEX_DIGEST.test(hash) ||
    typeof mac !== "string" ||
    !HEX_DIGEST.test(mac) ||
    typeof at !== "string"
  ) {
    return { state: "invalid", reason: "it does not hold the seq, hash, mac and at the hub writes" };
  }
  if (!sameDigest(mac, headMac(key, seq as number, hash))) {
    return { state: "invalid", reason: "its MAC does not match (or it was written with another audit key)", seq: seq as number };
  }
  return { state: "valid", anchor: { seq: seq as number, hash, mac, at } };
}

/**
 * How often the anchor file is written at most. Each write is eight file operations (read, check,
 * write, rename), and under load the log commits several times per request's worth of time: the
 * file writes had cost the hub thread about 0.9 ms per answer. A witness up to a second behind the
 * head loses little: only rows of that last second could be removed unseen by it, and the database
 * head (hub.audit_head) still covers them.
 */
export const ANCHOR_WRITE_INTERVAL_MS = 1000;

/**
 * Keeps the anchor file at the newest head this process committed, never moving it backwards.
 * Writes run one at a time, at most one per ANCHOR_WRITE_INTERVAL_MS, and coalesce: heads committed
 * meanwhile are written as the newest of them. settled() writes a waiting head at once, so a hub
 * that stops leaves the file at its last row. Each write reads the file first and leaves it when it already names a row at least as new
 * (another replica on this machine got further), and writes atomically (temp file, then rename).
 *
 * Never throws and never holds up a request: the database head is the primary anchor, this file an
 * extra witness. No fsync: a crash, or two replicas renaming at the same instant, can only leave the
 * file lagging, which verification accepts, and the next flush moves it on.
 *
 * Before moving the file past the row it names, the writer checks that row is still on the chain
 * (`isOnChain`). If it is not, the log was rewound and rewritten since; writing on would erase the
 * only trace of it, so the file is kept as evidence and the hub says so.
 */
export class AnchorFileWriter {
  private wanted: { from: ChainPoint; to: ChainPoint } | undefined;
  private highest = 0;
  private writing: Promise<void> | undefined;
  /** The next write, when it waits for the interval to pass. */
  private timer: NodeJS.Timeout | undefined;
  /** When the last write started (ms since the epoch). */
  private lastWriteAt = 0;
  /** What was last logged, so that a failure repeated at every flush is logged once. */
  private reported: string | undefined;

  constructor(
    readonly file: string,
    private readonly key: string,
    private readonly log: (line: string) => void,
    /** Whether the database's log holds row `seq` with hash `hash`. */
    private readonly isOnChain: (seq: number, hash: string) => Promise<boolean>,
    private readonly intervalMs = ANCHOR_WRITE_INTERVAL_MS,
  ) {}

  /** Records that this process committed rows `from.seq + 1` to `to.seq`, extending the head `from`. */
  advance(from: ChainPoint, to: ChainPoint): void {
    if (to.seq <= this.highest) return;
    this.highest = to.seq;
    // The oldest head waiting is the one the file may still name; its flush proved it was on the chain.
    this.wanted = { from: this.wanted?.from ?? from, to };
    this.schedule();
  }

  /** Resolves when every head handed to advance() has been written, left or given up on; a waiting one is written now. */
  async settled(): Promise<void> {
    for (;;) {
      if (this.timer) {
        clearTimeout(this.timer);
        this.timer = undefined;
        this.startWrite();
      }
      if (!this.writing) return;
      await this.writing;
    }
  }

  private schedule(): void {
    if (this.writing || this.timer || !this.wanted) return;
    const wait = this.lastWriteAt + this.intervalMs - Date.now();
    if (wait <= 0) {
      this.startWrite();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.startWrite();
    }, wait);
    // A waiting write never keeps the process alive: close() writes it through settled().
    this.timer.unref();
  }

  private startWrite(): void {
    const wanted = this.wanted;
    if (this.writing || !wanted) return;
    this.wanted = undefined;
    this.lastWriteAt = Date.now();
    // write() never throws: a failure is logged and the next head tries again.
    this.writing = this.write(wanted.from, wanted.to).finally(() => {
      this.writing = undefined;
      this.schedule();
    });
  }

  private async write(from: ChainPoint, to: ChainPoint): Promise<void> {
    try {
      const current = await readAnchorFile(this.file, this.key);
      if (current.state === "valid") {
        const seen = current.anchor;
        // Another replica got further, or the database lost rows the file saw: either way the file stays.
        if (seen.seq >= to.seq) return this.written();
        // The head this flush extended proves its own row without a query.
        const extendedFromSeen = seen.seq === from.seq && sameDigest(seen.hash, from.hash);
        if (!extendedFromSeen && !(await this.isOnChain(seen.seq, seen.hash))) {
          this.report(
            `rewound ${seen.seq} ${seen.hash}`,
            `audit: the anchor file ${this.file} saw row ${seen.seq} with hash ${seen.hash}, which hub.audit_log no longer holds: the log was rewound and rewritten. ` +
              `The file is kept as evidence and no longer moved; run npm run audit:verify.`,
          );
          return;
        }
      }
      await this.replace(to);
      // Logged once replaced, so that a file that also cannot be written is not reported at every flush.
      if (current.state === "invalid") this.log(`audit: replaced the anchor file ${this.file}, which was not one this hub wrote: ${current.reason}.`);
      this.written();
    } catch (error) {
      this.report(
        "failed",
        `audit: the anchor file ${this.file} could not be written (${(error as Error).message}); requests go on, anchored by hub.audit_head alone until it can.`,
      );
    }
  }

  private async replace(to: ChainPoint): Promise<void> {
    const anchor: AuditAnchor = { seq: to.seq, hash: to.hash, mac: headMac(this.key, to.seq, to.hash), at: new Date().toISOString() };
    const folder = path.dirname(this.file);
    await fs.promises.mkdir(folder, { recursive: true });
    // In the same folder, so that the rename is atomic; named per write, so replicas never share one.
    const temporary = path.join(folder, `.${path.basename(this.file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
    try {
      await fs.promises.writeFile(temporary, `${JSON.stringify(anchor)}\n`, { flag: "wx" });
      await fs.promises.rename(temporary, this.file);
    } catch (error) {
      await fs.promises.rm(temporary, { force: true }).catch(() => undefined);
      throw error;
    }
  }

  private written(): void {
    if (this.reported === "failed") this.log(`audit: the anchor file ${this.file} is written again.`);
    this.reported = undefined;
  }

  private report(what: string, line: string): void {
    if (this.reported === what) return;
    this.reported = what;
    this.log(line);
  }
}
