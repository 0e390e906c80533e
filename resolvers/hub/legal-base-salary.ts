/**
 * The legal base salary (mức lương cơ sở) by the day it took effect, newest last: the floor below
 * which a declared salary is evasion (Law 41/2024, Điều 31 khoản 1 and Điều 39). The one place the
 * hub keeps it; a new decree is a new line.
 */
export const LEGAL_BASE_SALARY: readonly { from: string; vnd: bigint; source: string }[] = [
  { from: "2024-07-01", vnd: 2_340_000n, source: "Decree 73/2024/NĐ-CP (30 Jun 2024), Điều 3 khoản 2" },
];

/** The legal base salary in force on `day` (YYYY-MM-DD), or null before the first one the hub holds. */
export function legalBaseSalaryOn(day: string): bigint | null {
  let found: bigint | null = null;
  for (const entry of LEGAL_BASE_SALARY) if (entry.from <= day) found = entry.vnd;
  return found;
}
