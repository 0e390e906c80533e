import { Field, InputType, Int } from "type-graphql";
import { DateScalar, VndScalar } from "../../src/graphql/scalars";

@InputType({ description: "One unit's registration and its figures for the month being published: a row of the BHXH enrolment CSV." })
export class BhxhEnrolmentRowInput {
  @Field({ description: "BHXH unit code (mã đơn vị): two capital letters, five digits and a letter." })
  unitCode: string;

  @Field({ description: "Tax code (mã số thuế) of the enterprise the unit is, one the business registry knows." })
  taxCode: string;

  @Field({ description: "Unit name as BHXH holds it." })
  unitName: string;

  @Field({ description: "Province of the BHXH office managing the unit (code in force since 2025-07-01)." })
  provinceCode: string;

  @Field(() => DateScalar, { description: "Date the unit first registered with BHXH; not after the month published." })
  registeredOn: Date;

  @Field(() => Int, { description: "Workers in compulsory social insurance (BHXH bắt buộc)." })
  compulsoryInsured: number;

  @Field(() => Int, { description: "Workers in unemployment insurance (BHTN); at most compulsoryInsured." })
  unemploymentInsured: number;

  @Field(() => VndScalar, { description: "Contributions due for the month (số phải đóng), whole VND." })
  contributionDue: string;

  @Field(() => VndScalar, { description: "Contributions paid for the month (số đã đóng), whole VND." })
  contributionPaid: string;

  @Field(() => VndScalar, { description: "Outstanding arrears at the end of the month (số nợ), whole VND; zero exactly when arrearsMonths is." })
  arrears: string;

  @Field(() => Int, { description: "Months of contributions overdue (số tháng chậm đóng), counted from the payment deadline." })
  arrearsMonths: number;

  @Field(() => String, {
    nullable: true,
    description:
      "Oldest month still unpaid (tháng nợ cũ nhất), YYYY-MM: required when arrears are owed; days overdue count from its payment deadline, the last day of the following month (Law 41/2024, Điều 34 khoản 4).",
  })
  oldestUnpaidPeriod?: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      "Day BHXH sent the employer the written reminder (văn bản đôn đốc) for these arrears, if it has: unpaid 60 days after the deadline and after a reminder is evasion (Điều 39).",
  })
  reminderSentOn?: Date | null;

  @Field(() => VndScalar, {
    nullable: true,
    description:
      "Lowest monthly salary declared for a worker this month (mức lương đóng thấp nhất), whole VND: below the legal base salary is evasion (Điều 39).",
  })
  lowestDeclaredWage?: string | null;
}
