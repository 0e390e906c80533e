import type { Database } from "../../src/database";
import { rowsForPeriod, type PeriodicTable } from "../../src/database/periodic-rows";
import type { TaxHeadcount } from "../../entities";

const HEADCOUNTS: PeriodicTable = {
  table: "tax.headcount",
  keyColumn: "tax_code",
  columns: `tax_code AS "taxCode", period, operating_status AS "operatingStatus", employees,
    total_wages_vnd AS "totalWages", batch_id AS "batchId"`,
  // Quarters sort correctly as text (YYYY-Qn), so the primary key index serves "newest".
  newestFirst: "period DESC",
  newestByIndex: true,
  // The province of the tax department managing the taxpayer; the key finds the rows, this only filters them.
  inProvince: (province) => `province_code = ${province}`,
};

/**
 * Each enterprise's headcount for `period`, or its latest quarter when no period is given; with a
 * province scope, only rows managed in that province are read.
 */
export function headcounts(
  db: Database,
  taxCodes: readonly string[],
  period: string | undefined,
  scopeProvinceCode: string | undefined,
): Promise<TaxHeadcount[]> {
  return rowsForPeriod(db, HEADCOUNTS, taxCodes, period, scopeProvinceCode);
}

const HEADCOUNT_COLUMNS = `tax_code, period, operating_status, employees, total_wages_vnd, province_code, batch_id`;

/**
 * Each enterprise's headcount as the hub knew it at `asOf`: the current row if it was already in
 * force then, else the superseded version whose interval holds the instant; for `period`, or the
 * latest quarter known then. One statement for any number of tax codes.
 */
export function headcountsAsOf(
  db: Database,
  taxCodes: readonly string[],
  period: string | undefined,
  asOf: Date,
  scopeProvinceCode: string | undefined,
): Promise<TaxHeadcount[]> {
  if (taxCodes.length === 0) return Promise.resolve([]);
  const params: unknown[] = [taxCodes, asOf];
  const filters = [
    period === undefined ? "" : ` AND period = $${params.push(period)}`,
    scopeProvinceCode === undefined ? "" : ` AND province_code = $${params.push(scopeProvinceCode)}`,
  ].join("");
  return db.query(
    `SELECT DISTINCT ON (tax_code) tax_code AS "taxCode", period, operating_status AS "operatingStatus", employees,
            total_wages_vnd AS "totalWages", batch_id AS "batchId"
       FROM (SELECT ${HEADCOUNT_COLUMNS} FROM tax.headcount WHERE tax_code = ANY($1) AND valid_from <= $2${filters}
             UNION ALL
             SELECT ${HEADCOUNT_COLUMNS} FROM tax.headcount_history WHERE tax_code = ANY($1) AND valid_from <= $2 AND valid_to > $2${filters}) known
      ORDER BY tax_code, period DESC`,
    params,
  );
}
