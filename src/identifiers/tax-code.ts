/**
 * Vietnamese tax codes (mã số thuế = mã số doanh nghiệp): 10 digits, or 13 for a branch written
 * as the parent's 10 digits, "-", and 3 digits 001–999. The check digit algorithm is the one
 * python-stdnum implements (stdnum/vn/mst.py); no government text for it was found (shared/domain.md).
 */
const WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3] as const;
const SHAPE = /^(\d{10})(?:-(\d{3}))?$/;

/** The check digit for the first 9 digits, or null when no digit can make them valid (sum ≡ 0 mod 11). */
export function taxCodeCheckDigit(firstNine: string): number | null {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += WEIGHTS[i] * (firstNine.charCodeAt(i) - 48);
  const remainder = sum % 11;
  return remainder === 0 ? null : 10 - remainder;
}

/** Why `value` is not a valid tax code, or null when it is one. */
export function taxCodeProblem(value: string): string | null {
  const match = SHAPE.exec(value);
  if (!match) return "a tax code is 10 digits, or 13 for a branch written as 10 digits, a hyphen and 3 digits (e.g. 0100233488 or 0100233488-001)";
  const [, base, branch] = match;
  const expected = taxCodeCheckDigit(base.slice(0, 9));
  if (expected === null || expected !== Number(base[9])) return "its check digit (the 10th digit) does not match the first nine digits";
  if (branch === "000") return "a branch suffix runs from 001 to 999";
  return null;
}

/** Completes 9 digits into a valid 10-digit tax code, or returns null when no check digit exists for them. */
export function completeTaxCode(firstNine: string): string | null {
  const check = taxCodeCheckDigit(firstNine);
  return check === null ? null : firstNine + String(check);
}
