import type { Database } from "../../src/database";
import type { Enterprise, EnterpriseStatus } from "../../entities";

/** The filters of EnterpriseFilter, already validated. */
export interface EnterpriseCriteria {
  provinceCode?: string;
  communeCode?: string;
  sectorCode?: string;
  status?: EnterpriseStatus[];
  industrialZoneCode?: string;
  /** Words that must all occur in the name, ignoring case and diacritics. */
  searchWords?: string[];
  /** Row scope of the principal's province: applied in SQL, so rows outside it are never read. */
  scopeProvinceCode?: string;
  /** Row scope of the principal's industrial zones (claim zones), applied in SQL like the province's. */
  scopeZoneCodes?: readonly string[];
}

const ENTERPRISE_COLUMNS = `
  tax_code AS "taxCode", parent_tax_code AS "parentTaxCode", name, legal_form AS "legalForm", status,
  to_char(registered_on, 'YYYY-MM-DD') AS "registeredOn", province_code AS "provinceCode",
  commune_code AS "communeCode", sector_code AS "sectorCode", industrial_zone_code AS "industrialZoneCode",
  address, legal_rep_name AS "legalRepName", legal_rep_id_number AS "legalRepIdNumber", batch_id AS "batchId"`;

/** Enterprises by tax code; with a province (and zone) scope, those outside it are not read, as if absent. */
export function enterprisesByTaxCode(
  db: Database,
  taxCodes: readonly string[],
  scopeProvinceCode: string | undefined,
  scopeZoneCodes?: readonly string[],
): Promise<Enterprise[]> {
  const where = whereClause({ scopeProvinceCode, scopeZoneCodes });
  where.params.push(taxCodes);
  where.conditions.push(`tax_code = ANY($${where.params.length})`);
  return db.query(`SELECT ${ENTERPRISE_COLUMNS} FROM registry.enterprise ${render(where.conditions)}`, where.params, { prepared: true });
}

/**
 * One page in tax-code order after `afterTaxCode`; reads `limit` rows. With `withTotal`, the same
 * statement counts every match (all pages) in a subquery PostgreSQL runs once; `total` is undefined
 * when the page is empty, which carries no row to read it from.
 */
export async function enterprisePage(
  db: Database,
  criteria: EnterpriseCriteria,
  limit: number,
  afterTaxCode: string | undefined,
  withTotal = false,
): Promise<{ rows: Enterprise[]; total: number | undefined }> {
  const where = whereClause(criteria);
  const matching = render(where.conditions);
  const params = [...where.params];
  if (afterTaxCode !== undefined) {
    params.push(afterTaxCode);
    where.conditions.push(`tax_code > $${params.length}`);
  }
  params.push(limit);
  const total = withTotal ? `, (SELECT count(*) FROM registry.enterprise ${matching})::int AS "totalMatching"` : "";
  const rows = await db.query<Enterprise & { totalMatching?: number }>(
    `SELECT ${ENTERPRISE_COLUMNS}${total} FROM registry.enterprise ${render(where.conditions)} ORDER BY tax_code LIMIT $${params.length}`,
    params,
  );
  const counted = withTotal && rows.length > 0 ? rows[0].totalMatching : undefined;
  if (withTotal) for (const row of rows) delete row.totalMatching;
  return { rows, total: counted };
}

/** How many enterprises match, counted in SQL. */
export async function enterpriseCount(db: Database, criteria: EnterpriseCriteria): Promise<number> {
  const where = whereClause(criteria);
  const [row] = await db.query<{ count: string }>(`SELECT count(*) AS count FROM registry.enterprise ${render(where.conditions)}`, where.params);
  return Number(row.count);
}

/**
 * Every enterprise counted by province, commune (null when the registry records none) and status,
 * in one scan: the inner cells of the one table aggregate-only principals count from.
 */
