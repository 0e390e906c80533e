import { periodProblem, type PeriodKind } from "../identifiers";
import type { IngestSpec } from "./ingest-spec";

/** Hà Nội is UTC+7 all year: "today" for a period is the date there. */
const HANOI_OFFSET_MS = 7 * 3600 * 1000;

/** The first day of a period (YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY) as YYYY-MM-DD; the period must be well-formed. */
function firstDay(period: string): string {
  if (period.length === 10) return period;
  const year = period.slice(0, 4);
  if (period.length === 4) return `${year}-01-01`;
  if (period[5] === "Q") return `${year}-${String((Number(period[6]) - 1) * 3 + 1).padStart(2, "0")}-01`;
  return `${period}-01`;
}

/** Today's date in Hà Nội at `now`, YYYY-MM-DD. */
export function hanoiToday(now: Date): string {
  return new Date(now.getTime() + HANOI_OFFSET_MS).toISOString().slice(0, 10);
}

/** True when the period has not begun yet in Hà Nội at `now`: no one can have figures for it. */
export function periodInFuture(period: string, now: Date): boolean {
  return firstDay(period) > hanoiToday(now);
}

/** The kinds of period a batch of this domain may cover: its periodKinds, or else its one periodKind. */
export function batchPeriodKinds(spec: Pick<IngestSpec, "periodKind" | "periodKinds">): readonly PeriodKind[] {
  return spec.periodKinds ?? [spec.periodKind];
}

/** Why `period` cannot be a period of this domain's data at `now` (wrong shape, or not begun), or null. */
export function periodValueProblem(period: string, kinds: PeriodKind | readonly PeriodKind[], now: Date): string | null {
  const shape = periodProblem(period, typeof kinds === "string" ? [kinds] : kinds);
  if (shape) return shape;
  if (periodInFuture(period, now)) return `${period} has not begun yet`;
  return null;
}
