import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { IngestBatch } from "../../entities";
import type { RequestContext } from "../../src/context";
import { publishRows } from "../../src/ingest/publish-rows";
import { LabourForceRowInput } from "./labour-force.input";
import { statisticsIngest } from "./statistics.ingest";

/** Small deltas of labour-force figures, published by the statistics office's publishers (the door checks who). */
@Resolver()
export class StatisticsPublishResolver {
  @Mutation(() => IngestBatch, {
    // Nullable like every field the door may refuse: a refusal is null with FORBIDDEN on its path.
    nullable: true,
    description:
      "Publishes labour-force figures for one quarter or year as one batch (at most 1,000 rows; larger ones as CSV through POST /ingest/statistics): all applied or none. Answers the batch record: APPLIED, REJECTED with each row's problems (rows[i] is line i + 2), or DUPLICATE when the same rows were already applied for the period.",
  })
  publishLabourForce(
    @Arg("period", { description: "The quarter (YYYY-Qn) or year (YYYY); one that has begun." }) period: string,
    @Arg("rows", () => [LabourForceRowInput], { description: "One row per province." }) rows: LabourForceRowInput[],
    @Ctx() ctx: RequestContext,
  ): Promise<IngestBatch | null> {
    return publishRows(
      ctx,
      "statistics",
      statisticsIngest,
      period,
      rows.map((row) => ({
        province_code: row.provinceCode,
        period,
        population: String(row.population),
        working_age_population: String(row.workingAgePopulation),
        labour_force: String(row.labourForce),
        working_age_labour_force: String(row.workingAgeLabourForce),
        employed: String(row.employed),
        unemployed: String(row.unemployed),
        away_from_home: String(row.awayFromHome),
      })),
    );
  }
}
