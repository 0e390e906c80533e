/** Keyset pagination: the page-size limit (cursors are in cursors.ts). Free of decorators, so tools can import it alone. */
import { badUserInput } from "../errors";

/** Checks `first` against the page-size limit, defaulting when absent. */
export function pageSize(first: number | null | undefined, max: number, fallback = 20): number {
  if (first === null || first === undefined) return Math.min(fallback, max);
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw badUserInput("first", `a page holds from 1 to ${max} items`, first);
  }
  return first;
}
