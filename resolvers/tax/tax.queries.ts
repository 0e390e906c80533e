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
};

/** Each enterprise's headcount for `period`, or its latest quarter when no period is given. */
export function headcounts(db: Database, taxCodes: readonly string[], period: string | undefined): Promise<TaxHeadcount[]> {
  return rowsForPeriod(db, HEADCOUNTS, taxCodes, period);
}
