import { Arg, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Enterprise, Source, TaxHeadcount } from "../../entities";
import type { RequestContext } from "../../src/context";
import type { Resolved } from "../../src/domains/references";
import { checkPeriod } from "../../src/graphql/arguments";
import { DateTimeScalar } from "../../src/graphql/scalars";

/** The tax authority's fields on the shared Enterprise, joined by tax code. */
@Resolver(() => Enterprise)
export class EnterpriseTaxResolver {
  @FieldResolver(() => TaxHeadcount, {
    nullable: true,
    description: "Employees on the enterprise's PIT withholding declaration for a quarter, from the tax authority (số lao động theo cơ quan thuế).",
  })
  taxHeadcount(
    @Root() enterprise: Enterprise,
    @Arg("period", () => String, { nullable: true, description: "Quarter, YYYY-Qn; the latest reported when not given." }) period: string | null,
    @Arg("asOf", () => DateTimeScalar, {
      nullable: true,
      description:
        "Answer as the hub knew it at this instant: a later batch for the same quarter supersedes figures, and the superseded ones stay readable here. Now when not given.",
    })
    asOf: Date | null,
    @Ctx() ctx: RequestContext,
  ): Promise<TaxHeadcount | null> {
    const quarter = checkPeriod("period", period, ["quarter"]);
    // The current rows answer the present; only a question about the past reads the history.
    if (asOf === null || asOf === undefined) return ctx.loaders.tax.headcount(quarter).load(enterprise.taxCode);
    return ctx.loaders.tax.headcountAsOf(JSON.stringify({ period: quarter, asOf: asOf.toISOString() })).load(enterprise.taxCode);
  }
}

@Resolver(() => TaxHeadcount)
export class TaxHeadcountResolver {
  @FieldResolver(() => Source, { description: "The tax batch these figures came in." })
  source(@Root() headcount: TaxHeadcount, @Ctx() ctx: RequestContext): Resolved<Source> {
    return ctx.entity<Source>("Source", headcount.batchId);
  }
}
