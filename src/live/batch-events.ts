/**
 * The event a committed batch raises: the one contract between data in (src/ingest) and updates
 * out (subscriptions). It travels as a PostgreSQL NOTIFY on one channel, so every gateway and
 * subgraph replica on the database hears every batch, whichever process applied it.
 */

/** The channel every replica LISTENs on. */
export const BATCH_APPLIED_CHANNEL = "lienthong_batch_applied";

/**
 * NOTIFY payloads are limited to 8000 bytes: an event names at most this many enterprises. A batch
 * that changed more sends `taxCodes: null`, and a subscriber asks the owner's rows by batch id.
 */
export const MAX_TAX_CODES_IN_EVENT = 200;

export interface BatchAppliedEvent {
  batchId: string;
  /** The owning domain (registry, tax, statistics, bhxh, or an owner of reference data such as targets). */
  domain: string;
  /** The period the batch covers, when it covers one (YYYY-Qn, YYYY-MM, YYYY; YYYY-MM-DD, the day of a registry extract). */
  period: string | null;
  /** When its transaction committed its rows, ISO 8601. */
  appliedAt: string;
  /** Provinces (codes in force) whose rows the batch changed. */
  provinceCodes: string[];
  /** Enterprises whose rows the batch changed; null when there are more than MAX_TAX_CODES_IN_EVENT. */
  taxCodes: string[] | null;
}

/** Runs one statement with parameters on the connection that holds the batch's transaction. */
export type TransactionQuery = (sql: string, parameters: unknown[]) => Promise<unknown>;

/**
 * Raises the event inside the batch's own transaction: PostgreSQL delivers a NOTIFY only when the
 * transaction commits, so a rolled-back batch never announces itself.
 */
export async function notifyBatchApplied(query: TransactionQuery, event: BatchAppliedEvent): Promise<void> {
  const taxCodes = event.taxCodes && event.taxCodes.length <= MAX_TAX_CODES_IN_EVENT ? event.taxCodes : null;
  await query("SELECT pg_notify($1, $2)", [BATCH_APPLIED_CHANNEL, JSON.stringify({ ...event, taxCodes })]);
}

/** Reads an event back from a NOTIFY payload; null for anything that is not one (never throws). */
export function parseBatchAppliedEvent(payload: string | undefined): BatchAppliedEvent | null {
  if (!payload) return null;
  try {
    const value = JSON.parse(payload) as Partial<BatchAppliedEvent>;
    if (typeof value.batchId !== "string" || typeof value.domain !== "string" || typeof value.appliedAt !== "string" || !Array.isArray(value.provinceCodes))
      return null;
    return {
      batchId: value.batchId,
      domain: value.domain,
      period: typeof value.period === "string" ? value.period : null,
      appliedAt: value.appliedAt,
      provinceCodes: value.provinceCodes.filter((code): code is string => typeof code === "string"),
      taxCodes: Array.isArray(value.taxCodes) ? value.taxCodes.filter((code): code is string => typeof code === "string") : null,
    };
  } catch {
    return null;
  }
}
