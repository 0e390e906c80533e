import type { Database } from "../../src/database";
import { loaderFamily, rowLoader, rowsLoader } from "../../src/graphql/loaders";
import { latestEnrolmentMonth, nationalCoverage, nationalTargets, provinceCoverage, provinceTargets } from "./coverage.queries";

/**
 * Per-request loaders of the hub's coverage analytics. A principal limited to a province sees its
 * province's coverage only, and no national figure (which would hold the others'); targets are
 * published documents, open to all.
 */
export function createCoverageLoaders(db: Database, scopeProvinceCode: string | undefined) {
  const inScope = (codes: readonly string[]) => (scopeProvinceCode === undefined ? codes : codes.filter((code) => code === scopeProvinceCode));
  let national: Map<string, ReturnType<typeof nationalCoverage>> | undefined;
  let latestMonth: Promise<string | null> | undefined;
  return {
    /** BHXH's latest month with participants: the period coverage answers when none is asked, read once per request. */
    latestEnrolmentMonth: () => (latestMonth ??= latestEnrolmentMonth(db)),
    /** Coverage by province code, one loader per period. */
    provinceCoverage: loaderFamily((period) =>
      rowLoader(
        (codes) => provinceCoverage(db, inScope(codes), period!),
        (c) => c.scope,
      ),
    ),
    /** The nation's coverage for a period, read once per request; null for a principal limited to a province. */
    nationalCoverage(period: string) {
      if (scopeProvinceCode !== undefined) return Promise.resolve(null);
      national ??= new Map();
      if (!national.has(period)) national.set(period, nationalCoverage(db, period));
      return national.get(period)!;
    },
    /** Targets by province in force (its own and its former provinces'), one loader per year ("" for all). */
    provinceTargets: loaderFamily((year) =>
      rowsLoader(
        (codes) => provinceTargets(db, codes, year ? Number(year) : undefined),
        (t) => t.provinceCode,
      ),
    ),
    nationalTargets: (year: number | undefined) => nationalTargets(db, year),
  };
}

export type CoverageLoaders = ReturnType<typeof createCoverageLoaders>;
