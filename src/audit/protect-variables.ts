import { CLIENT_TEXT_LIMITS, boundedText } from "./bounded-text";
import { hmacToken } from "./keyed-hash";

/** Deeper than this a value is not copied but noted; the HTTP path refuses such variables earlier (variablesProblem). */
const MAX_PROTECTED_DEPTH = 64;

/**
 * Longest text of protected variables an audit row keeps. A 1 MB body of short strings would
 * otherwise store several MB, each string becoming a token longer than itself.
 */
export const MAX_PROTECTED_VARIABLES_CHARS = 4096;

/**
 * A deep copy of a request's variables fit for the audit log: every string value (names, tax
 * codes, id numbers, and enum values, which arrive as strings too) becomes its hmacToken (`hmac:`
 * and the first 16 hex digits of HMAC-SHA256(key, value)). Numbers, booleans and nulls are kept;
 * names longer than CLIENT_TEXT_LIMITS.variableName are bounded. The same value always gives the
 * same token, so an operator holding the key can tell whether a request asked for a given value,
 * while the log itself shows no personal data in clear.
 *
 * Bounded whatever the client sent: a value nested deeper than 64 levels is replaced by a note,
 * and variables whose protected text exceeds MAX_PROTECTED_VARIABLES_CHARS are replaced whole by
 * `{ "$omitted": "<length> chars <hmacToken of that text>" }`.
 */
export function protectVariables(variables: Record<string, unknown> | null | undefined, key: string): Record<string, unknown> | null {
  if (variables === null || variables === undefined) return null;
  const protectedVariables = protect(variables, key, 0) as Record<string, unknown>;
  const text = JSON.stringify(protectedVariables);
  if (text.length <= MAX_PROTECTED_VARIABLES_CHARS) return protectedVariables;
  return { $omitted: `${text.length} chars ${hmacToken(key, text)}` };
}

function protect(value: unknown, key: string, depth: number): unknown {
  if (typeof value === "string") return hmacToken(key, value);
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_PROTECTED_DEPTH) return `[nested deeper than ${MAX_PROTECTED_DEPTH} levels]`;
  if (Array.isArray(value)) return value.map((item) => protect(item, key, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([name, item]) => [boundedText(name, CLIENT_TEXT_LIMITS.variableName, key), protect(item, key, depth + 1)]),
  );
}
