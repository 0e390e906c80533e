import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { DateScalar, VndScalar } from "../../src/graphql/scalars";
import { PageInfo } from "../../src/graphql/connection";
import type { FindingRow } from "../../resolvers/hub/compliance.queries";

/** What a finding says an employer did, under Law 41/2024/QH15 (shared/domain.md, "Late payment and evasion"). */
export enum FindingCode {
  NOT_ENROLLED = "NOT_ENROLLED",
  UNDER_DECLARED = "UNDER_DECLARED",
  LATE_PAYMENT = "LATE_PAYMENT",
  EVASION = "EVASION",
}

registerEnumType(FindingCode, {
  name: "FindingCode",
  description: "A compliance finding (kết luận tuân thủ) under the Law on Social Insurance 41/2024/QH15.",
  valuesConfig: {
    NOT_ENROLLED: {
      description:
        "Not enrolled (chưa đăng ký tham gia): the tax authority sees employees in the quarter containing the month, BHXH holds no unit registered by the evaluation day, and the registration deadline has passed: 30 days (Điều 28 khoản 1) from the last day of the first quarter in which the tax authority saw employees, the earliest date the data held shows employment. Rests on Điều 28 khoản 1 and Điều 38 (late) during the 60 days after the deadline, Điều 39 after them.",
    },
    UNDER_DECLARED: {
      description:
        "Under-declared (đóng không đủ số người): the tax authority's headcount for the quarter containing the month is above the workers BHXH holds in compulsory social insurance for the month (Điều 28 khoản 1, Điều 38). Since the first day of the month: the data held dates it no earlier.",
    },
    LATE_PAYMENT: {
      description:
        "Late payment (chậm đóng, Điều 38): arrears whose oldest unpaid month's payment deadline (the last day of the following month, Điều 34 khoản 4) has passed: from the day after the deadline to day 60, or later while BHXH has sent no written reminder. Since the day after the deadline.",
    },
    EVASION: {
      description:
        "Evasion (trốn đóng, Điều 39), on one of three grounds (`ground`): unpaid more than 60 days after the payment deadline and after a written reminder (UNPAID_AFTER_REMINDER, since day 61 or the reminder, whichever is later); a declared salary below the legal base salary (WAGE_BELOW_BASE, at once, since the first day of the month); still not enrolled more than 60 days after the registration deadline (UNREGISTERED, since day 61).",
    },
  },
});

/** Why a finding is evasion, or NONE for the other codes. */
export enum EvasionGround {
  NONE = "",
  UNPAID_AFTER_REMINDER = "UNPAID_AFTER_REMINDER",
  WAGE_BELOW_BASE = "WAGE_BELOW_BASE",
  UNREGISTERED = "UNREGISTERED",
}

registerEnumType(EvasionGround, {
  name: "EvasionGround",
  description: "The ground of an EVASION finding (Law 41/2024, Điều 39); NONE for the other codes.",
  valuesConfig: {
    NONE: { description: "Not an evasion finding." },
    UNPAID_AFTER_REMINDER: { description: "Unpaid more than 60 days after the payment deadline, after a written reminder from BHXH." },
    WAGE_BELOW_BASE: { description: "A salary declared below the legal base salary (mức lương cơ sở)." },
    UNREGISTERED: { description: "Workers still not enrolled more than 60 days after the registration deadline." },
  },
});

@ObjectType({
  description:
    "The numbers a finding rests on, each with the batch it came from (bằng chứng). Null where the finding needs no such number or the owner has none.",
})
export class ComplianceEvidence {
  row: FindingRow;

  @Field(() => Int, {
    nullable: true,
    description: "Employees the tax authority saw in the quarter containing the month (số lao động theo cơ quan thuế): tax data.",
  })
  taxEmployees: number | null;

  @Field(() => Int, { nullable: true, description: "Workers in compulsory social insurance that month, as BHXH reports (BHXH bắt buộc)." })
  compulsoryInsured: number | null;

  @Field(() => VndScalar, { nullable: true, description: "Arrears outstanding at the end of the month (số nợ), whole VND." })
  arrears: string | null;

  @Field(() => Int, { nullable: true, description: "Months overdue as BHXH reports them, counted from the payment deadline." })
  arrearsMonths: number | null;

  @Field(() => String, { nullable: true, description: "The oldest month still unpaid (YYYY-MM), from which days overdue count." })
  oldestUnpaidPeriod: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: "Payment deadline of the oldest unpaid month: the last day of the month after it (Điều 34 khoản 4).",
  })
  paymentDeadline: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "Days from the payment deadline to the evaluation day (số ngày chậm đóng); 1 on the day after the deadline.",
  })
  daysOverdue: number | null;

  @Field(() => DateScalar, { nullable: true, description: "Day BHXH sent the written reminder for the arrears (văn bản đôn đốc), if any." })
  reminderSentOn: string | null;

  @Field(() => VndScalar, { nullable: true, description: "Lowest monthly salary declared for a worker that month (mức lương đóng thấp nhất), whole VND." })
  lowestDeclaredWage: string | null;

  @Field(() => VndScalar, {
    nullable: true,
    description:
      "Legal base salary in force on the first day of the month (mức lương cơ sở; 2,340,000 VND from 2024-07-01, Decree 73/2024/NĐ-CP); null before the first the hub holds.",
  })
  legalBaseSalary: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: "Registration deadline: 30 days after the last day of the first quarter the tax authority saw employees (Điều 28 khoản 1).",
  })
  registrationDeadline: string | null;
}

@ObjectType({ description: "One compliance finding for an employer and month (kết luận tuân thủ): what, under which article, since when, and the evidence." })
export class ComplianceFinding {
  row: FindingRow;

