import { Column, Entity, PrimaryColumn } from "typeorm";
import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { VndScalar } from "../../src/graphql/scalars";

export enum TaxOperatingStatus {
  OPERATING = "OPERATING",
  SUSPENDED = "SUSPENDED",
  CEASED = "CEASED",
  NOT_AT_ADDRESS = "NOT_AT_ADDRESS",
}

registerEnumType(TaxOperatingStatus, {
  name: "TaxOperatingStatus",
  description: "Operating status as the tax authority sees it (trạng thái hoạt động theo cơ quan thuế); it may differ from the registry's.",
  valuesConfig: {
    OPERATING: { description: "Files declarations and operates (đang hoạt động)." },
    SUSPENDED: { description: "Declared a temporary suspension (tạm ngừng hoạt động)." },
    CEASED: { description: "Ceased operating; tax code closed or being closed (ngừng hoạt động)." },
    NOT_AT_ADDRESS: { description: "Not operating at its registered address (không hoạt động tại địa chỉ đã đăng ký)." },
  },
});

/** Tax authority figures for one enterprise and quarter, from personal income tax withholding declarations. */
@Entity({ schema: "tax", name: "headcount" })
@ObjectType({
  description:
    "Employees an enterprise withheld personal income tax for in a quarter (số lao động theo tờ khai khấu trừ thuế TNCN), as the tax authority reports it.",
})
export class TaxHeadcount {
  @PrimaryColumn({ type: "text", name: "tax_code" })
  taxCode: string;

  @PrimaryColumn({ type: "text" })
  @Field({ description: "Quarter the declaration covers, YYYY-Qn." })
  period: string;

  @Column({ type: "text", name: "operating_status" })
  @Field(() => TaxOperatingStatus, { nullable: true, description: "Operating status as the tax authority sees it." })
  operatingStatus: TaxOperatingStatus;

  @Column({ type: "integer" })
  @Field(() => Int, { nullable: true, description: "Employees on the withholding declaration (số lao động)." })
  employees: number;

  @Column({ type: "bigint", name: "total_wages_vnd" })
  @Field(() => VndScalar, { nullable: true, description: "Total wages paid in the quarter (tổng quỹ lương), whole VND." })
  totalWages: string;

  /** Province of the tax department managing the taxpayer: what a province-scoped principal's rows are limited by. */
  @Column({ type: "char", length: 2, name: "province_code" })
  provinceCode: string;

  @Column({ type: "uuid", name: "batch_id" })
  batchId: string;
}
