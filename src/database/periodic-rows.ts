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
  /**
   * True when an index on (key column, period) serves `newestFirst`: each key's newest row is then
   * read as one step back through the index, not every period of every key read and sorted.
   */
  newestByIndex?: boolean;
  /**
   * The condition a row meets when it belongs to the province in `parameter` (e.g. `$3`): a column
   * of its own, or one of a table of the same domain. Without it, the table has no row scope.
   */
  inProvince?: (parameter: string) => string;
}

/**
 * Each key's row for `period`, or its newest row when no period is given: one statement for any
 * number of keys, so a DataLoader can answer a whole page with it. With `scopeProvinceCode`, rows
 * of other provinces are not read, as if absent.
 */
export async function rowsForPeriod<Row>(
  db: Database,
  source: PeriodicTable,
  keys: readonly string[],
  period: string | undefined,
  scopeProvinceCode?: string,
): Promise<Row[]> {
  // A province-scoped principal's loader may ask for nothing at all; that needs no statement.
  if (keys.length === 0) return [];
  const params: unknown[] = [keys];
  const conditions = [`${source.keyColumn} = ANY($1)`];
  if (period !== undefined) conditions.push(`period = $${params.push(period)}`);
  if (scopeProvinceCode !== undefined) {
    if (!source.inProvince) throw new Error(`${source.table} has no province to scope its rows by`);
    conditions.push(source.inProvince(`$${params.push(scopeProvinceCode)}`));
  }
  const where = conditions.join(" AND ");
  // Lookups by key: one plan serves every page (Database.query, `prepared`).
  if (period !== undefined) return db.query(`SELECT ${source.columns} FROM ${source.table} WHERE ${where}`, params, { prepared: true });
  if (source.newestByIndex) {
    // DISTINCT ON fetched and sorted every period of every key (a heap page each: four a key for four quarters); this reads one row a key.
    const perKey = [`${source.keyColumn} = key.value`, ...conditions.slice(1)].join(" AND ");
    return db.query(
      `SELECT newest.* FROM unnest($1::text[]) AS key(value)
         CROSS JOIN LATERAL (SELECT ${source.columns} FROM ${source.table} WHERE ${perKey} ORDER BY ${source.newestFirst} LIMIT 1) AS newest`,
      params,
      { prepared: true },
    );
  }
  return db.query(
    `SELECT DISTINCT ON (${source.keyColumn}) ${source.columns} FROM ${source.table}
      WHERE ${where} ORDER BY ${source.keyColumn}, ${source.newestFirst}`,
    params,
    { prepared: true },
  );
}
