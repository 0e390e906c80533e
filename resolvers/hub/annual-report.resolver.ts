import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import { Province } from "../../entities";
import { ANNUAL_REPORT_DUE, AnnualReport, ArrearsTotals, FindingCount, InspectionHandoverTotals } from "../../entities/hub/annual-report.entity";
import { Coverage, CoverageProgress } from "../../entities/hub/coverage.entity";
import type { RequestContext } from "../../src/context";
import type { Resolved } from "../../src/domains/references";
import { badUserInput } from "../../src/errors";
import { checkProvinceCode } from "../../src/graphql/arguments";
import { arrearsTotals, findingCounts, reportMonth } from "./annual-report.queries";
import { handoverTotals } from "./inspection-handover.queries";
import { COVERAGE_FLOOR_PERCENT } from "./coverage-progress";
import { referenceSnapshot } from "./reference-snapshot";
import { checkYear, nationalProgress, provinceProgress } from "./coverage.resolver";

/** The yearly report before 5 December: the hub's analytics for one year and area, each part granted by its own mandates. */
@Resolver(() => AnnualReport)
export class AnnualReportResolver {
  @Query(() => AnnualReport, {
    nullable: true,
    description:
      "The yearly report on social insurance for a province, or the nation when no province is given (báo cáo năm, due before 5 December). A principal limited to a province reports on that province; another province's report is null for it.",
  })
  async annualReport(
    @Arg("year", () => Int, { description: "The year reported on." }) year: number,
    @Arg("provinceCode", () => String, {
      nullable: true,
      description: "Province code in force; the nation when not given (or your province, when your token names one).",
    })
    provinceCode: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<AnnualReport | null> {
    const checkedYear = checkYear(year);
    if (checkedYear === undefined) throw badUserInput("year", "the year reported on is required", year);
    const asked = provinceCode == null ? null : checkProvinceCode("provinceCode", provinceCode);
    const own = ctx.principal?.provinceCode ?? null;
    if (own !== null && asked !== null && asked !== own) return null;
    const area = asked ?? own;
    return { year: checkedYear, provinceCode: area, dueBefore: `${checkedYear}${ANNUAL_REPORT_DUE}`, month: await reportMonth(ctx.db, checkedYear, area) };
  }

  @FieldResolver(() => Province, { nullable: true, description: "The province reported on; null for the nation." })
  province(@Root() report: AnnualReport, @Ctx() ctx: RequestContext): Resolved<Province> {
    return report.provinceCode === null ? null : ctx.entity<Province>("Province", report.provinceCode);
  }

  @FieldResolver(() => Coverage, { nullable: true, description: "Participants and coverage in the report's month (số người tham gia, tỷ lệ bao phủ)." })
  async coverage(@Root() report: AnnualReport, @Ctx() ctx: RequestContext): Promise<Coverage | null> {
    if (report.month === null) return null;
    return report.provinceCode === null
      ? ctx.loaders.hub.nationalCoverage(report.month)
      : ctx.loaders.hub.provinceCoverage(report.month).load(report.provinceCode);
  }

  @FieldResolver(() => CoverageProgress, { nullable: true, description: "Coverage in the report's month against the year's targets (so với chỉ tiêu)." })
  progress(@Root() report: AnnualReport, @Ctx() ctx: RequestContext): Promise<CoverageProgress | null> | null {
    if (report.month === null) return null;
    return report.provinceCode === null ? nationalProgress(ctx, report.month) : provinceProgress(ctx, report.provinceCode, report.month);
  }

  @FieldResolver(() => [Coverage], {
    nullable: true,
    description: `Provinces whose coverage in the report's month is under ${COVERAGE_FLOOR_PERCENT}% of the working-age labour force (tỉnh dưới ${COVERAGE_FLOOR_PERCENT}%), lowest first: every such province for the nation, the province itself (or none) for a province. Communes are not listed: the statistics office publishes no commune labour force.`,
  })
  async provincesBelowFloor(@Root() report: AnnualReport, @Ctx() ctx: RequestContext): Promise<Coverage[] | null> {
    if (report.month === null) return null;
    const codes = report.provinceCode === null ? [...(await referenceSnapshot(ctx.db)).provinces.keys()] : [report.provinceCode];
    const coverages = await ctx.loaders.hub.provinceCoverage(report.month).loadMany(codes);
    return coverages
      .filter((c): c is Coverage => c !== null && !(c instanceof Error) && c.rate !== null && c.rate < COVERAGE_FLOOR_PERCENT)
      .sort((a, b) => a.rate! - b.rate!);
  }

  @FieldResolver(() => [FindingCount], {
    nullable: true,
    description: "Enterprises by compliance finding in the report's month (doanh nghiệp vi phạm theo loại).",
  })
  findings(@Root() report: AnnualReport, @Ctx() ctx: RequestContext): Promise<FindingCount[]> | null {
    return report.month === null ? null : findingCounts(ctx.db, report.month, report.provinceCode);
  }

  @FieldResolver(() => ArrearsTotals, { nullable: true, description: "Arrears past the payment deadline in the report's month (nợ đóng)." })
  arrears(@Root() report: AnnualReport, @Ctx() ctx: RequestContext): Promise<ArrearsTotals> | null {
    return report.month === null ? null : arrearsTotals(ctx.db, report.month, report.provinceCode);
  }

  @FieldResolver(() => InspectionHandoverTotals, {
    nullable: true,
    description: "Inspection lists handed over for the year's quarters (danh sách đã chuyển thanh tra).",
  })
  inspectionsHandedOver(@Root() report: AnnualReport, @Ctx() ctx: RequestContext): Promise<InspectionHandoverTotals> {
    return handoverTotals(ctx.db, report.year, report.provinceCode);
  }
}
