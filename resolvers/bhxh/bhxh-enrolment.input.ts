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
}
