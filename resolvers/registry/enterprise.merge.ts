import type { IngestQuery, MergeResult } from "../../src/ingest/ingest-spec";
import { MAX_TAX_CODES_IN_EVENT } from "../../src/live/batch-events";
import { ENTERPRISE_COLUMNS } from "./enterprise-columns";

const VALUES = ENTERPRISE_COLUMNS.filter((column) => column !== "tax_code");
const list = (prefix: string, columns: readonly string[]) => columns.map((column) => `${prefix}${column}`).join(", ");
// char(n) columns compared as text, as they are staged.
const current = (column: string) => (["province_code", "commune_code", "legal_rep_id_number"].includes(column) ? `e.${column}::text` : `e.${column}`);

/**
 * Applies full enterprise rows staged in `ingest_rows`: an enterprise the register holds exactly
 * as sent is left alone (no history, no event: an extract re-sent on another day changes nothing);
 * one that differs has its current version copied to registry.enterprise_history and is updated
 * in place; a new one is inserted (parents and their branches in one statement, so the parent key
 * is checked at its end).
 */
export async function mergeEnterpriseRows(query: IngestQuery, batch: { id: string; appliedAt: Date }): Promise<MergeResult> {
  await query(
    `DELETE FROM ingest_rows s USING registry.enterprise e
      WHERE e.tax_code = s.tax_code AND (${VALUES.map(current).join(", ")}) IS NOT DISTINCT FROM (${list("s.", VALUES)})`,
  );
  // Before the update: an enterprise that moves touches the province it leaves as well as the one it joins.
  const provinces = await query<{ code: string }>(
    `SELECT province_code AS code FROM ingest_rows
      UNION SELECT e.province_code::text FROM registry.enterprise e JOIN ingest_rows s ON s.tax_code = e.tax_code ORDER BY 1`,
  );
  await supersede(query, batch.appliedAt);
  await query(
    `UPDATE registry.enterprise e SET ${VALUES.map((column) => `${column} = s.${column}`).join(", ")}, batch_id = $1, valid_from = $2
       FROM ingest_rows s WHERE e.tax_code = s.tax_code`,
    [batch.id, batch.appliedAt],
  );
  await query(
    `INSERT INTO registry.enterprise (${list("", ENTERPRISE_COLUMNS)}, batch_id, valid_from)
     SELECT ${list("s.", ENTERPRISE_COLUMNS)}, $1, $2 FROM ingest_rows s
      WHERE NOT EXISTS (SELECT 1 FROM registry.enterprise e WHERE e.tax_code = s.tax_code)`,
    [batch.id, batch.appliedAt],
  );
  return { provinceCodes: provinces.map((row) => row.code), taxCodes: await changedTaxCodes(query) };
}

/** Applies staged dissolutions (`tax_code`, `status`): only the status changes; the former version goes to history. */
export async function mergeDissolutions(query: IngestQuery, batch: { id: string; appliedAt: Date }): Promise<MergeResult> {
  await query(`DELETE FROM ingest_rows s USING registry.enterprise e WHERE e.tax_code = s.tax_code AND e.status = s.status`);
  await supersede(query, batch.appliedAt);
  const provinces = await query<{ code: string }>(
    `UPDATE registry.enterprise e SET status = s.status, batch_id = $1, valid_from = $2
       FROM ingest_rows s WHERE e.tax_code = s.tax_code RETURNING e.province_code::text AS code`,
    [batch.id, batch.appliedAt],
  );
  return { provinceCodes: [...new Set(provinces.map((row) => row.code))].sort(), taxCodes: await changedTaxCodes(query) };
}

/** Copies the current versions of the staged enterprises to history, closed at `appliedAt`. */
async function supersede(query: IngestQuery, appliedAt: Date): Promise<void> {
  await query(
    `INSERT INTO registry.enterprise_history (${list("", ENTERPRISE_COLUMNS)}, batch_id, valid_from, valid_to)
     SELECT ${list("e.", ENTERPRISE_COLUMNS)}, e.batch_id, e.valid_from, $1
       FROM registry.enterprise e JOIN ingest_rows s ON s.tax_code = e.tax_code`,
    [appliedAt],
  );
}

/** The tax codes left in `ingest_rows` (those changed), or null when there are more than the event names. */
async function changedTaxCodes(query: IngestQuery): Promise<string[] | null> {
  const rows = await query<{ tax_code: string }>(`SELECT tax_code FROM ingest_rows ORDER BY line LIMIT ${MAX_TAX_CODES_IN_EVENT + 1}`);
  return rows.length > MAX_TAX_CODES_IN_EVENT ? null : rows.map((row) => row.tax_code);
}
