import { FORMER_PROVINCES } from "../reference-data/provinces";
import type { VsicSectionCode } from "../reference-data/vsic-sections";

/**
 * Every share the demo generator uses, named once with where it comes from (shared/domain.md), or
 * marked as an assumption where no published figure exists.
 */

// --- Coverage, voluntary participants and targets (issue 10, coverage) ------------------------------

/** Participants Nov 2025: 20.04 million, of which 2.016 million voluntary (domain.md "Latest figures", S16). */
export const VOLUNTARY_SHARE_OF_PARTICIPANTS = 2.016 / 20.04;

/** National coverage including voluntary participants, Nov 2025: 42.4% (domain.md "Latest figures", S16); end 2023: 39.25% (S14). */
export const PUBLISHED_NATIONAL_COVERAGE = { "2023": 0.3925, "2025-11": 0.424 } as const;

/** Nghệ An's coverage, April 2023: 22.3% (domain.md "Enterprises and workers"). */
const NGHE_AN_2023 = 0.223;
/** Bà Rịa–Vũng Tàu's coverage, September 2022: 38.1% (domain.md "Enterprises and workers"). */
const BA_RIA_VUNG_TAU_2022 = 0.381;

/** Coverage of the former provinces domain.md does not give, by kind of economy. */
const FORMER_BANDS = {
  // assumption: industrial-zone provinces around the two metropolises, above the national rate
  industrial: 0.5,
  // assumption: the metropolises and large cities, near the national rate or a little above
  metropolis: 0.42,
  // assumption: northern mountains and Central Highlands, many under the 20% floor (domain.md: coverage varies widely)
  mountain: 0.15,
  // assumption: the rest (deltas, central coast), between
  other: 0.3,
} as const;

// assumption: which former provinces fall in which band, from their economies as commonly described.
// Hồ Chí Minh City counts with industry: 2.3 million enrolled workers in 2022 (domain.md, S54) over a labour force of roughly 4.5 million (assumption).
const INDUSTRIAL = new Set(["74", "79", "27", "75", "26", "24", "30", "80", "72", "70"]);
const METROPOLIS = new Set(["01", "31", "48", "92", "22", "19", "56"]);
const MOUNTAIN = new Set(["02", "04", "06", "08", "10", "11", "12", "14", "15", "20", "17", "62", "64", "66", "67", "68"]);

/** Coverage (compulsory + voluntary over the working-age labour force) the demo gives a former province. */
export function formerProvinceCoverage(code: string): number {
  if (code === "40") return NGHE_AN_2023;
  if (code === "77") return BA_RIA_VUNG_TAU_2022;
  if (INDUSTRIAL.has(code)) return FORMER_BANDS.industrial;
  if (METROPOLIS.has(code)) return FORMER_BANDS.metropolis;
  if (MOUNTAIN.has(code)) return FORMER_BANDS.mountain;
  return FORMER_BANDS.other;
}

/**
 * Coverage the demo gives a province in force: the mean of its former provinces' (assumption:
 * equal weights, the hub holds no labour force per former province for the demo), so that merged
 * provinces follow their parts' real mix (Hồ Chí Minh City with Bình Dương and Bà Rịa–Vũng Tàu).
 */
export function provinceCoverage(code: string): number {
  const parts = FORMER_PROVINCES.filter((f) => f.successorCode === code).map((f) => formerProvinceCoverage(f.code));
  return parts.reduce((sum, share) => sum + share, 0) / parts.length;
}

/** How far a province's demo coverage strays from its band, either way. // assumption */
export const COVERAGE_JITTER = 0.03;

/** Monthly growth of voluntary participants over the demo's year: 1.83 million end 2023 to 2.016 million Nov 2025 (domain.md S14, S16), about 0.4% a month. */
export const VOLUNTARY_MONTHLY_GROWTH = Math.pow(2.016 / 1.83, 1 / 23) - 1;

/** Demo participant targets per province: this share above the province's latest participants, per year to 2030. // assumption: not 403/NQ-CP's figures, which domain.md does not give per province */
export const DEMO_TARGET_YEARLY_GROWTH = 0.06;

// --- BHXH compliance: enrolment, arrears, declared wages (issue 10, compliance findings) --------------

