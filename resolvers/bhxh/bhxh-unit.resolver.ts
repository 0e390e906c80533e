import { Arg, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { BhxhUnit, Enrolment, Enterprise, Source } from "../../entities";
import type { RequestContext } from "../../src/context";
import type { Resolved } from "../../src/domains/references";
import { checkPeriod } from "../../src/graphql/arguments";

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
    @Ctx() ctx: RequestContext,
  ): Promise<Enrolment | null> {
    const month = checkPeriod("period", period, ["month"]);
    return ctx.loaders.bhxh.enrolment(month).load(unit.code);
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
