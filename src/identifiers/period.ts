/**
 * Reporting periods. Each domain reports at its own granularity: BHXH enrolment per month
 * (`YYYY-MM`), tax headcount per quarter (`YYYY-Qn`), statistics per quarter or year (`YYYY`).
 * The business registry is no series: its batches are extracts of the register, each dated by the
 * day it was taken (`YYYY-MM-DD`).
 */
export type PeriodKind = "day" | "month" | "quarter" | "year";

const PATTERNS: Record<PeriodKind, RegExp> = {
  day: /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  month: /^(\d{4})-(0[1-9]|1[0-2])$/,
  quarter: /^(\d{4})-Q([1-4])$/,
  year: /^(\d{4})$/,
};

const EXAMPLES: Record<PeriodKind, string> = {
  day: "YYYY-MM-DD, e.g. 2026-11-20",
  month: "YYYY-MM, e.g. 2026-03",
  quarter: "YYYY-Qn, e.g. 2026-Q1",
  year: "YYYY, e.g. 2025",
};

/** The kind of a period string, or null when it is none of `YYYY-MM`, `YYYY-Qn`, `YYYY`. */
export function periodKind(value: string): PeriodKind | null {
  for (const kind of Object.keys(PATTERNS) as PeriodKind[]) {
    if (PATTERNS[kind].test(value)) return kind;
  }
  return null;
}

/** Why `value` is not a period of one of the `accepted` kinds, or null when it is. */
export function periodProblem(value: string, accepted: readonly PeriodKind[]): string | null {
  const kind = periodKind(value);
  const wanted = accepted.map((k) => EXAMPLES[k]).join(" or ");
  if (kind === null) return `a period is written ${wanted}`;
  if (!accepted.includes(kind)) return `this figure is reported per ${accepted.join(" or ")}: write ${wanted}`;
  if (kind === "day" && !isCalendarDate(value)) return `${value} is not a day of the calendar`;
  return null;
}

/** True when `YYYY-MM-DD` names a day that exists (not 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The months of a year, newest last, as `YYYY-MM`, counting back `count` months from `last`. */
export function monthsEndingAt(last: string, count: number): string[] {
  let year = Number(last.slice(0, 4));
  let month = Number(last.slice(5, 7));
  const months: string[] = [];
  for (let i = 0; i < count; i++) {
    months.unshift(`${year}-${String(month).padStart(2, "0")}`);
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
  }
  return months;
}
