import { Field, InputType, Int } from "type-graphql";
import { TaxOperatingStatus } from "../../entities";
import { VndScalar } from "../../src/graphql/scalars";

@InputType({ description: "One enterprise's figures for the quarter being published: a row of the tax headcount CSV." })
export class TaxHeadcountRowInput {
  @Field({ description: "Tax code (mã số thuế) of an enterprise the business registry knows." })
  taxCode: string;

  @Field(() => TaxOperatingStatus, { description: "Operating status as the tax authority sees it." })
  operatingStatus: TaxOperatingStatus;

  @Field(() => Int, { description: "Employees on the PIT withholding declaration (số lao động)." })
  employees: number;

  @Field(() => VndScalar, { description: "Total wages paid in the quarter (tổng quỹ lương), whole VND." })
  totalWages: string;

  @Field({ description: "Province of the tax department managing the taxpayer (code in force since 2025-07-01)." })
  provinceCode: string;
}
