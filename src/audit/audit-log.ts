import { AsyncResource } from "node:async_hooks";
import type { Database, Transaction } from "../database";
import { AnchorFileWriter, type ChainPoint } from "./anchor-file";
import type { AuditEntryInput } from "./audit-entry";
import { withBoundedClientText } from "./bounded-text";
import { canonicalEntry } from "./canonical-entry";
import { GENESIS_HASH, chainHash, headMac, sameDigest } from "./chain";

/** Any number from a fixed name: the advisory lock every hub process takes to extend the chain. */
const AUDIT_CHAIN_LOCK = 0x41756469; // "Audi"

/** Bounds one transaction's statement size; a longer queue is written by the flushes that follow. */
const MAX_ROWS_PER_FLUSH = 1000;

interface Waiting {
  entry: string;
  resolve(): void;
  reject(error: Error): void;
}

export interface AuditLogOptions {
  /**
   * A file outside the database to keep the newest committed head in (anchor-file.ts), so that
   * verification can tell when the database was rewound to an earlier head. None when absent.
   */
  anchorFile?: string;
  /** Told how long each committed flush took, in seconds (for the metrics). */
  observeCommit?: (seconds: number) => void;
}

/** What the writer has done since it was created. */
export interface AuditLogStats {
  /** Transactions committed. */
  flushes: number;
  /** Rows those transactions wrote. */
  rows: number;
  /** Transactions that failed; each rejected every record() it carried. */
  failedFlushes: number;
}

/**
 * Writes audit rows to hub.audit_log, chained (src/audit/chain.ts) and durable before anyone is
 * told they are written. Group commit: entries recorded while a transaction is running wait for
 * the next one, which writes them all with one INSERT, so under load a commit serves many requests.
 * Hub replicas sharing a database take turns through an advisory lock and continue from the head
 * row, so they never interleave the chain. After each commit the head is also written to the
 * anchor file, when there is one, without holding up the requests.
 */
export class AuditLog {
  private queue: Waiting[] = [];
  private draining: Promise<void> | undefined;
  private closed = false;
  private inFlight = 0;
  private readonly counters: AuditLogStats = { flushes: 0, rows: 0, failedFlushes: 0 };
  // Created with the log, outside any request: flushes serve many requests, so they run in none's async context.
  private readonly scope = new AsyncResource("lienthong.audit-flush");
  private readonly anchor: AnchorFileWriter | undefined;
  private readonly observeCommit: (seconds: number) => void;

  constructor(
    private readonly db: Database,
    private readonly key: string,
    private readonly log: (line: string) => void = () => undefined,
    options: AuditLogOptions = {},
  ) {
    this.observeCommit = options.observeCommit ?? (() => undefined);
    if (options.anchorFile !== undefined) {
      this.anchor = new AnchorFileWriter(options.anchorFile, key, log, (seq, hash) => this.holds(seq, hash));
    }
  }

