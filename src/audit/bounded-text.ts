import type { AuditEntryInput } from "./audit-entry";
import { hmacToken } from "./keyed-hash";

/** Bounds a client-supplied string to at most `limit` characters (see boundedText); keyed by the hub. */
export type TextBound = (text: string, limit: number) => string;

/** How long a client-supplied string an audit row keeps, in characters. */
export const CLIENT_TEXT_LIMITS = {
  operationName: 100,
  clientRequestId: 64,
  /** A token's `sub`, checked by the issuer but not by length; auditLog filters on it up to 200. */
  subject: 200,
  /** A variable's name, and an object key inside its value. */
  variableName: 100,
} as const;

/**
 * `text` itself when it has at most `limit` characters; otherwise its beginning followed by a
 * marker with its original length and keyed hash, e.g. `VeryLongName...[1000000 chars hmac:3fa…]`,
 * the whole at most `limit` characters. So a client cannot flood the log with long strings, while
 * two different long strings still differ. ASCII marker: the result may go into a response header.
 * The result is bounded again unchanged, so bounding twice is harmless.
 */
export function boundedText(text: string, limit: number, key: string): string {
  if (text.length <= limit) return text;
  const marker = `...[${text.length} chars ${hmacToken(key, text)}]`;
  let end = Math.max(0, limit - marker.length);
  // Never cut a surrogate pair in two: half a character is not text.
  if (end > 0 && /[\uD800-\uDBFF]/.test(text[end - 1])) end -= 1;
  return `${text.slice(0, end)}${marker}`;
}

/** A TextBound over `key`. */
export function textBound(key: string): TextBound {
  return (text, limit) => boundedText(text, limit, key);
}

/** `entry` with every client-supplied string it carries bounded (variables are bounded by protectVariables). */
export function withBoundedClientText(entry: AuditEntryInput, key: string): AuditEntryInput {
  const bound = (text: string | null | undefined, limit: number) => (typeof text === "string" ? boundedText(text, limit, key) : (text ?? null));
  return {
    ...entry,
    subject: bound(entry.subject, CLIENT_TEXT_LIMITS.subject),
    operationName: bound(entry.operationName, CLIENT_TEXT_LIMITS.operationName),
    clientRequestId: bound(entry.clientRequestId, CLIENT_TEXT_LIMITS.clientRequestId),
  };
}
