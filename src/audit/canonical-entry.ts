import type { AuditEntryInput } from "./audit-entry";

/**
 * The exact text an audit row stores and its chain hash covers: JSON with the keys of
 * AuditEntryInput in a fixed order, `at` as ISO 8601 UTC with milliseconds, and the keys of
 * `variables` sorted, so the same entry always gives the same text.
 *
 * Strings are made safe for PostgreSQL's jsonb, which the queryable columns are generated from:
 * NUL and unpaired surrogates (which JSON.stringify escapes but jsonb rejects) become U+FFFD.
 * Otherwise a client could make its own audit row, and so its request, fail.
 */
export function canonicalEntry(entry: AuditEntryInput): string {
  if (!(entry.at instanceof Date) || Number.isNaN(entry.at.getTime())) throw new TypeError("An audit entry needs a valid `at` date.");
  const ordered = {
    at: entry.at.toISOString(),
    requestId: entry.requestId,
    clientRequestId: entry.clientRequestId ?? null,
    subject: entry.subject ?? null,
    agency: entry.agency ?? null,
    roles: entry.roles ?? [],
    provinceCode: entry.provinceCode ?? null,
    purpose: entry.purpose ?? null,
    operationType: entry.operationType ?? null,
    operationName: entry.operationName ?? null,
    documentHash: entry.documentHash ?? null,
    variables: entry.variables ?? null,
    fieldsTouched: entry.fieldsTouched ?? [],
    mandatesUsed: entry.mandatesUsed ?? [],
    fieldsDenied: entry.fieldsDenied ?? [],
    domains: entry.domains ?? [],
    rowsReturned: finite(entry.rowsReturned),
    provincesReturned: entry.provincesReturned ?? [],
    // Sub-microsecond digits are noise, and rounding keeps the text short.
    durationMs: Math.round(finite(entry.durationMs) * 1000) / 1000,
    outcome: entry.outcome,
    errorCodes: entry.errorCodes ?? [],
  };
  return JSON.stringify(jsonSafe(ordered));
}

/** Parses a stored entry back; `at` becomes a Date again, and keys older rows lack get their empty value. */
export function parseEntry(text: string): AuditEntryInput {
  const parsed = JSON.parse(text) as Omit<AuditEntryInput, "at"> & { at: string };
  return { ...parsed, clientRequestId: parsed.clientRequestId ?? null, provincesReturned: parsed.provincesReturned ?? [], at: new Date(parsed.at) };
}

function finite(value: number): number {
  return Number.isFinite(value) ? value : 0;
}

/**
 * Deeper than this, a value is stored as a note instead: the copy below recurses, and PostgreSQL's
 * jsonb parser refuses very deep input, which would fail every row of the batch. Variables arrive
 * here already bounded (protectVariables), so only a bug elsewhere could reach it.
 */
const MAX_STORED_DEPTH = 64;

/** A copy with safe strings and, below the top level, object keys sorted. */
function jsonSafe(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return safeString(value);
  if (depth > MAX_STORED_DEPTH && value !== null && typeof value === "object") return `[nested deeper than ${MAX_STORED_DEPTH} levels]`;
  if (Array.isArray(value)) return value.map((item) => jsonSafe(item, depth + 1));
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    const keys = Object.keys(value);
    // The top level keeps the fixed order built above; nested objects (variables) are sorted.
    if (depth > 0) keys.sort();
    const copy: Record<string, unknown> = {};
    for (const key of keys) copy[safeString(key)] = jsonSafe((value as Record<string, unknown>)[key], depth + 1);
    return copy;
  }
  return value;
}

// eslint-disable-next-line no-control-regex -- NUL is the point: jsonb cannot store \u0000
const UNSAFE_FOR_JSONB = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function safeString(text: string): string {
  return text.replace(UNSAFE_FOR_JSONB, "\uFFFD");
}
