import { Field, Float, Int, ObjectType } from "type-graphql";
import { FindingCode } from "./compliance-finding.entity";

/** When the yearly report is due: the MOLISA letter of 13 May 2015 asks provinces to send it before 5 December. */
export const ANNUAL_REPORT_DUE = "-12-05";

/**
 * The yearly report on social insurance a province (or the nation) sends before 5 December: not a
 * table, but the hub's analytics for one year gathered in one place. Each part is an aggregate of
 * its owners' data and is granted by the mandates like any other field.
 */
@ObjectType({
  description:
    "The yearly report on social-insurance coverage (báo cáo năm) the MOLISA letter of 13 May 2015 asks provinces to send before 5 December: participants and coverage against the year's target, areas under the 20% floor, enterprises by finding, arrears and the inspection lists handed over. Every figure is of the report's month: since the report is due before the year ends, the latest month of the year BHXH has reported whose labour force the statistics office has published too (else the latest BHXH month, its rate then null with the reason).",
})
export class AnnualReport {
  @Field(() => Int, { description: "The year reported on." })
  year: number;

  @Field(() => String, { nullable: true, description: "The province reported on; null for the nation." })
  provinceCode: string | null;

  @Field({ description: "The day the report is due by (trước ngày 5 tháng 12): it must be sent before it." })
  dueBefore: string;

  @Field(() => String, {
    nullable: true,
    description:
      "The report's month (kỳ số liệu): the latest month of the year with BHXH enrolment for the area and a published labour force to set it against (else the latest with BHXH enrolment); null when BHXH reported none that year.",
  })
  month: string | null;
}

/** How many enterprises had one kind of finding in the report's month. */
@ObjectType({ description: "Enterprises with one kind of compliance finding in the report's month (số doanh nghiệp vi phạm theo loại)." })
export class FindingCount {
  @Field(() => FindingCode, { description: "The finding." })
  code: FindingCode;

  @Field(() => Int, { nullable: true, description: "Enterprises with at least one finding of this kind." })
  enterprises: number | null;
}

/** Contributions owed past their deadline in the report's month. */
@ObjectType({
  description:
    "Arrears past the payment deadline in the report's month (nợ đóng BHXH): employers with a LATE_PAYMENT or an unpaid-after-reminder EVASION finding, and what they owe.",
})
export class ArrearsTotals {
  @Field(() => Int, { nullable: true, description: "Employers late or evading by not paying (đơn vị chậm đóng, trốn đóng)." })
  employers: number | null;

  @Field(() => Float, { nullable: true, description: "What they owe, in VND (số tiền nợ), summed over employers." })
  arrearsVnd: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "Of them, employers evading: unpaid more than 60 days after the deadline and after a written reminder (Điều 39).",
  })
  evading: number | null;
}

/** Lists of inspection candidates handed over during the year. */
@ObjectType({
  description:
    "Inspection lists handed over during the year (danh sách chuyển cơ quan thanh tra, Điều 35 khoản 3): each is the quarterly list an inspection body took from the hub.",
})
export class InspectionHandoverTotals {
  @Field(() => Int, { nullable: true, description: "Lists handed over, one per quarter, province and inspection body." })
  lists: number | null;

  @Field(() => Int, { nullable: true, description: "Enterprises on those lists, summed (an enterprise on two quarters' lists counts twice)." })
  enterprises: number | null;
}
