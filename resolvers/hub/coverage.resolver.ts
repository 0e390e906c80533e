import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import { Province, Source } from "../../entities";
import { Coverage, CoverageProgress, CoverageTarget, PAIRING_RULE } from "../../entities/hub/coverage.entity";
import type { RequestContext } from "../../src/context";
import { badUserInput } from "../../src/errors";
import { checkPeriod } from "../../src/graphql/arguments";
import { COVERAGE_FLOOR_PERCENT, progressOf } from "./coverage-progress";

const PERIOD_DESCRIPTION = `Month (YYYY-MM), quarter (YYYY-Qn) or year (YYYY); BHXH's latest month when not given. ${PAIRING_RULE}`;
const YEAR_DESCRIPTION = "The target year; every year when not given.";

/** The period asked for, checked, or BHXH's latest month (read once per request). */
async function periodOf(period: string | null | undefined, ctx: RequestContext): Promise<string | null> {
  const checked = checkPeriod("period", period, ["month", "quarter", "year"]);
  return checked ?? ctx.loaders.hub.latestEnrolmentMonth();
}

/** A target or report year, checked: from 2000 to 2100. */
export function checkYear(year: number | null | undefined): number | undefined {
  if (year === null || year === undefined) return undefined;
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badUserInput("year", "a target year is from 2000 to 2100", year);
  return year;
}

/** A province's coverage for `period` against its targets (and its former provinces') for the period's year; null without coverage. */
export async function provinceProgress(ctx: RequestContext, provinceCode: string, period: string): Promise<CoverageProgress | null> {
  const coverage = await ctx.loaders.hub.provinceCoverage(period).load(provinceCode);
  if (coverage === null) return null;
  const year = Number(period.slice(0, 4));
  const [rows, formers] = await Promise.all([
    ctx.loaders.hub.provinceTargets(String(year)).load(provinceCode),
    ctx.loaders.hub.formerProvincesBySuccessor.load(provinceCode),
  ]);
  return progressOf(
    year,
    coverage,
    rows.filter((t) => t.scopeKind === "province"),
    rows.filter((t) => t.scopeKind === "former-province"),
    formers.length,
  );
}

/** The nation's coverage for `period` against the national targets for its year; null without coverage (or for a provincial principal). */
export async function nationalProgress(ctx: RequestContext, period: string): Promise<CoverageProgress | null> {
  const coverage = await ctx.loaders.hub.nationalCoverage(period);
  if (coverage === null) return null;
  const year = Number(period.slice(0, 4));
  return progressOf(year, coverage, await ctx.loaders.hub.nationalTargets(year), [], 0);
}

