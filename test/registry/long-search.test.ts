import pg from "pg";
import { loadDemoData } from "../../src/demo/load-demo";
import { whereClause } from "../../resolvers/registry/registry.queries";
import { freshDatabase, onServer, queryAt } from "../support/fresh-database";
import { dataOf, startTestHub, type TestHub } from "../support/hub";

// Registered names spell the legal form out; the demo abbreviates it, so this database gets one such name.
const DATABASE = `lienthong_long_search_${process.pid}`;
const LEGAL_NAME = "Công ty Trách nhiệm hữu hạn Một thành viên Thương mại và Dịch vụ Xuất nhập khẩu Kỹ thuật Phú Thịnh Sài Gòn";
const LIST = `query ($search: String) { enterprises(first: 10, filter: { search: $search }) { totalCount edges { node { taxCode name } } } }`;

let url: string;
let hub: TestHub;
let taxCode: string;
beforeAll(async () => {
  url = await freshDatabase(DATABASE);
  hub = await startTestHub({ DATABASE_URL: url });
  await loadDemoData(url, { enterprises: 300 });
  [{ tax_code: taxCode }] = await queryAt(
    url,
    `UPDATE registry.enterprise SET name = $1 WHERE tax_code = (SELECT min(tax_code) FROM registry.enterprise WHERE parent_tax_code IS NULL) RETURNING tax_code`,
    [LEGAL_NAME],
  );
});
afterAll(async () => {
  await hub?.stop();
  await onServer(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
});

/** The plan PostgreSQL can use for a search (scans priced out, as in search-index.test.ts). */
async function planFor(words: string[]): Promise<string> {
  const where = whereClause({ searchWords: words });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL enable_seqscan = off");
    const { rows } = await client.query(`EXPLAIN SELECT tax_code FROM registry.enterprise WHERE ${where.conditions.join(" AND ")}`, where.params);
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  } finally {
    await client.end();
  }
}

describe("searching by a whole legal name", () => {
  it(`finds the enterprise whose full ${LEGAL_NAME.split(" ").length}-word legal name is pasted`, async () => {
    const page = dataOf(await hub.graphql(LIST, { search: LEGAL_NAME }));
    expect(page.enterprises.edges.map((e: any) => e.node.taxCode)).toEqual([taxCode]);
  });

  it("finds it from a 31-word paste that repeats words, in other case and without diacritics", async () => {
    const pasted = `CONG TY trach nhiem huu han   ${LEGAL_NAME} phu thinh`;
    expect(pasted.split(/\s+/)).toHaveLength(31);
    const page = dataOf(await hub.graphql(LIST, { search: pasted }));
    expect(page.enterprises.edges.map((e: any) => e.node.taxCode)).toEqual([taxCode]);
  });

  it("still requires every word: one word the name lacks finds nothing", async () => {
    const page = dataOf(await hub.graphql(LIST, { search: `${LEGAL_NAME} Hải Phòng` }));
    expect(page.enterprises.totalCount).toBe(0);
  });

  it("asks the trigram index for at most three distinctive words and checks the rest on the rows they leave", async () => {
    const plan = await planFor(LEGAL_NAME.split(" "));
    expect(plan).toContain("enterprise_search_idx");
    expect(plan).not.toContain("Seq Scan");
    const indexCondition = plan.split("\n").find((line) => line.includes("Index Cond"))!;
    expect(indexCondition.match(/~~/g)).toHaveLength(3);
    expect(indexCondition).toContain("thinh");
    expect(indexCondition).not.toMatch(/%(cong|trach|nhiem|thanh|vien|thuong|mai)%/);
    expect(plan).toMatch(/Filter: .*strpos/);
  });

  it("refuses a search longer than any name, quoting only its start", async () => {
    const response = await hub.graphql(LIST, { search: `${LEGAL_NAME} `.repeat(6) });
    expect(response.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "filter.search" });
    expect(response.errors?.[0].message).toContain("at most 500 characters");
    expect(response.errors?.[0].message.length).toBeLessThan(250);
  });
});
