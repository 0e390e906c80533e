import { Arg, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { BhxhUnit, Enrolment, Enterprise, Source } from "../../entities";
import type { RequestContext } from "../../src/context";
import type { Resolved } from "../../src/domains/references";
import { checkPeriod } from "../../src/graphql/arguments";
import { DateTimeScalar } from "../../src/graphql/scalars";

/** BHXH's fields on the shared Enterprise, joined by tax code. */
@Resolver(() => Enterprise)
export class EnterpriseBhxhResolver {
  @FieldResolver(() => BhxhUnit, {
    nullable: true,
    description: "The enterprise's registration with Vietnam Social Security (đơn vị tham gia BHXH); null when it has not enrolled.",
  })
  bhxhUnit(@Root() enterprise: Enterprise, @Ctx() ctx: RequestContext): Promise<BhxhUnit | null> {
    return ctx.loaders.bhxh.unitByTaxCode.load(enterprise.taxCode);
  }
}

@Resolver(() => BhxhUnit)
export class BhxhUnitResolver {
  @FieldResolver(() => Enrolment, { nullable: true, description: "Enrolment and contributions for a month; the latest reported when no period is given." })
  enrolment(
    @Root() unit: BhxhUnit,
    @Arg("period", () => String, { nullable: true, description: "Month, YYYY-MM." }) period: string | null,
    @Arg("asOf", () => DateTimeScalar, {
      nullable: true,
      description:
        "Answer as the hub knew it at this instant: a later batch for the same month supersedes figures, and the superseded ones stay readable here. Now when not given.",
    })
    asOf: Date | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Enrolment | null> {
    const month = checkPeriod("period", period, ["month"]);
    // The current rows answer the present (the latest month comes primed with the unit); only a question about the past reads the history.
    if (asOf === null || asOf === undefined) return ctx.loaders.bhxh.enrolment(month).load(unit.code);
    return ctx.loaders.bhxh.enrolmentAsOf(JSON.stringify({ period: month, asOf: asOf.toISOString() })).load(unit.code);
  }

  @FieldResolver(() => Source, { nullable: true, description: "The BHXH batch this unit's registration came in." })
  source(@Root() unit: BhxhUnit, @Ctx() ctx: RequestContext): Resolved<Source> {
    return ctx.entity<Source>("Source", unit.batchId);
  }
}

@Resolver(() => Enrolment)
export class EnrolmentResolver {
  @FieldResolver(() => Source, { description: "The BHXH batch these figures came in." })
  source(@Root() enrolment: Enrolment, @Ctx() ctx: RequestContext): Resolved<Source> {
    return ctx.entity<Source>("Source", enrolment.batchId);
  }
}
