import type { Database } from "../../src/database";
import { rowLoader } from "../../src/graphql/loaders";
import * as queries from "./registry.queries";

/** Per-request loaders for the registry, limited to the principal's province when it has one. */
export function createRegistryLoaders(db: Database, scopeProvinceCode: string | undefined) {
  return {
    enterpriseByTaxCode: rowLoader((codes) => queries.enterprisesByTaxCode(db, codes, scopeProvinceCode), (e) => e.taxCode),
  };
}

export type RegistryLoaders = ReturnType<typeof createRegistryLoaders>;
