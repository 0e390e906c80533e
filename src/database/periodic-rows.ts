import type { Database } from "./index";

/** A table of figures reported per key (tax code, unit code, province) and period. */
export interface PeriodicTable {
  /** Schema-qualified table name. */
  table: string;
  /** Column holding the key the loader batches on. */
  keyColumn: string;
  /** SELECT list, aliased to the entity's property names. */
  columns: string;
  /** ORDER BY after the key that puts a key's newest period first. */
  newestFirst: string;
}

/**
 * Each key's row for `period`, or its newest row when no period is given: one statement for any
 * number of keys, so a DataLoader can answer a whole page with it.
 */
export async function rowsForPeriod<Row>(db: Database, source: PeriodicTable, keys: readonly string[], period: string | undefined): Promise<Row[]> {
  // A province-scoped principal's loader may ask for nothing at all; that needs no statement.
  if (keys.length === 0) return [];
  if (period !== undefined) {
    return db.query(`SELECT ${source.columns} FROM ${source.table} WHERE ${source.keyColumn} = ANY($1) AND period = $2`, [keys, period]);
  }
  return db.query(
    `SELECT DISTINCT ON (${source.keyColumn}) ${source.columns} FROM ${source.table}
      WHERE ${source.keyColumn} = ANY($1) ORDER BY ${source.keyColumn}, ${source.newestFirst}`,
    [keys],
  );
}
