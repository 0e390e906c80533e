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
  /** The head this writer last committed, with its MAC: the fast path appends after it while no one else moved it. */
  private knownHead: (ChainPoint & { mac: string }) | undefined;
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
          const { from, to } = (await this.appendAfterKnownHead(batch)) ?? (await this.db.transaction((tx) => this.append(tx, batch)));
          this.knownHead = { ...to, mac: headMac(this.key, to.seq, to.hash) };
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

  /**
   * The fast path, one round trip: chains `batch` onto the head this writer last wrote and moves
   * the head, in one statement, only if the head in the database is still exactly that one (same
   * row, hash and MAC, locked FOR UPDATE). Under load every round trip of a flush waits for the
   * event loop, and every request waits for its flush: one statement instead of five keeps
   * answers fast. Returns undefined, having written nothing, when another replica moved the head
   * (or anything else changed it); the locked path then reads and checks the head as before.
   */
  private async appendAfterKnownHead(batch: readonly Waiting[]): Promise<{ from: ChainPoint; to: ChainPoint } | undefined> {
    const from = this.knownHead;
    if (!from) return undefined;
    const chained = this.chain(from, batch);
    const [row] = await this.db.query<{ moved: string }>(
      `WITH head AS (
         SELECT seq, hash, mac FROM hub.audit_head WHERE id FOR UPDATE
       ), unchanged AS (
         SELECT 1 FROM head WHERE seq = $5 AND hash = $6 AND mac = $7
       ), durable AS (
         SELECT set_config('synchronous_commit', 'on', true)
       ), appended AS (
         INSERT INTO hub.audit_log (seq, entry, prev_hash, hash)
         SELECT rows.* FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[]) AS rows, unchanged
       ), moved AS (
         UPDATE hub.audit_head SET seq = $8, hash = $9, mac = $10, updated_at = now() FROM unchanged WHERE id RETURNING 1
       )
       SELECT (SELECT count(*) FROM moved) AS moved, (SELECT count(*) FROM durable) AS durable`,
      [
        chained.seqs,
        batch.map((w) => w.entry),
        chained.prevHashes,
        chained.hashes,
        from.seq,
        from.hash,
        from.mac,
        chained.to.seq,
        chained.to.hash,
        headMac(this.key, chained.to.seq, chained.to.hash),
      ],
      { prepared: true },
    );
    if (Number(row?.moved) !== 1) {
      this.knownHead = undefined;
      return undefined;
    }
    return { from: { seq: from.seq, hash: from.hash }, to: chained.to };
  }

  /** The sequence numbers and hashes of `batch` chained after `from`. */
  private chain(from: ChainPoint, batch: readonly Waiting[]) {
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
    return { seqs, prevHashes, hashes, to: { seq, hash } };
  }

  /** Chains `batch` onto the head and moves the head, inside `tx`; returns the head before and after. */
  private async append(tx: Transaction, batch: readonly Waiting[]): Promise<{ from: ChainPoint; to: ChainPoint }> {
    // Durable whatever the server's or role's default; the lock keeps other replicas out until COMMIT.
    await tx.query("SELECT set_config('synchronous_commit', 'on', true), pg_advisory_xact_lock($1)", [AUDIT_CHAIN_LOCK]);
    const from = await this.head(tx);
    const { seqs, prevHashes, hashes, to } = this.chain(from, batch);
    const { seq, hash } = to;
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
    return { from, to };
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
