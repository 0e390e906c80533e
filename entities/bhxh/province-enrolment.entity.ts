import { Field, Int, ObjectType } from "type-graphql";

/**
 * A province's BHXH totals for one month, summed in SQL over its units' enrolment rows: an
 * aggregate of BHXH's data, never a row of it. Not a table, so not a TypeORM entity.
 */
@ObjectType({ description: "A province's BHXH totals for one month (tổng hợp tham gia BHXH của tỉnh): units, insured workers, units in arrears." })
export class ProvinceEnrolment {
  /** Its province, which the resolver hands back as the hub's Province. */
  provinceCode: string;

  @Field({ description: "Month, YYYY-MM." })
  period: string;

  @Field(() => Int, { nullable: true, description: "Units (đơn vị) that reported enrolment for the month." })
  units: number;

  @Field(() => Int, { nullable: true, description: "Workers in compulsory social insurance (BHXH bắt buộc), summed over the units." })
  compulsoryInsured: number;

  @Field(() => Int, { nullable: true, description: "Workers in unemployment insurance (BHTN), summed over the units." })
  unemploymentInsured: number;

  @Field(() => Int, { nullable: true, description: "Units with contributions overdue at the end of the month (đơn vị nợ đóng)." })
  unitsInArrears: number;

  /** The batch that most recently delivered rows into these totals. */
  batchId: string;
}
