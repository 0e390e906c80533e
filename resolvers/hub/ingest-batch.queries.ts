import type { IngestBatch, IngestStatus } from "../../entities";
import type { Database } from "../../src/database";
import { BATCH_COLUMNS } from "../../src/ingest/batch-records";

/** Which batches a list asks for, the reader's scope already folded in. */
export interface BatchCriteria {
  /** Domains the reader may see; undefined: every domain (operators). */
  domains?: readonly string[];
  domain?: string;
  status?: IngestStatus;
  period?: string;
}

/** A batch id's form: batches are keyed by UUID. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Batches by id, whichever domain (the caller scopes them). An id that is no UUID names no batch:
 * ids also come from NOTIFY payloads, and one malformed id must not fail the others' statement.
 */
export async function batchesById(db: Database, ids: readonly string[]): Promise<IngestBatch[]> {
  const uuids = ids.filter((id) => UUID.test(id));
  if (uuids.length === 0) return [];
  return db.query(`SELECT ${BATCH_COLUMNS} FROM hub.batch WHERE id = ANY($1::uuid[])`, [uuids]);
}

function where(criteria: BatchCriteria, params: unknown[]): string {
  const conditions = ["TRUE"];
  if (criteria.domains) conditions.push(`domain = ANY($${params.push(criteria.domains)})`);
  if (criteria.domain !== undefined) conditions.push(`domain = $${params.push(criteria.domain)}`);
  if (criteria.status !== undefined) conditions.push(`status = $${params.push(criteria.status)}`);
  if (criteria.period !== undefined) conditions.push(`period = $${params.push(criteria.period)}`);
  return conditions.join(" AND ");
}

/** A page of batches, newest first, after the batch with sequence number `beforeSeq`; `limit` rows at most. */
export function batchPage(db: Database, criteria: BatchCriteria, limit: number, beforeSeq: string | undefined): Promise<(IngestBatch & { seq: string })[]> {
  const params: unknown[] = [];
  const conditions = where(criteria, params);
  const after = beforeSeq === undefined ? "" : ` AND seq < $${params.push(beforeSeq)}`;
  return db.query(`SELECT ${BATCH_COLUMNS}, seq FROM hub.batch WHERE ${conditions}${after} ORDER BY seq DESC LIMIT $${params.push(limit)}`, params);
}

export async function batchCount(db: Database, criteria: BatchCriteria): Promise<number> {
  const params: unknown[] = [];
  const [row] = await db.query<{ count: string }>(`SELECT count(*) AS count FROM hub.batch WHERE ${where(criteria, params)}`, params);
  return Number(row.count);
}
