import type { Database } from "../../src/database";
import { rowLoader } from "../../src/graphql/loaders";
import * as queries from "./registry.queries";

/** Per-request loaders for the registry. */
export function createRegistryLoaders(db: Database) {
  return {
    enterpriseByTaxCode: rowLoader((codes) => queries.enterprisesByTaxCode(db, codes), (e) => e.taxCode),
  };
}

export type RegistryLoaders = ReturnType<typeof createRegistryLoaders>;
