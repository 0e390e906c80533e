import type { Database } from "../../src/database";
import type { AuditEntry } from "../../entities/hub/audit-entry.entity";
import { parseEntry } from "../../src/audit/canonical-entry";

/** The filters of AuditLogFilter, validated, with the reader's scope already folded in. */
export interface AuditLogCriteria {
  /** Rows whose request touched this owner's data: an owner's own scope, or an operator's filter. */
  domain?: string;
  agency?: string;
  subject?: string;
  outcome?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  /**
   * A province-scoped reader's province: only rows of requests by principals limited to it, or
   * whose response carried its records.
   */
  province?: string;
}

/**
 * One page, newest first, of rows older than `beforeSeq`; reads `limit` rows. Every value shown
 * comes from the `entry` the chain hash covers; the generated columns only select rows.
 */
export async function auditEntryPage(db: Database, criteria: AuditLogCriteria, limit: number, beforeSeq: string | undefined): Promise<AuditEntry[]> {
  const where = whereClause(criteria);
  const params = [...where.params];
  if (beforeSeq !== undefined) {
    params.push(beforeSeq);
    where.conditions.push(`seq < $${params.length}`);
  }
  params.push(limit);
  // Ordered by the bigint column, not by the text the row is handed out as: ORDER BY a name that is
  // also an output alias sorts by the alias, and as text 99 comes after 989.
  const rows = await db.query<{ seq_text: string; entry: string }>(
    `SELECT seq::text AS seq_text, entry FROM hub.audit_log ${render(where.conditions)} ORDER BY hub.audit_log.seq DESC LIMIT $${params.length}`,
    params,
  );
  return rows.map(toAuditEntry);
}

/** How many rows match, counted in SQL. */
export async function auditEntryCount(db: Database, criteria: AuditLogCriteria): Promise<number> {
  const where = whereClause(criteria);
  const [row] = await db.query<{ count: string }>(`SELECT count(*) AS count FROM hub.audit_log ${render(where.conditions)}`, where.params);
  return Number(row.count);
}

function whereClause(criteria: AuditLogCriteria): { conditions: string[]; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (placeholder: string) => string, value: unknown) => {
    params.push(value);
    conditions.push(sql(`$${params.length}`));
  };
  // @> rather than = ANY, so that the GIN index on domains serves it.
  if (criteria.domain !== undefined) add((p) => `domains @> ARRAY[${p}::text]`, criteria.domain);
  if (criteria.agency !== undefined) add((p) => `agency = ${p}`, criteria.agency);
  if (criteria.subject !== undefined) add((p) => `subject = ${p}`, criteria.subject);
  if (criteria.outcome !== undefined) add((p) => `outcome = ${p}`, criteria.outcome);
  if (criteria.from !== undefined) add((p) => `at >= ${p}`, criteria.from);
  if (criteria.to !== undefined) add((p) => `at < ${p}`, criteria.to);
  if (criteria.province !== undefined) add((p) => `(province_code = ${p} OR provinces_returned @> ARRAY[${p}::text])`, criteria.province);
  return { conditions, params };
}

function render(conditions: string[]): string {
  return conditions.length === 0 ? "" : `WHERE ${conditions.join(" AND ")}`;
}

function toAuditEntry(row: { seq_text: string; entry: string }): AuditEntry {
  const entry = parseEntry(row.entry);
  return {
    seq: row.seq_text,
    at: entry.at,
    requestId: entry.requestId,
    clientRequestId: entry.clientRequestId,
    subject: entry.subject,
    agency: entry.agency,
    roles: entry.roles,
    provinceCode: entry.provinceCode,
    purpose: entry.purpose,
    operationType: entry.operationType,
    operationName: entry.operationName,
    documentHash: entry.documentHash,
    fieldsTouched: entry.fieldsTouched,
    mandatesUsed: entry.mandatesUsed,
    fieldsDenied: entry.fieldsDenied,
    domains: entry.domains,
    rowsReturned: entry.rowsReturned,
    provincesReturned: entry.provincesReturned,
    durationMs: entry.durationMs,
    outcome: entry.outcome,
    errorCodes: entry.errorCodes,
  };
}
