import type { Database } from "../../src/database";
import { loaderFamily, rowLoader } from "../../src/graphql/loaders";
import { headcounts } from "./tax.queries";

/** Per-request loaders for the tax authority's data. */
export function createTaxLoaders(db: Database) {
  return {
    /** Headcount by tax code, one loader per requested period (undefined = latest). */
    headcount: loaderFamily((period) => rowLoader((codes) => headcounts(db, codes, period), (h) => h.taxCode)),
  };
}

export type TaxLoaders = ReturnType<typeof createTaxLoaders>;
