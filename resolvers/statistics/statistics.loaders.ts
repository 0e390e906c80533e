import type { Database } from "../../src/database";
import { loaderFamily, rowLoader } from "../../src/graphql/loaders";
import { formerLabourForces, labourForces, labourForcesAsOf } from "./statistics.queries";

/** Per-request loaders for the statistics office's data, limited to the principal's province when it has one. */
export function createStatisticsLoaders(db: Database, scopeProvinceCode: string | undefined) {
  // Out-of-scope provinces are never asked for, so their figures are never read.
  const inScope = (codes: readonly string[]) => (scopeProvinceCode === undefined ? codes : codes.filter((code) => code === scopeProvinceCode));
  return {
    /** Labour force by province code, one loader per requested period (undefined = latest). */
    labourForce: loaderFamily((period) =>
      rowLoader(
        (codes) => labourForces(db, inScope(codes), period),
        (s) => s.provinceCode,
      ),
    ),
    /** Labour force by province code as known at an instant, one loader per (period, instant): the key is JSON of both. */
    labourForceAsOf: loaderFamily((key) => {
      const { period, asOf } = JSON.parse(key!) as { period?: string; asOf: string };
      return rowLoader(
        (codes) => labourForcesAsOf(db, inScope(codes), period, new Date(asOf)),
        (s) => s.provinceCode,
      );
    }),
    /** A former province's own labour force by its code, one loader per (province in force, period): the key is JSON of both. */
    formerLabourForce: loaderFamily((key) => {
      const { successorCode, period } = JSON.parse(key!) as { successorCode: string; period?: string };
      const visible = scopeProvinceCode === undefined || scopeProvinceCode === successorCode;
      return rowLoader(
        (codes) => (visible ? formerLabourForces(db, codes, successorCode, period) : Promise.resolve([])),
        (s) => s.provinceCode,
      );
    }),
  };
}

export type StatisticsLoaders = ReturnType<typeof createStatisticsLoaders>;
