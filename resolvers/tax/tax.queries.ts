import type { Database } from "../../src/database";
import type { TaxHeadcount } from "../../entities";

const HEADCOUNT_COLUMNS = `tax_code AS "taxCode", period, operating_status AS "operatingStatus", employees,
  total_wages_vnd AS "totalWages", batch_id AS "batchId"`;

/** Each enterprise's headcount for `period`, or its latest quarter when no period is given. */
export function headcounts(db: Database, taxCodes: readonly string[], period: string | undefined): Promise<TaxHeadcount[]> {
  if (period !== undefined) {
    return db.query(`SELECT ${HEADCOUNT_COLUMNS} FROM tax.headcount WHERE tax_code = ANY($1) AND period = $2`, [taxCodes, period]);
  }
  // Quarters sort correctly as text (YYYY-Qn), so the primary key index serves "latest".
  return db.query(
    `SELECT DISTINCT ON (tax_code) ${HEADCOUNT_COLUMNS} FROM tax.headcount WHERE tax_code = ANY($1) ORDER BY tax_code, period DESC`,
    [taxCodes],
  );
}
