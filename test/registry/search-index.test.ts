import { whereClause, type EnterpriseCriteria } from "../../resolvers/registry/registry.queries";
import { useTestHub } from "../support/hub";

const hub = useTestHub();

/**
 * The plan PostgreSQL would use for the list's WHERE clause when scans of the whole table are priced
 * out. The test set is small enough that a scan is cheapest, so this asks whether an index *can*
 * serve the filter, which is what breaks when a condition stops matching its index expression.
 */
async function planFor(criteria: EnterpriseCriteria): Promise<string> {
  const where = whereClause(criteria);
  await hub.sql("BEGIN");
  try {
    await hub.sql("SET LOCAL enable_seqscan = off");
    const rows = await hub.sql(`EXPLAIN SELECT tax_code FROM registry.enterprise WHERE ${where.conditions.join(" AND ")}`, where.params);
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  } finally {
    await hub.sql("ROLLBACK");
  }
}

describe("indexes behind the list filters", () => {
  it("serves a name search from the trigram index, not a scan", async () => {
    const plan = await planFor({ searchWords: ["phu", "thinh"] });
    expect(plan).toContain("enterprise_search_idx");
    expect(plan).not.toContain("Seq Scan");
  });

  it.each([
    [{ provinceCode: "40" }, "enterprise_province_idx"],
    [{ communeCode: "00070" }, "enterprise_commune_idx"],
    [{ sectorCode: "C" }, "enterprise_sector_idx"],
    [{ industrialZoneCode: "KCN24-01" }, "enterprise_zone_idx"],
  ] as [EnterpriseCriteria, string][])("serves %j from %s", async (criteria, index) => {
    expect(await planFor(criteria)).toContain(index);
  });
});