/** The hub's coverage analytics on the shared Province: coverage, targets, progress and the 20% floor. */
@Resolver(() => Province)
export class ProvinceCoverageResolver {
  @FieldResolver(() => Coverage, {
    nullable: true,
    description:
      "The province's social-insurance coverage for a period (tỷ lệ bao phủ BHXH): participants over the working-age labour force, both sides with their batches. Per commune it is not given: the statistics office publishes no commune labour force.",
  })
  async coverage(
    @Root() province: Province,
    @Arg("period", () => String, { nullable: true, description: PERIOD_DESCRIPTION }) period: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Coverage | null> {
    const asked = await periodOf(period, ctx);
    return asked === null ? null : ctx.loaders.hub.provinceCoverage(asked).load(province.code);
  }

  @FieldResolver(() => [CoverageTarget], {
    description:
      "Coverage targets set for the province (chỉ tiêu), and for the former provinces merged into it before 1 July 2025, by year, newest published first.",
  })
  targets(
    @Root() province: Province,
    @Arg("year", () => Int, { nullable: true, description: YEAR_DESCRIPTION }) year: number | null,
    @Ctx() ctx: RequestContext,
  ): Promise<CoverageTarget[]> {
    const checked = checkYear(year);
    return ctx.loaders.hub.provinceTargets(checked === undefined ? undefined : String(checked)).load(province.code);
  }

  @FieldResolver(() => CoverageProgress, {
    nullable: true,
    description: "The province's coverage against its targets for the period's year (tiến độ thực hiện chỉ tiêu).",
  })
  async progress(
    @Root() province: Province,
    @Arg("period", () => String, { nullable: true, description: PERIOD_DESCRIPTION }) period: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<CoverageProgress | null> {
    const asked = await periodOf(period, ctx);
    return asked === null ? null : provinceProgress(ctx, province.code, asked);
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: `True when the province's coverage for the period is under ${COVERAGE_FLOOR_PERCENT}% of its working-age labour force (exactly ${COVERAGE_FLOOR_PERCENT}% is not under): the MOLISA letter of 13 May 2015 on Directive 05/CT-TTg asks such provinces to plan urgently to expand coverage. Null when the rate is null.`,
  })
  async belowCoverageFloor(
    @Root() province: Province,
    @Arg("period", () => String, { nullable: true, description: PERIOD_DESCRIPTION }) period: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean | null> {
    const asked = await periodOf(period, ctx);
    if (asked === null) return null;
    const coverage = await ctx.loaders.hub.provinceCoverage(asked).load(province.code);
    return coverage?.rate === null || coverage === null ? null : coverage.rate < COVERAGE_FLOOR_PERCENT;
  }
}

/** The nation's coverage, targets and progress. */
@Resolver()
export class NationalCoverageResolver {
  @Query(() => Coverage, {
    nullable: true,
    description:
      "The nation's social-insurance coverage for a period: the 34 provinces summed, over a statistics period every province has. Null for a principal limited to a province.",
  })
  async coverage(
    @Arg("period", () => String, { nullable: true, description: PERIOD_DESCRIPTION }) period: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Coverage | null> {
    const asked = await periodOf(period, ctx);
    return asked === null ? null : ctx.loaders.hub.nationalCoverage(asked);
  }

  @Query(() => [CoverageTarget], { description: "The nation's coverage targets (e.g. Resolution 28-NQ/TW, 403/NQ-CP), by year, newest published first." })
  coverageTargets(
    @Arg("year", () => Int, { nullable: true, description: YEAR_DESCRIPTION }) year: number | null,
    @Ctx() ctx: RequestContext,
  ): Promise<CoverageTarget[]> {
    return ctx.loaders.hub.nationalTargets(checkYear(year));
  }

  @Query(() => CoverageProgress, {
    nullable: true,
    description: "The nation's coverage against its targets for the period's year. Null for a principal limited to a province.",
  })
  async coverageProgress(
    @Arg("period", () => String, { nullable: true, description: PERIOD_DESCRIPTION }) period: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<CoverageProgress | null> {
    const asked = await periodOf(period, ctx);
    return asked === null ? null : nationalProgress(ctx, asked);
  }
}

@Resolver(() => Coverage)
export class CoverageResolver {
  @FieldResolver(() => [Source], { nullable: true, description: "The BHXH batches the participants came in (enrolment and voluntary participants)." })
  numeratorSources(@Root() coverage: Coverage, @Ctx() ctx: RequestContext): Promise<(Source | null)[]> {
    return Promise.all(coverage.numeratorBatchIds.map((id) => ctx.loaders.hub.sourceByBatchId.load(id)));
  }

  @FieldResolver(() => [Source], { nullable: true, description: "The statistics batches the labour force came in." })
  denominatorSources(@Root() coverage: Coverage, @Ctx() ctx: RequestContext): Promise<(Source | null)[]> {
    return Promise.all(coverage.denominatorBatchIds.map((id) => ctx.loaders.hub.sourceByBatchId.load(id)));
  }
}

@Resolver(() => CoverageProgress)
export class CoverageProgressResolver {
  @FieldResolver(() => [CoverageTarget], { nullable: true, description: "The target rows the gaps were measured against." })
  targets(@Root() progress: CoverageProgress): CoverageTarget[] {
    return progress.targets;
  }
}

@Resolver(() => CoverageTarget)
export class CoverageTargetResolver {
  @FieldResolver(() => Source, { nullable: true, description: "The targets batch it was published in." })
  source(@Root() target: CoverageTarget, @Ctx() ctx: RequestContext): Promise<Source | null> | Source | null {
    return ctx.loaders.hub.sourceByBatchId.load(target.batchId);
  }
}
