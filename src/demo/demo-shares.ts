/**
 * Every share the demo generator uses, named once with where it comes from (shared/domain.md), or
 * marked as an assumption where no published figure exists.
 */

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
