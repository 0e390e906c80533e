import type { Database } from "../../src/database";
import { loaderFamily, rowLoader } from "../../src/graphql/loaders";
import { headcounts, headcountsAsOf } from "./tax.queries";

/** Per-request loaders for the tax authority's data, limited to the principal's province when it has one. */
export function createTaxLoaders(db: Database, scopeProvinceCode: string | undefined) {
  return {
    /** Headcount by tax code, one loader per requested period (undefined = latest). */
    headcount: loaderFamily((period) =>
      rowLoader(
        (codes) => headcounts(db, codes, period, scopeProvinceCode),
        (h) => h.taxCode,
      ),
    ),
    /** Headcount by tax code as known at an instant, one loader per (period, instant): the key is JSON of both. */
    headcountAsOf: loaderFamily((key) => {
      const { period, asOf } = JSON.parse(key!) as { period?: string; asOf: string };
      return rowLoader(
        (codes) => headcountsAsOf(db, codes, period, new Date(asOf), scopeProvinceCode),
        (h) => h.taxCode,
      );
    }),
  };
}

export type TaxLoaders = ReturnType<typeof createTaxLoaders>;
