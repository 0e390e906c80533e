import { Arg, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { LabourForceStat, Province, Source } from "../../entities";
import type { RequestContext } from "../../src/context";
import type { Resolved } from "../../src/domains/references";
import { badUserInput } from "../../src/errors";
import { checkPeriod, checkProvinceCode } from "../../src/graphql/arguments";
import { DateTimeScalar } from "../../src/graphql/scalars";

/** The statistics office's fields on the shared Province. */
@Resolver(() => Province)
export class ProvinceStatisticsResolver {
  @FieldResolver(() => LabourForceStat, {
    nullable: true,
    description:
      "Labour-force figures from the statistics office (lực lượng lao động) for a quarter or year; the latest when no period is given. A period ending before 1 July 2025 was published for the 63 provinces of the time: it is answered as the sum of the former provinces merged into this one (null unless every one of them reported), or, with `formerProvinceCode`, as that former province's own figures.",
  })
  labourForce(
    @Root() province: Province,
    @Arg("period", () => String, { nullable: true, description: "Quarter (YYYY-Qn) or year (YYYY)." }) period: string | null,
    @Arg("asOf", () => DateTimeScalar, {
      nullable: true,
      description:
        "Answer as the hub knew it at this instant: a later batch for the same period supersedes figures, and the superseded ones stay readable here. Now when not given.",
    })
    asOf: Date | null,
    @Arg("formerProvinceCode", () => String, {
      nullable: true,
      description:
        "A former province merged into this one (see formerProvinces), e.g. 06 (Bắc Kạn) in 19 (Thái Nguyên): its own series before 1 July 2025 (số liệu tỉnh cũ).",
    })
    formerProvinceCode: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<LabourForceStat | null> {
    const checked = checkPeriod("period", period, ["quarter", "year"]);
    if (formerProvinceCode !== null && formerProvinceCode !== undefined) {
      if (asOf)
        throw badUserInput(
          "asOf",
          "a former province's series is answered as the hub knows it now; leave asOf out with formerProvinceCode",
          asOf.toISOString(),
        );
      const code = checkProvinceCode("formerProvinceCode", formerProvinceCode);
      return ctx.loaders.statistics.formerLabourForce(JSON.stringify({ successorCode: province.code, period: checked })).load(code);
    }
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
