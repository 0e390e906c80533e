import { quoteValue } from "../errors";
import { DEMO_INDUSTRIAL_ZONES } from "../reference-data/industrial-zones";

/** "KCN" + two-digit province code + "-" + two-digit sequence: the hub's zone keys (src/reference-data/industrial-zones.ts). */
const ZONE_CODE = /^KCN\d{2}-\d{2}$/;
/** hub.industrial_zone is loaded from this list and changes only with it, so a token is checked without a statement. */
const ZONE_PROVINCE = new Map(DEMO_INDUSTRIAL_ZONES.map((zone) => [zone.code, zone.provinceCode]));

/**
 * Checks a `zones` claim (or --zones) against the industrial zones and the principal's province:
 * the codes, deduplicated and sorted, or what is wrong, phrased to follow "zones: ".
 */
export function readZoneClaim(value: unknown, provinceCode: string | undefined): { zones: string[] } | { problem: string } {
  if (!Array.isArray(value) || value.length === 0 || !value.every((code) => typeof code === "string")) {
    return { problem: `${quoteValue(value)} is not a non-empty list of industrial-zone codes such as "KCN79-01"; leave it out for no zone limit` };
  }
  // More codes than zones exist can only be repeats or unknown codes; refused before each is looked at.
  if (value.length > ZONE_PROVINCE.size)
    return { problem: `it lists ${value.length} codes, more than the ${ZONE_PROVINCE.size} industrial zones the hub knows` };
  if (provinceCode === undefined) {
    return { problem: "industrial zones lie in a province, and the token names none: a zone-limited token must also carry its province" };
  }
  for (const code of value as string[]) {
    if (!ZONE_CODE.test(code))
      return { problem: `${quoteValue(code)} is not an industrial-zone code (KCN, the two-digit province code, a hyphen and two digits: KCN79-01)` };
    const province = ZONE_PROVINCE.get(code);
    if (province === undefined) return { problem: `no industrial zone has the code ${code} (Query.industrialZones lists them)` };
    if (province !== provinceCode) return { problem: `${code} is a zone of province ${province}, not of the token's province ${provinceCode}` };
  }
  return { zones: [...new Set(value as string[])].sort() };
}
