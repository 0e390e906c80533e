import { hanoiToday } from "../../src/ingest/batch-period";
import type { BatchAppliedEvent } from "../../src/live/batch-events";
import { markStale, periodsWithData, refreshEmployers, refreshPeriod, type ComplianceQuery } from "./compliance.queries";
import { legalBaseSalaryOn } from "./legal-base-salary";

/**
 * Keeps the stored findings current after a batch commits (src/ingest calls it through the hub's
 * `afterBatchApplied`): a BHXH month re-evaluates that month, a tax quarter its months that have
 * begun, for the batch's enterprises (or the whole month when the batch named too many to list);
 * a registry batch carries changed names and provinces into the lists. If a refresh fails, its
 * months are marked stale so the next batch rebuilds them whole, and the error is rethrown.
 */
export async function refreshAfterBatch(
  query: ComplianceQuery,
  event: Pick<BatchAppliedEvent, "domain" | "period" | "taxCodes">,
  now = new Date(),
): Promise<void> {
  if (event.domain === "registry") return refreshEmployers(query, event.taxCodes);
  const periods = monthsOf(event.domain, event.period).filter((month) => month <= hanoiToday(now).slice(0, 7));
  try {
    for (const period of periods) await refreshPeriod(query, period, event.taxCodes, legalBaseSalaryOn(`${period}-01`));
  } catch (error) {
    await markStale(query, periods).catch(() => undefined);
    throw error;
  }
}

/** Evaluates every month tax or BHXH delivered data for, whole: after the demo is loaded. */
export async function refreshAllCompliance(query: ComplianceQuery, now = new Date()): Promise<string[]> {
  const periods = (await periodsWithData(query)).filter((month) => month <= hanoiToday(now).slice(0, 7));
  for (const period of periods) await refreshPeriod(query, period, null, legalBaseSalaryOn(`${period}-01`));
  return periods;
}

/** The months a batch of `domain` for `period` bears on: a BHXH month itself, a tax quarter's three. */
function monthsOf(domain: string, period: string | null): string[] {
  if (period === null) return [];
  if (domain === "bhxh" && /^\d{4}-\d{2}$/.test(period)) return [period];
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (domain === "tax" && quarter) return [1, 2, 3].map((m) => `${quarter[1]}-${String((Number(quarter[2]) - 1) * 3 + m).padStart(2, "0")}`);
  return [];
}
