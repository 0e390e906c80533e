import { createHmac } from "node:crypto";

/**
 * A deep copy of a request's variables fit for the audit log: every string value (names, tax
 * codes, id numbers, and enum values, which arrive as strings too) becomes `hmac:` and the first
 * 16 hex digits of HMAC-SHA256(key, value). Names, numbers, booleans and nulls are kept. The same
 * value always gives the same token, so an operator holding the key can tell whether a request
 * asked for a given value, while the log itself shows no personal data in clear.
 */
export function protectVariables(variables: Record<string, unknown> | null | undefined, key: string): Record<string, unknown> | null {
  if (variables === null || variables === undefined) return null;
  return protect(variables, key) as Record<string, unknown>;
}

function protect(value: unknown, key: string): unknown {
  if (typeof value === "string") return `hmac:${createHmac("sha256", key).update(value, "utf8").digest("hex").slice(0, 16)}`;
  if (Array.isArray(value)) return value.map((item) => protect(item, key));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, protect(item, key)]));
  }
  return value;
}
