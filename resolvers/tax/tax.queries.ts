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
  // The province of the tax department managing the taxpayer; the key finds the rows, this only filters them.
  inProvince: (province) => `province_code = ${province}`,
};

/**
 * Each enterprise's headcount for `period`, or its latest quarter when no period is given; with a
 * province scope, only rows managed in that province are read.
 */
export function headcounts(db: Database, taxCodes: readonly string[], period: string | undefined, scopeProvinceCode: string | undefined): Promise<TaxHeadcount[]> {
  return rowsForPeriod(db, HEADCOUNTS, taxCodes, period, scopeProvinceCode);
}
