import { createHmac } from "node:crypto";
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
 * and variables whose protected text would exceed MAX_PROTECTED_VARIABLES_CHARS are replaced whole
 * by `{ "$omitted": "more than 4096 chars when protected, hmac:…" }`, a keyed digest of them all.
 * The copy stops as soon as it is over budget, so a 1 MB body costs one digest, not one HMAC per value.
 */
export function protectVariables(variables: Record<string, unknown> | null | undefined, key: string): Record<string, unknown> | null {
  if (variables === null || variables === undefined) return null;
  const budget = { left: MAX_PROTECTED_VARIABLES_CHARS };
  const protectedVariables = protect(variables, key, 0, budget);
  if (budget.left >= 0) return protectedVariables as Record<string, unknown>;
  return { $omitted: `more than ${MAX_PROTECTED_VARIABLES_CHARS} chars when protected, ${keyedDigest(variables, key)}` };
}

/** The protected copy of `value`; stops early (with budget.left below 0) once the copy would be too long. */
function protect(value: unknown, key: string, depth: number, budget: { left: number }): unknown {
  if (typeof value === "string") {
    const token = hmacToken(key, value);
    budget.left -= token.length + 3;
    return token;
  }
  if (value === null || typeof value !== "object") {
    budget.left -= String(value).length + 1;
    return value;
  }
  if (depth >= MAX_PROTECTED_DEPTH) {
    const note = `[nested deeper than ${MAX_PROTECTED_DEPTH} levels]`;
    budget.left -= note.length + 3;
    return note;
  }
  // Brackets count too: otherwise a body of empty arrays would be copied whole.
  budget.left -= 2;
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    for (const item of value) {
      if (budget.left < 0) break;
      copy.push(protect(item, key, depth + 1, budget));
    }
    return copy;
  }
  const copy: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value)) {
    if (budget.left < 0) break;
    const bounded = boundedText(name, CLIENT_TEXT_LIMITS.variableName, key);
    budget.left -= bounded.length + 3;
    copy[bounded] = protect(item, key, depth + 1, budget);
  }
  return copy;
}

type DigestStep = { value: unknown } | { name: string } | "close";

/**
 * hmacToken-style digest of a whole value, walked with an explicit stack (so any depth will do)
 * and fed to one HMAC as it goes: names, type-tagged leaves and brackets, so that different
 * values give different digests.
 */
function keyedDigest(value: unknown, key: string): string {
  const hmac = createHmac("sha256", key);
  // Fed in chunks: one update per leaf would cost more than the hashing itself.
  let pending = "";
  const feed = (text: string) => {
    pending += text;
    if (pending.length >= 65_536) {
      hmac.update(pending, "utf8");
      pending = "";
    }
  };
  const stack: DigestStep[] = [{ value }];
  while (stack.length > 0) {
    const step = stack.pop()!;
    if (step === "close") {
      feed(")");
    } else if ("name" in step) {
      feed(`${JSON.stringify(step.name)}:`);
    } else if (Array.isArray(step.value)) {
      feed("[");
      stack.push("close");
      for (let i = step.value.length - 1; i >= 0; i--) stack.push({ value: step.value[i] });
    } else if (step.value !== null && typeof step.value === "object") {
      feed("{");
      stack.push("close");
      for (const [name, item] of Object.entries(step.value).reverse()) stack.push({ value: item }, { name });
    } else {
      feed(`${typeof step.value}:${JSON.stringify(step.value) ?? ""};`);
    }
  }
  hmac.update(pending, "utf8");
  return `hmac:${hmac.digest("hex").slice(0, 16)}`;
}
