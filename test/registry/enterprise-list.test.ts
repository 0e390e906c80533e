import { foldVietnamese } from "../support/fold";
import { dataOf, useTestHub } from "../support/hub";

const hub = useTestHub();

const LIST = `query($filter: EnterpriseFilter, $first: Int, $after: String) {
  enterprises(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { taxCode name } }
  }
}`;

interface Page {
  enterprises: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
    edges: { cursor: string; node: { taxCode: string; name: string } }[];
  };
}

/** Walks every page of a filtered list and returns the tax codes in order. */
async function readAll(filter: Record<string, unknown>, first: number): Promise<{ codes: string[]; pages: number; totalCount: number }> {
  const codes: string[] = [];
  let after: string | null = null;
  let pages = 0;
  let totalCount = -1;
  for (;;) {
    const page: Page = dataOf(await hub.graphql<Page>(LIST, { filter, first, after }));
    pages += 1;
    totalCount = page.enterprises.totalCount;
    codes.push(...page.enterprises.edges.map((e) => e.node.taxCode));
    expect(page.enterprises.pageInfo.hasPreviousPage).toBe(after !== null);
    if (!page.enterprises.pageInfo.hasNextPage) break;
    after = page.enterprises.pageInfo.endCursor;
  }
  return { codes, pages, totalCount };
}

describe("enterprises(filter, first, after)", () => {
  it("pages through a province in tax-code order with no item lost or repeated, and counts all of them", async () => {
    const expected = (await hub.sql(`SELECT tax_code FROM registry.enterprise WHERE province_code = '40' ORDER BY tax_code`)).map((r) => r.tax_code);
    expect(expected.length).toBeGreaterThan(25);
    const { codes, pages, totalCount } = await readAll({ provinceCode: "40" }, 10);
    expect(codes).toEqual(expected);
    expect(totalCount).toBe(expected.length);
    expect(pages).toBe(Math.ceil(expected.length / 10));
  });

  it.each([
    [
      "communeCode",
      `SELECT commune_code AS v FROM registry.enterprise WHERE commune_code IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
      "commune_code = $1",
    ],
    ["sectorCode", `SELECT 'C' AS v`, "sector_code = $1"],
    [
      "industrialZoneCode",
      `SELECT industrial_zone_code AS v FROM registry.enterprise WHERE industrial_zone_code IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
      "industrial_zone_code = $1",
    ],
  ])("filters by %s", async (field, pickValue, condition) => {
    const [{ v }] = await hub.sql(pickValue);
    const expected = (await hub.sql(`SELECT tax_code FROM registry.enterprise WHERE ${condition} ORDER BY tax_code`, [v])).map((r) => r.tax_code);
    expect(expected.length).toBeGreaterThan(0);
    const { codes, totalCount } = await readAll({ [field]: v }, 100);
    expect(codes).toEqual(expected);
    expect(totalCount).toBe(expected.length);
  });

  it("filters by any of several statuses, combined with a province", async () => {
    const expected = (
      await hub.sql(`SELECT tax_code FROM registry.enterprise WHERE status IN ('DISSOLVED', 'BANKRUPT') AND province_code = '79' ORDER BY tax_code`)
    ).map((r) => r.tax_code);
    expect(expected.length).toBeGreaterThan(0);
    const { codes } = await readAll({ status: ["DISSOLVED", "BANKRUPT"], provinceCode: "79" }, 100);
    expect(codes).toEqual(expected);
  });

  it('searches names ignoring case and diacritics: "cong ty may" finds "Công ty … May …"', async () => {
    const all = await hub.sql<{ tax_code: string; name: string }>(`SELECT tax_code, name FROM registry.enterprise ORDER BY tax_code`);
    const words = ["cong", "ty", "may"];
    const expected = all.filter((e) => words.every((w) => foldVietnamese(e.name).includes(w))).map((e) => e.tax_code);
    expect(expected.length).toBeGreaterThan(0);
    const { codes, totalCount } = await readAll({ search: "cong ty may" }, 100);
    expect(codes).toEqual(expected);
    expect(totalCount).toBe(expected.length);
    const names = all.filter((e) => codes.includes(e.tax_code)).map((e) => e.name);
    expect(names.some((n) => n.includes("Công ty") && /May/.test(n))).toBe(true);
  });

  it("searches with Vietnamese input too, and with đ folded to d", async () => {
    const [{ count }] = await hub.sql(`SELECT count(*)::int AS count FROM registry.enterprise WHERE name ILIKE '%Đầu tư%' OR name ILIKE '%đầu tư%'`);
    expect(count).toBeGreaterThan(0);
    const accented = dataOf(await hub.graphql<Page>(LIST, { filter: { search: "ĐẦU TƯ" }, first: 1 }));
    const plain = dataOf(await hub.graphql<Page>(LIST, { filter: { search: "dau tu" }, first: 1 }));
    expect(accented.enterprises.totalCount).toBeGreaterThanOrEqual(count);
    expect(plain.enterprises.totalCount).toBe(accented.enterprises.totalCount);
  });

  it("treats LIKE wildcards in a search as plain characters", async () => {
    const page = dataOf(await hub.graphql<Page>(LIST, { filter: { search: "%%% ___" }, first: 5 }));
    expect(page.enterprises.totalCount).toBe(0);
    expect(page.enterprises.edges).toEqual([]);
    expect(page.enterprises.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null });
  });

  it.each([
    [{ first: 0 }, "first", "from 1 to 100"],
    [{ first: 101 }, "first", "from 1 to 100"],
    [{ first: 5, after: "not-a-cursor" }, "after", "not a cursor"],
    [{ first: 5, after: Buffer.from("province:01").toString("base64url") }, "after", "not a cursor"],
    [{ filter: { provinceCode: "4" } }, "filter.provinceCode", "two digits"],
    [{ filter: { communeCode: "12" } }, "filter.communeCode", "five digits"],
    [{ filter: { sectorCode: "Z" } }, "filter.sectorCode", "A to U"],
    [{ filter: { status: [] } }, "filter.status", "at least one status"],
    [{ filter: { search: "ty an" } }, "filter.search", "3 or more letters"],
  ])("refuses %j with BAD_USER_INPUT naming %s", async (variables, argument, reason) => {
    const response = await hub.graphql(LIST, variables);
    expect(response.status).toBe(200);
    expect(response.data).toBeNull();
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument });
    expect(response.errors![0].message).toContain(reason);
  });

  it("reads only the count when only totalCount is asked for", async () => {
    const response = await hub.graphql(`{ enterprises(filter: { provinceCode: "01" }) { totalCount } }`);
    const [{ count }] = await hub.sql(`SELECT count(*)::int AS count FROM registry.enterprise WHERE province_code = '01'`);
    expect(dataOf(response).enterprises.totalCount).toBe(count);
    expect(response.extensions?.stats.sqlStatements).toBe(1);
  });
});