/** Units under-declaring: "a fifth of units enrol fewer workers than the tax authority sees". */
export const UNDER_DECLARING_UNITS = 0.2; // assumption (no published share; README "Demo data")
/** The share of its workers an under-declaring unit enrols, drawn uniformly between these. */
export const UNDER_DECLARED_ENROLMENT = { min: 0.4, max: 0.9 } as const; // assumption
/**
 * Units that fall into arrears during the demo year: active ones and the rest (suspended,
 * dissolving). Arrears of about VND 14,000 billion affect about 206,000 workers of about 18 million
 * compulsorily insured (domain.md, "Sizes", S53): a small minority of employers.
 */
export const UNITS_FALLING_INTO_ARREARS = { active: 0.08, other: 0.35 } as const; // assumption, sized against S53
/** Units in arrears that pay everything back after 1 to 3 months. */
export const ARREARS_PAID_BACK = 0.3; // assumption
/** Units in arrears that BHXH sends a written reminder (Điều 39, Decree 274/2025: notified in the first 10 days of the month) once two months are overdue. */
export const ARREARS_REMINDED = 0.6; // assumption
/** Units that declare a worker's salary below the legal base salary: a small, deliberate share of evaders (Điều 39). */
export const WAGE_BELOW_BASE_UNITS = 0.01; // assumption
/** How far below the legal base such a unit declares: between these shares of it. */
export const WAGE_BELOW_BASE_FRACTION = { min: 0.6, max: 0.95 } as const; // assumption
/** The lowest declared salary of a compliant unit as a share of its declared average. */
export const LOWEST_TO_AVERAGE_DECLARED_WAGE = 0.7; // assumption

// --- Enterprises: status, size, branches, zones, enrolment ----------------------------------------

/**
 * Register statuses. domain.md counts 895,876 "operating" enterprises against 735,455 active with
 * business results (end 2022), about 82%. // assumption for the split of the rest
 */
export const STATUSES = [
  { status: "ACTIVE", weight: 0.84 },
  { status: "SUSPENDED", weight: 0.07 },
  { status: "DISSOLVING", weight: 0.03 },
  { status: "DISSOLVED", weight: 0.05 },
  { status: "BANKRUPT", weight: 0.01 },
] as const;

/** Industrial provinces have larger employers: a factor on the size draw. // assumption */
export const SIZE_FACTOR: Record<string, number> = { "24": 2.2, "79": 1.6, "75": 2, "31": 1.6, "01": 1.3, "33": 1.6, "25": 1.5, "19": 1.4, "37": 1.2 };
/** Manufacturing and construction employ more per enterprise than trade and services. // assumption */
export const SECTOR_SIZE_FACTOR: Partial<Record<VsicSectionCode, number>> = { C: 3.2, F: 1.5, H: 1.2, N: 1.4, G: 0.6, M: 0.7, L: 0.6, I: 0.8 };
/** Enterprises with no employee on the payroll (owner-run). // assumption */
export const OWNER_RUN = 0.08;
/** Large employers (20–200 times the size draw): Hồ Chí Minh City's 2.3 million enrolled workers in 110,000 businesses (domain.md, S54) need a heavy tail. // assumption for the share */
export const LARGE_EMPLOYERS = 0.015;
/** Register entries that are branches (13-character tax codes). // assumption */
export const BRANCH_SHARE = 0.03;
/** Branches in their head office's province, and their workforce as a share of the head office's. // assumption */
export const BRANCH_IN_PARENT_PROVINCE = 0.5;
export const BRANCH_WORKFORCE_OF_PARENT = { min: 0.05, max: 0.4 } as const;
/** Enterprises of a province with industrial zones that lie in one: manufacturing, and the rest. // assumption */
export const IN_ZONE = { manufacturing: 0.4, other: 0.03 } as const;
/** Legal representatives who are women. // assumption */
export const FEMALE_REPRESENTATIVES = 0.3;
/**
 * Chance an employer has a BHXH unit, by employees: small employers enrol least. Informal
 * employment is 63.5% (domain.md, S18) and Hồ Chí Minh City enrolled 110,000 businesses (S54);
 * the shares are sized so that national coverage lands near the published 39–42%. // assumption per band
 */
export const ENROLMENT_CHANCE_BY_SIZE = [
  { under: 3, chance: 0.3 },
  { under: 10, chance: 0.6 },
  { under: 50, chance: 0.85 },
  { under: Infinity, chance: 0.95 },
] as const;
