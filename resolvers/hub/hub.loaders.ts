import type { Database } from "../../src/database";
import { rowLoader, rowsLoader } from "../../src/graphql/loaders";
import * as queries from "./hub.queries";

/** Per-request loaders for the hub's reference data and batch provenance. */
export function createHubLoaders(db: Database) {
  return {
    provinceByCode: rowLoader((codes) => queries.provincesByCode(db, codes), (p) => p.code),
    formerProvincesBySuccessor: rowsLoader((codes) => queries.formerProvincesBySuccessor(db, codes), (f) => f.successorCode),
    sectorByCode: rowLoader((codes) => queries.sectorsByCode(db, codes), (s) => s.code),
    communeByCode: rowLoader((codes) => queries.communesByCode(db, codes), (c) => c.code),
    communesByProvince: rowsLoader((codes) => queries.communesByProvince(db, codes), (c) => c.provinceCode),
    industrialZoneByCode: rowLoader((codes) => queries.industrialZonesByCode(db, codes), (z) => z.code),
    sourceByBatchId: rowLoader((ids) => queries.sourcesByBatchId(db, ids), (s) => s.batchId),
  };
}

export type HubLoaders = ReturnType<typeof createHubLoaders>;
