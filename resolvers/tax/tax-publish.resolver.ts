import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { IngestBatch } from "../../entities";
import type { RequestContext } from "../../src/context";
import { publishRows } from "../../src/ingest/publish-rows";
import { TaxHeadcountRowInput } from "./tax-headcount.input";
import { taxIngest } from "./tax.ingest";

/** Small deltas of tax headcounts, published by the tax authority's publishers (the door checks who). */
@Resolver()
export class TaxPublishResolver {
  @Mutation(() => IngestBatch, {
    // Nullable like every field the door may refuse: a refusal is null with FORBIDDEN on its path.
    nullable: true,
    description:
      "Publishes tax headcounts for one quarter as one batch (at most 1,000 rows; larger ones as CSV through POST /ingest/tax): all applied or none. Answers the batch record: APPLIED, REJECTED with each row's problems (rows[i] is line i + 2), or DUPLICATE when the same rows were already applied for the quarter.",
  })
  publishTaxHeadcounts(
    @Arg("period", { description: "The quarter, YYYY-Qn; one that has begun." }) period: string,
    @Arg("rows", () => [TaxHeadcountRowInput], { description: "One row per enterprise." }) rows: TaxHeadcountRowInput[],
    @Ctx() ctx: RequestContext,
  ): Promise<IngestBatch | null> {
    return publishRows(
      ctx,
      "tax",
      taxIngest,
      period,
      rows.map((row) => ({
        tax_code: row.taxCode,
        period,
        operating_status: row.operatingStatus,
        employees: String(row.employees),
        total_wages_vnd: row.totalWages,
        province_code: row.provinceCode,
      })),
    );
  }
}
