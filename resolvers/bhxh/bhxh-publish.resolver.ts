import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { IngestBatch } from "../../entities";
import type { RequestContext } from "../../src/context";
import { publishRows } from "../../src/ingest/publish-rows";
import { BhxhEnrolmentRowInput } from "./bhxh-enrolment.input";
import { bhxhIngest } from "./bhxh.ingest";

/** Small deltas of BHXH units and monthly enrolment, published by BHXH's publishers (the door checks who). */
@Resolver()
export class BhxhPublishResolver {
  @Mutation(() => IngestBatch, {
    // Nullable like every field the door may refuse: a refusal is null with FORBIDDEN on its path.
    nullable: true,
    description:
      "Publishes BHXH units and their enrolment for one month as one batch (at most 1,000 rows; larger ones as CSV through POST /ingest/bhxh): all applied or none. Answers the batch record: APPLIED, REJECTED with each row's problems (rows[i] is line i + 2), or DUPLICATE when the same rows were already applied for the month.",
  })
  publishBhxhEnrolment(
    @Arg("period", { description: "The month, YYYY-MM; one that has begun." }) period: string,
    @Arg("rows", () => [BhxhEnrolmentRowInput], { description: "One row per unit." }) rows: BhxhEnrolmentRowInput[],
    @Ctx() ctx: RequestContext,
  ): Promise<IngestBatch | null> {
    return publishRows(
      ctx,
      "bhxh",
      bhxhIngest,
      period,
      rows.map((row) => ({
        unit_code: row.unitCode,
        tax_code: row.taxCode,
        unit_name: row.unitName,
        province_code: row.provinceCode,
        // The Date scalar parses to midnight UTC of the day given.
        registered_on: row.registeredOn.toISOString().slice(0, 10),
        period,
        compulsory_insured: String(row.compulsoryInsured),
        unemployment_insured: String(row.unemploymentInsured),
        contribution_due_vnd: row.contributionDue,
        contribution_paid_vnd: row.contributionPaid,
        arrears_vnd: row.arrears,
        arrears_months: String(row.arrearsMonths),
        oldest_unpaid_period: row.oldestUnpaidPeriod ?? "",
        reminder_sent_on: row.reminderSentOn ? row.reminderSentOn.toISOString().slice(0, 10) : "",
        lowest_declared_wage_vnd: row.lowestDeclaredWage ?? "",
      })),
    );
  }
}
