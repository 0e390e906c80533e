import { Field, Float, Int, ObjectType } from "type-graphql";

/** The rule that pairs BHXH's months with the statistics office's periods, stated once for every description that needs it. */
export const PAIRING_RULE =
  "Pairing rule: a month (YYYY-MM) takes that month's BHXH participants over the labour force of the quarter containing it, else of its year; a quarter (YYYY-Qn) takes its last month's participants over the quarter's labour force, else the year's; a year (YYYY) takes December's participants over the year's labour force, else its fourth quarter's.";

/**
 * Social-insurance coverage of a province or the nation for one period, computed in SQL from
 * BHXH's and the statistics office's interface views: not a table, so not a TypeORM entity.
 */
@ObjectType({
  description: `Social-insurance coverage (tỷ lệ bao phủ BHXH): participants (compulsory + voluntary) over the working-age labour force, with both sides' batches. ${PAIRING_RULE} Periods ending before 1 July 2025 take the labour force of the former provinces merged into each province, summed.`,
})
export class Coverage {
  @Field({ description: "What the figures cover: VN for the nation, else a province code." })
  scope: string;

  @Field({ description: "The period asked for: a month, quarter or year." })
  period: string;

  @Field(() => String, { nullable: true, description: "The BHXH month the participants are counted in, by the pairing rule." })
  enrolmentMonth: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "Workers in compulsory social insurance (BHXH bắt buộc) in the month; null when BHXH has no enrolment for it.",
  })
  compulsoryInsured: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "Voluntary participants (BHXH tự nguyện) in the month, summed over communes; null when BHXH reported none for it.",
  })
  voluntaryInsured: number | null;

  @Field(() => Int, { nullable: true, description: "Workers in unemployment insurance (BHTN) in the month." })
  unemploymentInsured: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "The numerator (người tham gia BHXH): compulsory + voluntary participants (voluntary counted as 0 when none were reported).",
  })
  participants: number | null;

  @Field(() => String, { nullable: true, description: "The statistics period the denominator is of, by the pairing rule; null when none exists." })
  statisticsPeriod: string | null;

  @Field(() => Int, { nullable: true, description: "The denominator: the labour force of working age (lực lượng lao động trong độ tuổi lao động)." })
  workingAgeLabourForce: number | null;

  @Field(() => [String], { nullable: true, description: "For a period before 1 July 2025: the former provinces whose labour force was summed (tỉnh cũ)." })
  rolledUpFrom: string[] | null;

  @Field(() => Float, {
    nullable: true,
    description: "Coverage in percent of the working-age labour force, two decimals; null with a `reason` when a side is missing.",
  })
  rate: number | null;

  @Field(() => Float, { nullable: true, description: "Unemployment-insurance coverage (tỷ lệ tham gia BHTN) in percent of the working-age labour force." })
  unemploymentInsuranceRate: number | null;

  @Field(() => String, {
    nullable: true,
    description: "Why the rates are null (no enrolment for the month, no labour force for the period); null when they are given.",
  })
  reason: string | null;

  /** BHXH batches the numerator came in (enrolment totals and voluntary participants). */
  numeratorBatchIds: string[];
  /** Statistics batches the denominator came in. */
  denominatorBatchIds: string[];
}

/** A coverage target with the document that sets it: a row of hub.coverage_target. */
@ObjectType({
  description:
    "A coverage target (chỉ tiêu bao phủ) set by a legal document for the nation, a province or a former province and a year, published by the labour administration or a People's Committee. Rates are percent of the working-age labour force.",
})
export class CoverageTarget {
  @Field({ description: "national, province or former-province (a province before 1 July 2025, for Resolution 69/NQ-CP's 2022–2025 targets)." })
  scopeKind: string;

  @Field({ description: "VN, or the (former) province's two-digit code." })
  scopeCode: string;

  @Field(() => Int, { description: "The year the target is for." })
  year: number;

  @Field(() => Float, { nullable: true, description: "Social-insurance coverage target in percent (tỷ lệ tham gia BHXH)." })
  socialInsuranceRate: number | null;

  @Field(() => Int, { nullable: true, description: "Participants target (số người tham gia BHXH)." })
  participants: number | null;

  @Field(() => Float, { nullable: true, description: "Unemployment-insurance coverage target in percent (tỷ lệ tham gia BHTN)." })
  unemploymentInsuranceRate: number | null;

  @Field(() => Float, { nullable: true, description: "Voluntary social-insurance coverage target in percent (BHXH tự nguyện)." })
  voluntaryRate: number | null;

  @Field(() => Int, { nullable: true, description: "Voluntary participants target." })
  voluntaryParticipants: number | null;

  @Field({ description: "The document that sets it (căn cứ pháp lý), e.g. 28-NQ/TW, 69/NQ-CP, 403/NQ-CP." })
  legalBasis: string;

  @Field(() => String, { nullable: true, description: "Article, section or annex of the document." })
  article: string | null;

  @Field(() => String, {
    nullable: true,
    description: "What the publisher says of the figure, e.g. that it is unverified or a demo assumption, not the published figure.",
  })
  note: string | null;

  /** The targets batch it came in. */
  batchId: string;
}

/** A province's or the nation's coverage against its target for a period's year. */
@ObjectType({
  description:
    "Coverage against the target for the period's year (tiến độ so với chỉ tiêu): gaps in participants and in percentage points, positive when short of the target, with the targets used and their legal basis. Each target measure comes from the most recently published row setting it; before 1 July 2025 a province without its own target takes the sum of its former provinces' participant targets.",
})
export class CoverageProgress {
  @Field(() => Int, { description: "The target year: the period's year." })
  year: number;

  @Field(() => Coverage, { nullable: true, description: "The coverage measured for the period." })
  coverage: Coverage | null;

  @Field(() => Int, { nullable: true, description: "Participants target." })
  participantsTarget: number | null;

  @Field(() => Int, { nullable: true, description: "Participants still missing: target − participants (negative when exceeded)." })
  participantGap: number | null;

  @Field(() => Float, { nullable: true, description: "Social-insurance rate target, percent." })
  rateTarget: number | null;

  @Field(() => Float, { nullable: true, description: "Percentage points still missing: rate target − rate." })
  rateGapPoints: number | null;

  @Field(() => Float, { nullable: true, description: "Unemployment-insurance rate target, percent." })
  unemploymentInsuranceRateTarget: number | null;

  @Field(() => Float, { nullable: true, description: "Percentage points still missing in unemployment insurance." })
  unemploymentInsuranceRateGapPoints: number | null;

  @Field(() => [String], { nullable: true, description: "The documents the targets used come from, e.g. 28-NQ/TW, 403/NQ-CP." })
  legalBasis: string[] | null;

  @Field(() => String, { nullable: true, description: "Why a gap is null: no target for the year, or no coverage rate." })
  reason: string | null;

  /** The target rows used. */
  targets: CoverageTarget[];
}
