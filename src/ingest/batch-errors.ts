import type { IngestError } from "../../entities/hub/batch.entity";

/** How many problems a batch record keeps: enough to fix a file, never a second copy of a bad file. */
export const STORED_ERRORS = 100;

/** Longest reason kept: reasons may quote a value from the file. */
const MAX_REASON = 300;

/**
 * The problems found in one batch: the first STORED_ERRORS kept, in file order once sorted, and
 * all of them counted, so that a million bad rows cost a counter, not a million objects.
 */
export class BatchErrors {
  private readonly kept: IngestError[] = [];
  private total = 0;

  add(line: number | null, column: string | null, reason: string): void {
    this.total += 1;
    if (this.kept.length < STORED_ERRORS) this.kept.push({ line, column, reason: reason.length > MAX_REASON ? `${reason.slice(0, MAX_REASON)}…` : reason });
  }

  /** Adds `count` problems of which only `shown` are given (a set-based check returns at most STORED_ERRORS). */
  addCounted(shown: readonly IngestError[], count: number): void {
    for (const error of shown) this.add(error.line, error.column, error.reason);
    this.total += count - shown.length;
  }

  get count(): number {
    return this.total;
  }

  /** The kept problems, batch-wide ones first, then by line; at most STORED_ERRORS. */
  list(): IngestError[] {
    return [...this.kept].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)).slice(0, STORED_ERRORS);
  }
}
