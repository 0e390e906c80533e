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
  const rows = await db.query<{ seq: string; entry: string }>(
    `SELECT seq::text AS seq, entry FROM hub.audit_log ${render(where.conditions)} ORDER BY seq DESC LIMIT $${params.length}`,
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
  return { conditions, params };
}

function render(conditions: string[]): string {
  return conditions.length === 0 ? "" : `WHERE ${conditions.join(" AND ")}`;
}

function toAuditEntry(row: { seq: string; entry: string }): AuditEntry {
  const entry = parseEntry(row.entry);
  return {
    seq: row.seq,
    at: entry.at,
    requestId: entry.requestId,
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
    durationMs: entry.durationMs,
    outcome: entry.outcome,
    errorCodes: entry.errorCodes,
  };
}
