import type { Database } from "../../src/database";
import { loaderFamily, rowLoader } from "../../src/graphql/loaders";
import { labourForces } from "./statistics.queries";

/** Per-request loaders for the statistics office's data. */
export function createStatisticsLoaders(db: Database) {
  return {
    /** Labour force by province code, one loader per requested period (undefined = latest). */
    labourForce: loaderFamily((period) => rowLoader((codes) => labourForces(db, codes, period), (s) => s.provinceCode)),
  };
}

export type StatisticsLoaders = ReturnType<typeof createStatisticsLoaders>;
