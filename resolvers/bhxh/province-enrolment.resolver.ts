import { Arg, Ctx, FieldResolver, Resolver, Root, Subscription } from "type-graphql";
import { Province, Source } from "../../entities";
import { ProvinceEnrolment } from "../../entities/bhxh/province-enrolment.entity";
import type { RequestContext } from "../../src/context";
import type { Resolved } from "../../src/domains/references";
import { checkPeriod, checkProvinceCode } from "../../src/graphql/arguments";
import { periodProblem } from "../../src/identifiers";
import type { BatchAppliedEvent } from "../../src/live/batch-events";
import { subscribedByTheHubOnly, type LiveField, type QueryPath } from "../../src/live/live-field";

/** BHXH's totals on the shared Province: an aggregate of its units' months, computed in SQL. */
@Resolver(() => Province)
export class ProvinceBhxhResolver {
  @FieldResolver(() => ProvinceEnrolment, {
    nullable: true,
    description: "The province's BHXH totals for a month (tổng hợp tham gia BHXH); its latest month with enrolment when no period is given.",
  })
  enrolment(
    @Root() province: Province,
    @Arg("period", () => String, { nullable: true, description: "Month, YYYY-MM." }) period: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ProvinceEnrolment | null> {
    const month = checkPeriod("period", period, ["month"]);
    return ctx.loaders.bhxh.provinceEnrolment(month).load(province.code);
  }
}

@Resolver(() => ProvinceEnrolment)
export class ProvinceEnrolmentResolver {
  @FieldResolver(() => Province, { description: "The province the totals are for." })
  province(@Root() totals: ProvinceEnrolment, @Ctx() ctx: RequestContext): Resolved<Province> {
    return ctx.entity<Province>("Province", totals.provinceCode);
  }

  @FieldResolver(() => Source, { nullable: true, description: "The BHXH batch that most recently delivered rows into these totals." })
  source(@Root() totals: ProvinceEnrolment, @Ctx() ctx: RequestContext): Resolved<Source> {
    return ctx.entity<Source>("Source", totals.batchId);
  }

  @Subscription(() => ProvinceEnrolment, {
    nullable: true,
    subscribe: subscribedByTheHubOnly,
    description: "The province's BHXH totals after each BHXH batch that changed its units' months, for the month the batch covers.",
  })
  enrolmentChanged(
    @Root() event: BatchAppliedEvent,
    @Arg("provinceCode", () => String, { description: "Two-digit province code, e.g. 79 (Thành phố Hồ Chí Minh)." }) provinceCode: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ProvinceEnrolment | null> {
    return ctx.loaders.bhxh.provinceEnrolment(monthOf(event)).load(provinceCode);
  }
}

/** The month a BHXH batch covers; a batch that names none (or another kind of period) changed the latest. */
function monthOf(event: BatchAppliedEvent): string | undefined {
  return event.period !== null && periodProblem(event.period, ["month"]) === null ? event.period : undefined;
}

export const enrolmentChangedField: LiveField = {
  field: "enrolmentChanged",
  start(args) {
    const provinceCode = checkProvinceCode("provinceCode", String(args.provinceCode));
    return (event) => event.domain === "bhxh" && event.provinceCodes.includes(provinceCode);
  },
  asQuery: (args, event): QueryPath => [
    { field: "province", args: { code: String(args.provinceCode) } },
    { field: "enrolment", args: { period: monthOf(event) ?? null } },
  ],
};
