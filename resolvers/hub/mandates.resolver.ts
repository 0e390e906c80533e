import { Ctx, Query, Resolver } from "type-graphql";
import { MandateInfo } from "../../entities/hub/mandate-info.entity";
import type { RequestContext } from "../../src/context";

/** Lets an agency see which mandates it holds and why each does or does not apply now. */
@Resolver()
export class MandatesResolver {
  @Query(() => [MandateInfo], {
    description:
      "The mandates granted to your agency, with their legal basis, and whether each applies to this request (role, stated x-purpose, dates, province). Empty for anonymous requests.",
  })
  myMandates(@Ctx() ctx: RequestContext): MandateInfo[] {
    return ctx.access.mandatesOfMyAgency().map(({ mandate, reason }) => ({
      id: mandate.id,
      owner: mandate.owner,
      roles: mandate.grantee.roles,
      fields: mandate.fields,
      granularity: mandate.granularity,
      scope: mandate.scope,
      provinces: mandate.provinces ?? null,
      purposes: mandate.purposes,
      legalBasis: mandate.legalBasis,
      validFrom: mandate.validFromText,
      validTo: mandate.validToText ?? null,
      applies: reason === undefined,
      reason: reason ?? null,
    }));
  }
}
