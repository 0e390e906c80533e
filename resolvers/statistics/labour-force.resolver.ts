import { Arg, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { LabourForceStat, Province, Source } from "../../entities";
import type { RequestContext } from "../../src/context";
import type { Resolved } from "../../src/domains/references";
import { checkPeriod } from "../../src/graphql/arguments";
import { DateTimeScalar } from "../../src/graphql/scalars";

/** The statistics office's fields on the shared Province. */
@Resolver(() => Province)
export class ProvinceStatisticsResolver {
  @FieldResolver(() => LabourForceStat, {
    nullable: true,
    description: "Labour-force figures from the statistics office (lực lượng lao động) for a quarter or year; the latest when no period is given.",
  })
  labourForce(
    @Root() province: Province,
    @Arg("period", () => String, { nullable: true, description: "Quarter (YYYY-Qn) or year (YYYY)." }) period: string | null,
    @Arg("asOf", () => DateTimeScalar, {
      nullable: true,
      description: "Answer as the hub knew it at this instant: a later batch for the same period supersedes figures, and the superseded ones stay readable here. Now when not given.",
    })
    asOf: Date | null,
    @Ctx() ctx: RequestContext,
  ): Promise<LabourForceStat | null> {
    const checked = checkPeriod("period", period, ["quarter", "year"]);
    // The current rows answer the present (the hot nested read); only a question about the past reads the history.
    if (asOf === null || asOf === undefined) return ctx.loaders.statistics.labourForce(checked).load(province.code);
    return ctx.loaders.statistics.labourForceAsOf(JSON.stringify({ period: checked, asOf: asOf.toISOString() })).load(province.code);
  }
}

@Resolver(() => LabourForceStat)
export class LabourForceStatResolver {
  @FieldResolver(() => Source, { description: "The statistics batch these figures came in." })
  source(@Root() stat: LabourForceStat, @Ctx() ctx: RequestContext): Resolved<Source> {
    return ctx.entity<Source>("Source", stat.batchId);
  }
}