  @Field(() => FindingCode, { description: "What the employer did; see FindingCode for each definition." })
  code: FindingCode;

  @Field(() => EvasionGround, { description: "For EVASION, on which ground (Điều 39); NONE otherwise." })
  ground: EvasionGround;

  @Field({ description: 'The articles of the Law on Social Insurance 41/2024/QH15 the finding rests on, e.g. "Điều 34 khoản 4; Điều 38".' })
  article: string;

  @Field(() => DateScalar, { description: "The day the finding began (e.g. the day after a deadline), as the data held dates it." })
  since: string;

  @Field(() => ComplianceEvidence, { description: "The numbers it rests on, each with its source." })
  evidence: ComplianceEvidence;
}

@ObjectType({ description: "An enterprise on the inspection list (danh sách đề nghị thanh tra): its uninsured workers, arrears and findings for the month." })
export class InspectionCandidate {
  taxCode: string;
  period: string;
  provinceCode: string;

  @Field(() => Int, { nullable: true, description: "Employees the tax authority saw in the quarter containing the month: tax data." })
  taxEmployees: number | null;

  @Field(() => Int, { nullable: true, description: "Workers in compulsory social insurance that month (BHXH bắt buộc); null without a BHXH row for it." })
  compulsoryInsured: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "Uninsured workers (số lao động chưa tham gia): the tax authority's headcount minus the compulsorily insured, at least 0. The list is ranked by it, then by arrears.",
  })
  uninsuredWorkers: number;

  @Field(() => VndScalar, { nullable: true, description: "Arrears outstanding at the end of the month (số nợ), whole VND; 0 when none." })
  arrears: string;
}

@ObjectType({ description: "An inspection candidate with the cursor to continue after it." })
export class InspectionCandidateEdge {
  @Field({ description: "Pass as `after` to read the candidates ranked below this one." })
  cursor: string;

  @Field(() => InspectionCandidate, { description: "The candidate." })
  node: InspectionCandidate;
}

@ObjectType({ description: "Inspection candidates (danh sách đề nghị thanh tra), ranked, one page at a time (Relay connection)." })
export class InspectionCandidateConnection {
  @Field(() => [InspectionCandidateEdge], { description: "The candidates on this page, in rank order." })
  edges: InspectionCandidateEdge[];

  @Field(() => PageInfo, { description: "Whether more candidates follow, and the cursors to reach them." })
  pageInfo: PageInfo;

  @Field(() => Int, { description: "How many enterprises have findings for the month in the province (or nationally), on all pages." })
  totalCount: number;

  period: string;
  provinceCode: string | undefined;
  first: number;
  /** The keyset of the row the page starts after: its sort values. */
  after: (string | number)[] | undefined;
  page?: Promise<{ edges: InspectionCandidateEdge[]; pageInfo: PageInfo }>;
}

@ObjectType({
  description: "A finding as the public list shows it: what, under which article, since when, and how overdue. Employers only, never a person's data.",
})
export class PublicDefaultFinding {
  @Field(() => FindingCode, { description: "LATE_PAYMENT or EVASION: the only findings the law publishes (Điều 35 khoản 2)." })
  code: FindingCode;

  @Field(() => EvasionGround, { description: "For EVASION, its ground; NONE otherwise." })
  ground: EvasionGround;

  @Field({ description: "The articles of Law 41/2024/QH15 it rests on." })
  article: string;

  @Field(() => DateScalar, { description: "The day the finding began." })
  since: string;

  @Field(() => Int, {
    nullable: true,
    description: "Days past the payment deadline on the evaluation day; null for a ground without one (wage, registration).",
  })
  daysOverdue: number | null;

  @Field(() => Int, { nullable: true, description: "Months overdue as BHXH reports them." })
  monthsOverdue: number | null;
}

@ObjectType({ description: "A late-paying or evading employer on the public list (danh sách đơn vị chậm đóng, trốn đóng; Law 41/2024, Điều 35 khoản 2)." })
export class PublicDefaulter {
  @Field({ description: "The employer's tax code (mã số thuế)." })
  taxCode: string;

  @Field({ description: "The employer's registered name." })
  employerName: string;

  @Field({ description: "Code of the province the employer is registered in." })
  provinceCode: string;

  @Field(() => VndScalar, { description: "Arrears outstanding at the end of the month, whole VND; 0 when none." })
  arrears: string;

  @Field(() => [PublicDefaultFinding], { description: "Its LATE_PAYMENT and EVASION findings for the month." })
  findings: PublicDefaultFinding[];

  period: string;
}

@ObjectType({ description: "A public-list employer with the cursor to continue after it." })
export class PublicDefaulterEdge {
  @Field({ description: "Pass as `after` to read the employers listed below this one." })
  cursor: string;

  @Field(() => PublicDefaulter, { description: "The employer." })
  node: PublicDefaulter;
}

@ObjectType({ description: "The public list of late-paying and evading employers, by arrears, one page at a time (Relay connection)." })
export class PublicDefaulterConnection {
  @Field(() => [PublicDefaulterEdge], { description: "The employers on this page, by arrears, largest first." })
  edges: PublicDefaulterEdge[];

  @Field(() => PageInfo, { description: "Whether more employers follow, and the cursors to reach them." })
  pageInfo: PageInfo;

  @Field(() => Int, { description: "How many employers the list holds for the month in the province (or nationally)." })
  totalCount: number;

  period: string;
  provinceCode: string | undefined;
  first: number;
  /** The keyset of the row the page starts after: its sort values. */
  after: (string | number)[] | undefined;
  page?: Promise<{ edges: PublicDefaulterEdge[]; pageInfo: PageInfo }>;
}