export function enterpriseCountsByCell(db: Database): Promise<{ provinceCode: string; communeCode: string | null; status: EnterpriseStatus; count: number }[]> {
  return db.query(
    `SELECT province_code AS "provinceCode", commune_code AS "communeCode", status, count(*)::int AS count
       FROM registry.enterprise GROUP BY province_code, commune_code, status`,
  );
}

/** The WHERE conditions for criteria; exported so tests can check which index serves them. */
export function whereClause(criteria: EnterpriseCriteria): { conditions: string[]; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (placeholder: string) => string, value: unknown) => {
    params.push(value);
    conditions.push(sql(`$${params.length}`));
  };
  if (criteria.scopeProvinceCode !== undefined) add((p) => `province_code = ${p}`, criteria.scopeProvinceCode);
  // An enterprise outside every zone has a null code, which ANY never matches: a zone principal does not see it.
  if (criteria.scopeZoneCodes !== undefined) add((p) => `industrial_zone_code = ANY(${p})`, criteria.scopeZoneCodes);
  if (criteria.provinceCode !== undefined) add((p) => `province_code = ${p}`, criteria.provinceCode);
  if (criteria.communeCode !== undefined) add((p) => `commune_code = ${p}`, criteria.communeCode);
  if (criteria.sectorCode !== undefined) add((p) => `sector_code = ${p}`, criteria.sectorCode);
  if (criteria.industrialZoneCode !== undefined) add((p) => `industrial_zone_code = ${p}`, criteria.industrialZoneCode);
  if (criteria.status !== undefined) add((p) => `status = ANY(${p})`, criteria.status);
  const { indexed, filtered } = searchPlan(criteria.searchWords ?? []);
  for (const word of indexed) {
    // search_key is indexed with pg_trgm, so each LIKE is answered from the trigram index.
    add((p) => `search_key LIKE '%' || hub.search_key(${p}) || '%'`, escapeLike(word));
  }
  for (const word of filtered) {
    // strpos is not indexable, so these are checked only on the rows the indexed words left.
    add((p) => `strpos(search_key, hub.search_key(${p})) > 0`, word);
  }
  return { conditions, params };
}

/** Words sent to the trigram index at most; each one more costs a scan of its posting lists. */
const MAX_INDEXED_WORDS = 3;

/**
 * Words in most registered names (legal forms, common trades and places, folded): they narrow a
 * search little, and their trigrams' posting lists are the longest, so the index is asked for others.
 */
const COMMON_NAME_WORDS = new Set(
  (
    "cong ty tnhh trach nhiem huu han mot thanh vien mtv co phan cp hop danh doanh nghiep tu nhan chi nhanh van phong dai dien tai " +
    "va thuong mai dich vu san xuat xay dung dau tu phat trien ky thuat nghe xuat nhap khau viet nam tap doan quoc te mien bac trung"
  ).split(" "),
);

/**
 * Splits a search's words into the few most selective ones, matched through the trigram index,
 * and the rest, checked on the rows those leave. So a whole legal name of twenty words costs about
 * what its three most distinctive words cost. Longer words carry more trigrams and so narrow more;
 * words under 3 letters have no trigram and are never indexed.
 */
export function searchPlan(words: readonly string[]): { indexed: string[]; filtered: string[] } {
  const rank = (word: string) => {
    const folded = foldForSearch(word);
    return (COMMON_NAME_WORDS.has(folded) ? 0 : 1000) + [...folded].length;
  };
  const candidates = words.filter((word) => [...foldForSearch(word)].length >= 3).sort((a, b) => rank(b) - rank(a));
  const indexed = candidates.slice(0, MAX_INDEXED_WORDS);
  return { indexed, filtered: words.filter((word) => !indexed.includes(word)) };
}

/**
 * A word as hub.search_key folds it (case, diacritics, đ → d), to compare words in JavaScript;
 * the database still folds what it matches, so a difference here costs only a duplicate condition.
 */
export function foldForSearch(word: string): string {
  return word
    .replace(/[đĐ]/g, "d")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

function render(conditions: string[]): string {
  return conditions.length === 0 ? "" : `WHERE ${conditions.join(" AND ")}`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
