/** Keyset pagination: opaque cursors and the page-size limit. Free of decorators, so tools can import it alone. */
import { badUserInput } from "../errors";

/** Opaque cursor for keyset pagination: the kind of list and the key of the last item seen. */
export function encodeCursor(kind: string, key: string): string {
  return Buffer.from(`${kind}:${key}`, "utf8").toString("base64url");
}

/** Reads a cursor made by encodeCursor for the same kind of list; a foreign or garbled cursor is BAD_USER_INPUT. */
export function decodeCursor(kind: string, cursor: string, argument = "after"): string {
  const text = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, "base64url").toString("utf8") : "";
  const prefix = `${kind}:`;
  if (!text.startsWith(prefix) || text.length === prefix.length) {
    throw badUserInput(argument, "not a cursor from this list; pass a `cursor` or `pageInfo.endCursor` value this list returned", cursor);
  }
  return text.slice(prefix.length);
}

/** Checks `first` against the page-size limit, defaulting when absent. */
export function pageSize(first: number | null | undefined, max: number, fallback = 20): number {
  if (first === null || first === undefined) return Math.min(fallback, max);
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw badUserInput("first", `a page holds from 1 to ${max} items`, first);
  }
  return first;
}
