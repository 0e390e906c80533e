import { Column, Entity, PrimaryColumn } from "typeorm";
import { Field, Int, ObjectType } from "type-graphql";
import { VndScalar } from "../../src/graphql/scalars";

/** One unit's monthly enrolment and contribution position, as BHXH reports it. */
@Entity({ schema: "bhxh", name: "enrolment" })
@ObjectType({ description: "A unit's enrolment and contributions for one month (tình hình tham gia, đóng BHXH)." })
export class Enrolment {
  @PrimaryColumn({ type: "text", name: "unit_code" })
  unitCode: string;

  @PrimaryColumn({ type: "text" })
  @Field({ description: "Month, YYYY-MM." })
  period: string;

  @Column({ type: "integer", name: "compulsory_insured" })
  @Field(() => Int, { nullable: true, description: "Workers in compulsory social insurance (BHXH bắt buộc)." })
  compulsoryInsured: number;

  @Column({ type: "integer", name: "unemployment_insured" })
  @Field(() => Int, { nullable: true, description: "Workers in unemployment insurance (BHTN)." })
  unemploymentInsured: number;

  @Column({ type: "bigint", name: "contribution_due_vnd" })
  @Field(() => VndScalar, { nullable: true, description: "Contributions due for the month (số phải đóng), whole VND." })
  contributionDue: string;

  @Column({ type: "bigint", name: "contribution_paid_vnd" })
  @Field(() => VndScalar, { nullable: true, description: "Contributions paid for the month (số đã đóng), whole VND." })
  contributionPaid: string;

  @Column({ type: "bigint", name: "arrears_vnd" })
  @Field(() => VndScalar, { nullable: true, description: "Outstanding arrears at the end of the month (số nợ), whole VND." })
  arrears: string;

  @Column({ type: "integer", name: "arrears_months" })
  @Field(() => Int, {
    nullable: true,
    description:
      "Months of contributions overdue (số tháng chậm đóng). Above 2 months (past day 60) late payment counts as evasion (trốn đóng) under Decree 274/2025.",
  })
  arrearsMonths: number;

  @Column({ type: "uuid", name: "batch_id" })
  batchId: string;
}
