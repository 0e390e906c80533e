import type { Database } from "../../src/database";
import { rowLoader } from "../../src/graphql/loaders";
import * as queries from "./registry.queries";

/** Per-request loaders for the registry, limited to the principal's province, and its industrial zones, when it has them. */
export function createRegistryLoaders(db: Database, scopeProvinceCode: string | undefined, scopeZoneCodes?: readonly string[]) {
  return {
    enterpriseByTaxCode: rowLoader(
      (codes) => queries.enterprisesByTaxCode(db, codes, scopeProvinceCode, scopeZoneCodes),
      (e) => e.taxCode,
    ),
  };
}

export type RegistryLoaders = ReturnType<typeof createRegistryLoaders>;
