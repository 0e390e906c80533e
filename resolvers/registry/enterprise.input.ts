import { Field, InputType } from "type-graphql";
import { EnterpriseStatus } from "../../entities";
import { badUserInput } from "../../src/errors";
import { checkCommuneCode, checkIndustrialZoneCode, checkProvinceCode } from "../../src/graphql/arguments";
import { foldForSearch, type EnterpriseCriteria } from "./registry.queries";

@InputType({ description: "Narrows a list of enterprises; all given filters must hold." })
export class EnterpriseFilter {
  @Field(() => String, { nullable: true, description: "Two-digit code of the province of the head office (mã tỉnh)." })
  provinceCode?: string | null;

  @Field(() => String, { nullable: true, description: "Five-digit code of the commune or ward (mã xã)." })
  communeCode?: string | null;

  @Field(() => String, { nullable: true, description: "VSIC 2018 section letter A–U of the main business line (ngành kinh tế)." })
  sectorCode?: string | null;

  @Field(() => [EnterpriseStatus], { nullable: true, description: "Any of these legal statuses." })
  status?: EnterpriseStatus[] | null;

  @Field(() => String, { nullable: true, description: "Code of the industrial zone (khu công nghiệp), e.g. KCN79-01." })
  industrialZoneCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Words that must all occur in the name, ignoring case and diacritics: "cong ty may" finds "Công ty May". At least one word of 3 or more letters.',
  })
  search?: string | null;
}

/** Validates a filter argument and turns it into query criteria; each problem names the field at fault. */
export function toEnterpriseCriteria(filter: EnterpriseFilter | null | undefined): EnterpriseCriteria {
  if (!filter) return {};
  const criteria: EnterpriseCriteria = {};
  if (filter.provinceCode != null) criteria.provinceCode = checkProvinceCode("filter.provinceCode", filter.provinceCode);
  if (filter.communeCode != null) criteria.communeCode = checkCommuneCode("filter.communeCode", filter.communeCode);
  if (filter.sectorCode != null) {
    if (!/^[A-U]$/.test(filter.sectorCode)) {
      throw badUserInput("filter.sectorCode", "a sector is a VSIC 2018 section letter from A to U, e.g. C for manufacturing", filter.sectorCode);
    }
    criteria.sectorCode = filter.sectorCode;
  }
  if (filter.industrialZoneCode != null) criteria.industrialZoneCode = checkIndustrialZoneCode("filter.industrialZoneCode", filter.industrialZoneCode);
  if (filter.status != null) {
    if (filter.status.length === 0) throw badUserInput("filter.status", "give at least one status, or leave the filter out");
    criteria.status = [...new Set(filter.status)];
  }
  if (filter.search != null) {
    // Long enough for any registered name pasted whole; what a search costs is bounded in the SQL (registry.queries.ts).
    if (filter.search.length > MAX_SEARCH_LENGTH) {
      throw badUserInput("filter.search", `a search is at most ${MAX_SEARCH_LENGTH} characters; it is ${filter.search.length}`, filter.search);
    }
    const words = distinctWords(filter.search);
    if (!words.some((word) => [...word].length >= 3)) {
      throw badUserInput("filter.search", "give at least one word of 3 or more letters", filter.search);
    }
    criteria.searchWords = words;
  }
  return criteria;
}

/** Longest search accepted: twice the longest legal names, branch names included ("Chi nhánh Công ty … tại …"). */
const MAX_SEARCH_LENGTH = 500;

/** The search's words, each once: "Công ty … Công ty" asks no more than "Công ty …". */
function distinctWords(search: string): string[] {
  const byFolded = new Map<string, string>();
  for (const word of search.normalize("NFC").split(/\s+/)) {
    if (word !== "" && !byFolded.has(foldForSearch(word))) byFolded.set(foldForSearch(word), word);
  }
  return [...byFolded.values()];
}

/** The Enterprise field each filter in use tests, by argument name: filtering on it reveals it. */
export function filteredFields(criteria: EnterpriseCriteria): [argument: string, coordinate: string][] {
  const tested: [string, string][] = [];
  if (criteria.provinceCode !== undefined) tested.push(["provinceCode", "Enterprise.province"]);
  if (criteria.communeCode !== undefined) tested.push(["communeCode", "Enterprise.commune"]);
  if (criteria.sectorCode !== undefined) tested.push(["sectorCode", "Enterprise.sector"]);
  if (criteria.industrialZoneCode !== undefined) tested.push(["industrialZoneCode", "Enterprise.industrialZone"]);
  if (criteria.status !== undefined) tested.push(["status", "Enterprise.status"]);
  if (criteria.searchWords !== undefined) tested.push(["search", "Enterprise.name"]);
  return tested;
}
