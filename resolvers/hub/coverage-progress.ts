import type { Coverage, CoverageProgress, CoverageTarget } from "../../entities/hub/coverage.entity";
import { PROVINCE_MERGER_EFFECTIVE_DATE } from "../../src/reference-data/provinces";

/** Coverage below this share of the working-age labour force must be planned up (MOLISA letter of 13 May 2015 on Directive 05/CT-TTg). */
export const COVERAGE_FLOOR_PERCENT = 20;

const MEASURES = ["participants", "socialInsuranceRate", "unemploymentInsuranceRate"] as const;

/**
 * Coverage against the targets for `year`. `direct` are the scope's own rows for the year, newest
 * published first: each measure comes from the newest row that sets it. `former` are the rows of
 * the former provinces merged into it (a province before the merger) and `formerCount` how many
 * there are: their participant targets are summed when every one has one. Target rows are a
 * handful of published figures, so they are combined here rather than in SQL.
 */
export function progressOf(
  year: number,
  coverage: Coverage | null,
  direct: readonly CoverageTarget[],
  former: readonly CoverageTarget[],
  formerCount: number,
): CoverageProgress {
  const used = new Set<CoverageTarget>();
  const target: Partial<Record<(typeof MEASURES)[number], number>> = {};
  for (const measure of MEASURES) {
    const row = direct.find((t) => t[measure] !== null);
    if (row) {
      target[measure] = row[measure]!;
      used.add(row);
    }
  }
  if (target.participants === undefined && year <= Number(PROVINCE_MERGER_EFFECTIVE_DATE.slice(0, 4)) && formerCount > 0) {
    const newestPerFormer = new Map<string, CoverageTarget>();
    for (const row of former) if (row.participants !== null && !newestPerFormer.has(row.scopeCode)) newestPerFormer.set(row.scopeCode, row);
    if (newestPerFormer.size === formerCount) {
      target.participants = [...newestPerFormer.values()].reduce((sum, row) => sum + row.participants!, 0);
      for (const row of newestPerFormer.values()) used.add(row);
    }
  }
  const gap = (wanted: number | undefined, actual: number | null | undefined, points: boolean) =>
    wanted === undefined || actual === null || actual === undefined ? null : points ? Math.round((wanted - actual) * 100) / 100 : wanted - actual;
  const targets = [...used];
  const reason =
    targets.length === 0
      ? `no coverage target is published for ${year}`
      : coverage?.rate === null || coverage === null
        ? (coverage?.reason ?? "no coverage for the period")
        : null;
  return {
    year,
    coverage,
    participantsTarget: target.participants ?? null,
    participantGap: gap(target.participants, coverage?.participants, false),
    rateTarget: target.socialInsuranceRate ?? null,
    rateGapPoints: gap(target.socialInsuranceRate, coverage?.rate, true),
    unemploymentInsuranceRateTarget: target.unemploymentInsuranceRate ?? null,
    unemploymentInsuranceRateGapPoints: gap(target.unemploymentInsuranceRate, coverage?.unemploymentInsuranceRate, true),
    legalBasis: targets.length === 0 ? null : [...new Set(targets.map((t) => t.legalBasis))],
    reason,
    targets,
  };
}
