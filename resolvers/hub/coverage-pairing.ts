/**
 * The pairing rule between BHXH's months and the statistics office's quarters and years
 * (entities/hub/coverage.entity.ts states it for clients): which enrolment month a period's
 * participants are counted in, and which statistics periods, in order of preference, give its denominator.
 */
export function pairing(period: string): { enrolmentMonth: string; statisticsPeriods: string[] } {
  const year = period.slice(0, 4);
  if (/^\d{4}-\d{2}$/.test(period)) {
    const quarter = Math.floor((Number(period.slice(5, 7)) - 1) / 3) + 1;
    return { enrolmentMonth: period, statisticsPeriods: [`${year}-Q${quarter}`, year] };
  }
  if (/^\d{4}-Q[1-4]$/.test(period)) {
    const lastMonth = Number(period[6]) * 3;
    return { enrolmentMonth: `${year}-${String(lastMonth).padStart(2, "0")}`, statisticsPeriods: [period, year] };
  }
  return { enrolmentMonth: `${year}-12`, statisticsPeriods: [year, `${year}-Q4`] };
}
