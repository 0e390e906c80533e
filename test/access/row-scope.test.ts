import { dataOf, useTestHub } from "../support/hub";
import { headersFor, NATIONAL_BHXH_INSPECTOR } from "../support/tokens";

/**
 * Own-province mandates: a principal whose token names a province sees that province's
 * enterprises only, in lists, counts, lookups and nested fields, and cannot tell that a row
 * outside its province exists.
 */
const hub = useTestHub();
// Thái Nguyên: Bắc Kạn's plan (317/QĐ-UBND), which grants the labour side registry records, binds it.
const PROVINCE = "19";
const asThaiNguyenLabourInspector = () => headersFor({ agency: "labour", roles: ["inspector"], purposes: ["inspection"], province: PROVINCE });
// Nghệ An: its letter (7337/UBND-VX) grants the labour side its labour-force statistics.
const NGHE_AN = "40";
const asNgheAnLabourInspector = () => headersFor({ agency: "labour", roles: ["inspector"], purposes: ["inspection"], province: NGHE_AN });

describe("row scope of a provincial principal", () => {
  it("counts only its province's enterprises, and lists them a full page at a time", async () => {
    const [{ count }] = await hub.sql(`SELECT count(*)::int AS count FROM registry.enterprise WHERE province_code = $1`, [PROVINCE]);
    const page = dataOf(
      await hub.graphql(`{ enterprises(first: 50) { totalCount edges { node { taxCode province { code } } } } }`, {}, await asThaiNguyenLabourInspector()),
    );
    expect(page.enterprises.totalCount).toBe(count);
    // A full page: rows are filtered in SQL, before the page is cut, not dropped afterwards.
    expect(page.enterprises.edges).toHaveLength(Math.min(50, count));
    expect(new Set(page.enterprises.edges.map((e: any) => e.node.province.code))).toEqual(new Set([PROVINCE]));
  });

  it("answers a lookup outside its province exactly as for a tax code no one registered", async () => {
    const [outside] = await hub.sql(`SELECT tax_code FROM registry.enterprise WHERE province_code <> $1 LIMIT 1`, [PROVINCE]);
    const [inside] = await hub.sql(`SELECT tax_code, name FROM registry.enterprise WHERE province_code = $1 LIMIT 1`, [PROVINCE]);
    const lookup = `query($taxCode: String!) { enterprise(taxCode: $taxCode) { taxCode name } }`;
    const headers = await asThaiNguyenLabourInspector();
    const hidden = await hub.graphql(lookup, { taxCode: outside.tax_code }, headers);
    const absent = await hub.graphql(lookup, { taxCode: "0100233488" }, headers);
    expect(await hub.sql(`SELECT 1 FROM registry.enterprise WHERE tax_code = '0100233488'`)).toEqual([]);
    expect(hidden.status).toBe(absent.status);
    expect(hidden.errors).toEqual(absent.errors);
    expect(hidden.data).toEqual({ enterprise: null });
    expect(dataOf(await hub.graphql(lookup, { taxCode: inside.tax_code }, headers))).toEqual({ enterprise: { taxCode: inside.tax_code, name: inside.name } });
    // The national inspector does see the other province's enterprise: the null above was the scope.
    expect(dataOf(await hub.graphql(lookup, { taxCode: outside.tax_code }, await headersFor(NATIONAL_BHXH_INSPECTOR))).enterprise.taxCode).toBe(
      outside.tax_code,
    );
  });

  it("finds nothing when it filters on another province", async () => {
    const response = await hub.graphql(
      `{ enterprises(filter: { provinceCode: "79" }) { totalCount edges { node { taxCode } } } }`,
      {},
      await asThaiNguyenLabourInspector(),
    );
    expect(dataOf(response).enterprises).toEqual({ totalCount: 0, edges: [] });
  });

  it("reads statistics of its own province only", async () => {
    const query = `{ own: province(code: "${NGHE_AN}") { labourForce { labourForce } } other: province(code: "79") { code labourForce { labourForce } } }`;
    const data = dataOf(await hub.graphql(query, {}, await asNgheAnLabourInspector()));
    expect(data.own.labourForce.labourForce).toBeGreaterThan(0);
    expect(data.other).toEqual({ code: "79", labourForce: null });
  });

  it("limits nested records to the province too: BHXH compliance of its own enterprises only", async () => {
    const [outside] = await hub.sql(
      `SELECT e.tax_code FROM registry.enterprise e JOIN bhxh.unit u ON u.tax_code = e.tax_code WHERE e.province_code <> $1 LIMIT 1`,
      [PROVINCE],
    );
    const data = dataOf(
      await hub.graphql(`query($t: String!) { enterprise(taxCode: $t) { bhxhUnit { code } } }`, { t: outside.tax_code }, await asThaiNguyenLabourInspector()),
    );
    expect(data).toEqual({ enterprise: null });
  });
});
