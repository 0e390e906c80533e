import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { IngestBatch } from "../../entities";
import type { RequestContext } from "../../src/context";
import { publishRows } from "../../src/ingest/publish-rows";
import { EnterpriseDissolutionInput, EnterpriseRowInput, enterpriseRowFields } from "./enterprise-row.input";
import { changeEnterprisesIngest, dissolveEnterprisesIngest, registerEnterprisesIngest } from "./registry.ingest";

const EXTRACT_DAY = "The day the registry's extract was taken, YYYY-MM-DD (Hà Nội); not in the future. It is the batch's period.";
const ANSWER =
  "All applied or none; at most 1,000 rows (larger extracts as CSV through POST /ingest/registry). Answers the batch record: APPLIED, REJECTED with each row's problems (rows[i] is line i + 2), or DUPLICATE when the same rows were already applied for that day.";

/** Small deltas of the business register, published by the registry's publishers (the door checks who). */
@Resolver()
export class EnterprisePublishResolver {
  // Nullable like every field the door may refuse: a refusal is null with FORBIDDEN on its path.
  @Mutation(() => IngestBatch, {
    nullable: true,
    description: `Registers new enterprises and branches (đăng ký thành lập) as one batch; a tax code the registry holds is refused. ${ANSWER}`,
  })
  registerEnterprises(
    @Arg("period", { description: EXTRACT_DAY }) period: string,
    @Arg("rows", () => [EnterpriseRowInput], { description: "One row per new enterprise; a branch after or beside its parent." }) rows: EnterpriseRowInput[],
    @Ctx() ctx: RequestContext,
  ): Promise<IngestBatch | null> {
    return publishRows(ctx, "registry", registerEnterprisesIngest, period, rows.map(enterpriseRowFields));
  }

  @Mutation(() => IngestBatch, {
    nullable: true,
    description: `Changes registered enterprises (đăng ký thay đổi): each row is the enterprise's whole new version; the former one stays in the registry's history. An unknown tax code is refused. ${ANSWER}`,
  })
  changeEnterprises(
    @Arg("period", { description: EXTRACT_DAY }) period: string,
    @Arg("rows", () => [EnterpriseRowInput], { description: "One row per enterprise, every field as it now stands." }) rows: EnterpriseRowInput[],
    @Ctx() ctx: RequestContext,
  ): Promise<IngestBatch | null> {
    return publishRows(ctx, "registry", changeEnterprisesIngest, period, rows.map(enterpriseRowFields));
  }

  @Mutation(() => IngestBatch, {
    nullable: true,
    description: `Dissolves enterprises (giải thể, phá sản): sets each one's status to DISSOLVING, DISSOLVED or BANKRUPT, keeping the former version in history. An unknown tax code is refused. ${ANSWER}`,
  })
  dissolveEnterprises(
    @Arg("period", { description: EXTRACT_DAY }) period: string,
    @Arg("rows", () => [EnterpriseDissolutionInput], { description: "One row per enterprise." }) rows: EnterpriseDissolutionInput[],
    @Ctx() ctx: RequestContext,
  ): Promise<IngestBatch | null> {
    return publishRows(
      ctx,
      "registry",
      dissolveEnterprisesIngest,
      period,
      rows.map((row) => ({ tax_code: row.taxCode, status: row.status })),
    );
  }
}
