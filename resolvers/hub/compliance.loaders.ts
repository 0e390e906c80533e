import type { Database } from "../../src/database";
import { loaderFamily, rowLoader, rowsLoader } from "../../src/graphql/loaders";
import { evaluatedFindings, evaluatedPeriods, storedFindings, type FindingRow } from "./compliance.queries";
import { legalBaseSalaryOn } from "./legal-base-salary";

/** Per-request loaders of compliance findings by tax code, limited to the principal's province when it has one. */
export function createComplianceLoaders(db: Database, scopeProvinceCode: string | undefined) {
  return {
    /** The day a month's stored findings were evaluated on, by month; null when it has none stored. */
    evaluatedOn: rowLoader(
      (periods) => evaluatedPeriods(db, periods),
      (row) => row.period,
    ),
    /** Stored findings by tax code, one loader per month. */
    storedFindings: loaderFamily((period) =>
      rowsLoader<FindingRow>(
        (codes) => storedFindings(db, period!, codes, scopeProvinceCode),
        (f) => f.taxCode,
      ),
    ),
    /** Findings evaluated on a caller's day, one loader per (month, day): the key is "YYYY-MM YYYY-MM-DD". */
    evaluatedFindings: loaderFamily((key) => {
      const [period, onDay] = key!.split(" ");
      return rowsLoader<FindingRow>(
        (codes) => evaluatedFindings(db, period, onDay, legalBaseSalaryOn(`${period}-01`), codes, scopeProvinceCode),
        (f) => f.taxCode,
      );
    }),
  };
}

export type ComplianceLoaders = ReturnType<typeof createComplianceLoaders>;
