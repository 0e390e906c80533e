import { Arg, Ctx, Resolver, Root, Subscription } from "type-graphql";
import { Enterprise, IngestBatch } from "../../entities";
import type { RequestContext } from "../../src/context";
import { DOMAINS } from "../../src/domains";
import type { Domain } from "../../src/domains/domain";
import { ErrorCode, badUserInput } from "../../src/errors";
import { checkTaxCode } from "../../src/graphql/arguments";
import type { BatchAppliedEvent } from "../../src/live/batch-events";
import { subscribedByTheHubOnly, type LiveField } from "../../src/live/live-field";
import { GraphQLError } from "graphql";

/** Domains whose batches can be followed, by name. Read when asked: the list of domains includes this one's module. */
const domainNames = () => (DOMAINS as readonly Domain[]).map((domain) => domain.name);

/** Updates out: the hub's Subscription root fields, each event resolved like a query with a fresh context. */
@Resolver()
export class LiveResolver {
  @Subscription(() => IngestBatch, {
    nullable: true,
    subscribe: subscribedByTheHubOnly,
    description: "Each batch a domain's owner has applied (lô dữ liệu đã nhận), as it commits, on any replica of the hub.",
  })
  batchApplied(
    @Root() event: BatchAppliedEvent,
    @Arg("domain", () => String, { description: "The domain whose batches to follow: registry, tax, statistics, bhxh or hub." }) _domain: string,
    @Ctx() ctx: RequestContext,
  ): Promise<IngestBatch | null> {
    return ctx.loaders.hub.batchById.load(event.batchId);
  }

  @Subscription(() => Enterprise, {
    nullable: true,
    subscribe: subscribedByTheHubOnly,
    description: "The enterprise each time a batch of any owner (registry, tax, BHXH) changes its rows; select any of its fields, as in a query.",
  })
  async enterpriseChanged(
    @Root() event: BatchAppliedEvent,
    @Arg("taxCode", () => String, { description: "Tax code (mã số thuế) of the enterprise to follow: 10 digits, or 13 for a branch." }) taxCode: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Enterprise | null> {
    const enterprise = await ctx.entity<Enterprise>("Enterprise", taxCode);
    // A batch of many enterprises names only its provinces: an enterprise elsewhere did not change.
    if (enterprise && event.taxCodes === null && enterprise.provinceCode !== undefined && !event.provinceCodes.includes(enterprise.provinceCode)) return null;
    return enterprise;
  }
}

export const batchAppliedField: LiveField = {
  field: "batchApplied",
  start(args, access) {
    const domain = String(args.domain);
    const owner = (DOMAINS as readonly Domain[]).find((candidate) => candidate.name === domain);
    if (!owner) throw badUserInput("domain", `it names no domain of this hub; one of ${domainNames().join(", ")}`, domain);
    if (!access.readsBatchesOf(owner.agency)) {
      throw new GraphQLError(
        `Subscription.batchApplied is refused for domain ${domain}: its batches are read by ${owner.agency ? `the agency that delivers them (${owner.agency}) and ` : ""}the hub's operators (role operator).`,
        { extensions: { code: ErrorCode.FORBIDDEN, field: "Subscription.batchApplied" } },
      );
    }
    return (event) => event.domain === domain;
  },
};

export const enterpriseChangedField: LiveField = {
  field: "enterpriseChanged",
  start(args) {
    const taxCode = checkTaxCode("taxCode", String(args.taxCode));
    // A batch naming more enterprises than an event holds says null: the resolver then checks the enterprise's province.
    return (event) => (event.taxCodes === null ? event.domain !== "statistics" : event.taxCodes.includes(taxCode));
  },
  asQuery: (args) => [{ field: "enterprise", args: { taxCode: String(args.taxCode) } }],
};
