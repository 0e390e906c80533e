import pg from "pg";
import { BATCH_APPLIED_CHANNEL, parseBatchAppliedEvent, type BatchAppliedEvent } from "./batch-events";

/** What a listener hands its subscribers. */
export interface BatchEventHandler {
  /** A committed batch, as announced on the channel. */
  event(event: BatchAppliedEvent): void;
  /** The LISTEN connection was lost and is back: events committed meanwhile were not heard. */
  missed(notice: MissedEvents): void;
}

/** Why events may have been missed, as subscribers are told. */
export interface MissedEvents {
  /** When the connection was lost, ISO 8601. */
  since: string;
  /** When LISTEN was resumed, ISO 8601. */
  resumedAt: string;
}

export interface BatchListenerOptions {
  /** First wait before reconnecting; doubled after each failed attempt up to `maxBackoffMs`. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  log?: (level: "info" | "warn", message: string) => void;
}

/**
 * The process's one LISTEN connection to the channel batches are announced on. It is a client of
 * its own, not one of the request pool's: a LISTEN must stay on one backend for the life of the
 * process, and pooled connections are handed to requests and recycled. Each parsed event is
 * dispatched synchronously to every in-process handler (they queue it themselves, so a slow one
 * delays no other). When the connection drops (the server restarts, a backend is terminated, the
 * network breaks) it reconnects with exponential backoff and LISTENs again without a restart, and
 * tells every handler that events may have been missed in between.
 */
export class BatchListener {
  private readonly handlers = new Set<BatchEventHandler>();
  private client: pg.Client | null = null;
  private closed = false;
  private lostAt: Date | null = null;
  private retry: NodeJS.Timeout | null = null;
  private readonly minBackoffMs: number;
  private readonly maxBackoffMs: number;
  private backoffMs: number;
  private readonly log: NonNullable<BatchListenerOptions["log"]>;

  private constructor(
    private readonly url: string,
    options: BatchListenerOptions,
  ) {
    this.minBackoffMs = options.minBackoffMs ?? 100;
    this.maxBackoffMs = options.maxBackoffMs ?? 5_000;
    this.backoffMs = this.minBackoffMs;
    this.log = options.log ?? (() => undefined);
  }

  /** Connects and LISTENs before resolving, so that a started hub hears every batch committed after its start. */
  static async start(url: string, options: BatchListenerOptions = {}): Promise<BatchListener> {
    const listener = new BatchListener(url, options);
    await listener.connect();
    return listener;
  }

  /** Adds a handler; returns the function that removes it. */
  subscribe(handler: BatchEventHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  /** Handlers currently subscribed (for metrics and tests). */
  get subscribers(): number {
    return this.handlers.size;
  }

  /** True while the LISTEN connection is up. */
  get listening(): boolean {
    return this.client !== null;
  }

  /** The backend pid of the LISTEN connection, null while reconnecting: operators (and tests) can find it in pg_stat_activity. */
  get backendPid(): number | null {
    return (this.client as unknown as { processID?: number } | null)?.processID ?? null;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    // keepAlive: a connection a firewall silently dropped is noticed by TCP, not only at the next NOTIFY.
    const client = new pg.Client({ connectionString: this.url, keepAlive: true, application_name: "lienthong-listen" });
    client.on("notification", (message) => {
      if (message.channel !== BATCH_APPLIED_CHANNEL) return;
      const event = parseBatchAppliedEvent(message.payload);
      if (!event) {
        this.log("warn", "ignored a NOTIFY on the batch channel that is not a batch event");
        return;
      }
      this.dispatch((handler) => handler.event(event));
    });
    client.on("error", () => this.lost(client));
    client.on("end", () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${BATCH_APPLIED_CHANNEL}`);
    } catch (error) {
      client.removeAllListeners("end");
      client.on("error", () => undefined);
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
  }

  /** The connection broke: every later attempt waits longer, up to the cap; success resets the wait and tells the handlers. */
  private lost(client: pg.Client): void {
    if (this.client !== client || this.closed) return;
    this.client = null;
    this.lostAt ??= new Date();
    client.removeAllListeners("notification");
    client.on("error", () => undefined);
    void client.end().catch(() => undefined);
    this.log("warn", "the LISTEN connection to PostgreSQL was lost; reconnecting");
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    const wait = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.maxBackoffMs);
    this.retry = setTimeout(() => {
      this.retry = null;
      this.connect().then(
        () => {
          if (this.closed) {
            void this.close();
            return;
          }
          const since = this.lostAt ?? new Date();
          this.lostAt = null;
          this.backoffMs = this.minBackoffMs;
          const notice: MissedEvents = { since: since.toISOString(), resumedAt: new Date().toISOString() };
          this.log("info", `LISTEN resumed; subscribers were told events since ${notice.since} may have been missed`);
          this.dispatch((handler) => handler.missed(notice));
        },
        () => this.scheduleReconnect(),
      );
    }, wait);
    // A process on its way out does not wait for the database to come back.
    this.retry.unref();
  }

  private dispatch(deliver: (handler: BatchEventHandler) => void): void {
    for (const handler of [...this.handlers]) {
      try {
        deliver(handler);
      } catch (error) {
        this.log("warn", `a subscriber's handler failed: ${(error as Error).message}`);
      }
    }
  }
}
