/** Identifier rules shared by the graph's argument checks, the demo generator and (later) ingest. */
export { taxCodeProblem, taxCodeCheckDigit, completeTaxCode } from "./tax-code";
export { periodKind, periodProblem, monthsEndingAt, isCalendarDate, type PeriodKind } from "./period";

/** Why `value` is not a two-digit province code, or null when it is one (existence is checked against the data). */
export function provinceCodeProblem(value: string): string | null {
  return /^\d{2}$/.test(value) ? null : "a province code is two digits, e.g. 01 (Hà Nội) or 79 (Thành phố Hồ Chí Minh)";
}

/** Why `value` is not a five-digit commune code, or null when it is one. */
export function communeCodeProblem(value: string): string | null {
  return /^\d{5}$/.test(value) ? null : "a commune code is five digits, e.g. 00004";
}

/** Why `value` is not shaped like the hub's industrial-zone codes (KCN + province code + "-" + two digits), or null when it is. */
export function industrialZoneCodeProblem(value: string): string | null {
  return /^KCN\d{2}-\d{2}$/.test(value) ? null : "an industrial zone code is KCN, the province code, a hyphen and two digits, e.g. KCN79-01";
}
