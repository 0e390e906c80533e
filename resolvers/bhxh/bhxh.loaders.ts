import type { Database } from "../../src/database";
import { loaderFamily, rowLoader } from "../../src/graphql/loaders";
import { enrolments, unitsByTaxCode } from "./bhxh.queries";

/** Per-request loaders for Vietnam Social Security's data, limited to the principal's province when it has one. */
export function createBhxhLoaders(db: Database, scopeProvinceCode: string | undefined) {
  return {
    unitByTaxCode: rowLoader((codes) => unitsByTaxCode(db, codes, scopeProvinceCode), (u) => u.taxCode),
    /** Enrolment by unit code, one loader per requested month (undefined = latest). */
    enrolment: loaderFamily((period) => rowLoader((codes) => enrolments(db, codes, period, scopeProvinceCode), (e) => e.unitCode)),
  };
}

export type BhxhLoaders = ReturnType<typeof createBhxhLoaders>;