  /**
   * Resolves once the entry's row is committed (synchronous_commit on); rejects when it could not
   * be written, in which case the request must not be answered. Client-supplied strings are
   * bounded here, whichever path built the entry, so no client can flood the log.
   */
  record(entry: AuditEntryInput): Promise<void> {
    if (this.closed) return Promise.reject(new Error("The audit log is closed: no request can be answered after shutdown began."));
    let text: string;
    try {
      text = canonicalEntry(withBoundedClientText(entry, this.key));
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ entry: text, resolve, reject });
      this.draining ??= this.scope.runInAsyncScope(() => this.drain());
    });
  }

  /**
   * Stops taking entries and resolves when every entry already recorded has been written or
   * refused, and the anchor file names the last head written.
   */
  async close(): Promise<void> {
    this.closed = true;
    while (this.draining) await this.draining;
    await this.anchor?.settled();
  }

  /** Entries recorded and not yet written or refused, including those of the flush under way. */
  queueDepth(): number {
    return this.queue.length + this.inFlight;
  }

  stats(): AuditLogStats {
    return { ...this.counters };
  }

  /** Writes the queue, one transaction at a time, until it is empty. */
  private async drain(): Promise<void> {
    // Let the rest of this turn of the event loop record too, so a burst starts as one batch.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_ROWS_PER_FLUSH);
        this.inFlight = batch.length;
        const started = process.hrtime.bigint();
        try {
          const { from, to } = await this.db.transaction((tx) => this.append(tx, batch));
          this.observeCommit(Number(process.hrtime.bigint() - started) / 1e9);
          this.counters.flushes += 1;
          this.counters.rows += batch.length;
          for (const waiting of batch) waiting.resolve();
          this.anchor?.advance(from, to);
        } catch (cause) {
          this.counters.failedFlushes += 1;
          const error = new Error(`The audit log could not be written: ${(cause as Error).message}`, { cause });
          this.log(`audit: ${batch.length} row(s) not written, their requests are refused: ${(cause as Error).message}`);
          for (const waiting of batch) waiting.reject(error);
        } finally {
          this.inFlight = 0;
        }
      }
    } finally {
      this.draining = undefined;
    }
  }

  /** Chains `batch` onto the head and moves the head, inside `tx`; returns the head before and after. */
  private async append(tx: Transaction, batch: readonly Waiting[]): Promise<{ from: ChainPoint; to: ChainPoint }> {
    // Durable whatever the server's or role's default; the lock keeps other replicas out until COMMIT.
    await tx.query("SELECT set_config('synchronous_commit', 'on', true), pg_advisory_xact_lock($1)", [AUDIT_CHAIN_LOCK]);
    const from = await this.head(tx);
    let { seq, hash } = from;
    const seqs: number[] = [];
    const prevHashes: string[] = [];
    const hashes: string[] = [];
    for (const waiting of batch) {
      seq += 1;
      seqs.push(seq);
      prevHashes.push(hash);
      hash = chainHash(this.key, seq, hash, waiting.entry);
      hashes.push(hash);
    }
    // One statement for the rows and the head: both or neither, in one round trip.
    await tx.query(
      `WITH appended AS (
         INSERT INTO hub.audit_log (seq, entry, prev_hash, hash)
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[])
       )
       INSERT INTO hub.audit_head (id, seq, hash, mac, updated_at) VALUES (true, $5, $6, $7, now())
       ON CONFLICT (id) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash, mac = EXCLUDED.mac, updated_at = EXCLUDED.updated_at`,
      [seqs, batch.map((w) => w.entry), prevHashes, hashes, seq, hash, headMac(this.key, seq, hash)],
    );
    return { from, to: { seq, hash } };
  }

  /** Whether hub.audit_log holds row `seq` with hash `hash`: the anchor file's row is still on the chain. */
  private async holds(seq: number, hash: string): Promise<boolean> {
    const [row] = await this.db.query<{ hash: string }>("SELECT hash FROM hub.audit_log WHERE seq = $1", [seq]);
    return row !== undefined && sameDigest(row.hash, hash);
  }

  /**
   * The chain's head, locked for this transaction. Refuses to extend a head whose MAC is wrong, or
   * a log whose head is gone: writing on would re-anchor the chain and hide the tampering.
   */
  private async head(tx: Transaction): Promise<{ seq: number; hash: string }> {
    const [row] = await tx.query<{ seq: string; hash: string; mac: string }>("SELECT seq, hash, mac FROM hub.audit_head FOR UPDATE");
    if (row) {
      const seq = Number(row.seq);
      if (!sameDigest(row.mac, headMac(this.key, seq, row.hash))) {
        throw new Error(
          `the head of the audit chain (hub.audit_head, seq ${seq}) does not carry a valid MAC: it was altered, or the hub runs with another audit key. Run npm run audit:verify.`,
        );
      }
      return { seq, hash: row.hash };
    }
    const [someRow] = await tx.query("SELECT 1 FROM hub.audit_log LIMIT 1");
    if (someRow) {
      throw new Error("hub.audit_head is missing while hub.audit_log holds rows: the log was tampered with. Run npm run audit:verify.");
    }
    return { seq: 0, hash: GENESIS_HASH };
  }
}
