import { dataOf, useTestHub } from "../support/hub";
import { headersFor, type TestClaims } from "../support/tokens";

/**
 * Industrial-zone boards (issue 10, "Mandates follow the law"): a token naming industrial zones
 * (claim zones) sees the enterprises of those zones only, in lookups, lists and counts, through the
 * real server; an enterprise of the same province in another zone, or in none, looks exactly like
 * one no one registered. The mandate registry-zone-enterprises-to-izb grants the board the
 * registry's identity fields of those enterprises and nothing of tax or BHXH.
 */
const hub = useTestHub();

interface Zones {
  province: string;
  own: string;
  other: string;
}

let zones: Zones;
const board = (zoneCodes: string[], extra: Partial<TestClaims> = {}): Promise<Record<string, string>> =>
  headersFor({ agency: "izb", roles: ["analyst"], purposes: ["monitoring"], province: zones.province, zones: zoneCodes, ...extra });

const LOOKUP = `query($taxCode: String!) { enterprise(taxCode: $taxCode) { taxCode name status registeredOn address sector { code } industrialZone { code } } }`;

beforeAll(async () => {
  // A province with two zones holding enterprises, and enterprises outside every zone as well.
  const [row] = await hub.sql<{ province: string; own: string; other: string }>(
    `WITH per_zone AS (
       SELECT province_code, industrial_zone_code AS zone, count(*) AS n FROM registry.enterprise
        WHERE industrial_zone_code IS NOT NULL GROUP BY 1, 2)
     SELECT a.province_code AS province, a.zone AS own, b.zone AS other
       FROM per_zone a JOIN per_zone b ON b.province_code = a.province_code AND b.zone <> a.zone
      WHERE EXISTS (SELECT 1 FROM registry.enterprise o WHERE o.province_code = a.province_code AND o.industrial_zone_code IS NULL)
      ORDER BY a.n DESC, a.zone, b.zone LIMIT 1`,
  );
  expect(row).toBeDefined();
  zones = row;
});

async function oneEnterprise(condition: string, params: unknown[]): Promise<{ tax_code: string; name: string }> {
  const [row] = await hub.sql<{ tax_code: string; name: string }>(
    `SELECT tax_code, name FROM registry.enterprise WHERE ${condition} ORDER BY tax_code LIMIT 1`,
    params,
  );
  expect(row).toBeDefined();
  return row;
}

describe("a principal limited to industrial zones", () => {
  it("reads the registry identity of an enterprise in its zone, as the mandate grants", async () => {
    const inside = await oneEnterprise("industrial_zone_code = $1", [zones.own]);
    const data = dataOf(await hub.graphql(LOOKUP, { taxCode: inside.tax_code }, await board([zones.own])));
    expect(data.enterprise).toMatchObject({ taxCode: inside.tax_code, name: inside.name, industrialZone: { code: zones.own } });
    expect(data.enterprise.status).not.toBeNull();
    expect(data.enterprise.registeredOn).not.toBeNull();
  });

  it("sees an enterprise of another zone of the same province as absent, exactly like a tax code no one registered", async () => {
    const elsewhere = await oneEnterprise("industrial_zone_code = $1", [zones.other]);
    const headers = await board([zones.own]);
    const hidden = await hub.graphql(LOOKUP, { taxCode: elsewhere.tax_code }, headers);
    const unregistered = await hub.graphql(LOOKUP, { taxCode: "0100233488" }, headers);
    expect(await hub.sql(`SELECT 1 FROM registry.enterprise WHERE tax_code = '0100233488'`)).toEqual([]);
    expect(hidden.status).toBe(200);
    expect(hidden.data).toEqual({ enterprise: null });
    expect(hidden.errors).toEqual(unregistered.errors);
    // The board of that other zone does see it: the null above was the zone scope, not the data.
    expect(dataOf(await hub.graphql(LOOKUP, { taxCode: elsewhere.tax_code }, await board([zones.other]))).enterprise.taxCode).toBe(elsewhere.tax_code);
  });

  it("sees an enterprise of its province outside every zone as absent", async () => {
    const outsideZones = await oneEnterprise("province_code = $1 AND industrial_zone_code IS NULL", [zones.province]);
    expect(dataOf(await hub.graphql(LOOKUP, { taxCode: outsideZones.tax_code }, await board([zones.own, zones.other])))).toEqual({ enterprise: null });
  });

  it("lists and counts only its zones' enterprises, a full page at a time", async () => {
    const [{ count }] = await hub.sql<{ count: number }>(`SELECT count(*)::int AS count FROM registry.enterprise WHERE industrial_zone_code = $1`, [zones.own]);
    const [{ province }] = await hub.sql<{ province: number }>(`SELECT count(*)::int AS province FROM registry.enterprise WHERE province_code = $1`, [
      zones.province,
    ]);
    expect(province).toBeGreaterThan(count);
    const page = dataOf(
      await hub.graphql(`{ enterprises(first: 50) { totalCount edges { node { taxCode industrialZone { code } } } } }`, {}, await board([zones.own])),
    );
    expect(page.enterprises.totalCount).toBe(count);
    // Filtered in SQL before the page is cut, so the page is full when there are enough.
    expect(page.enterprises.edges).toHaveLength(Math.min(50, count));
    expect(new Set(page.enterprises.edges.map((edge: any) => edge.node.industrialZone.code))).toEqual(new Set([zones.own]));
  });

  it("counts both of its zones when it names two, and nothing when it filters on a zone not its own", async () => {
    const [{ count }] = await hub.sql<{ count: number }>(`SELECT count(*)::int AS count FROM registry.enterprise WHERE industrial_zone_code = ANY($1)`, [
      [zones.own, zones.other],
    ]);
    const both = dataOf(await hub.graphql(`{ enterprises(first: 1) { totalCount } }`, {}, await board([zones.own, zones.other])));
    expect(both.enterprises.totalCount).toBe(count);
    const other = dataOf(
      await hub.graphql(
        `query($zone: String) { enterprises(filter: { industrialZoneCode: $zone }) { totalCount edges { node { taxCode } } } }`,
        { zone: zones.other },
        await board([zones.own]),
      ),
    );
    expect(other.enterprises).toEqual({ totalCount: 0, edges: [] });
  });

  it("limits enterprise rows whatever the agency: a BHXH inspector's token naming a zone counts that zone only", async () => {
    const [{ count }] = await hub.sql<{ count: number }>(`SELECT count(*)::int AS count FROM registry.enterprise WHERE industrial_zone_code = $1`, [zones.own]);
    const headers = await headersFor({ agency: "bhxh", roles: ["inspector"], purposes: ["inspection"], province: zones.province, zones: [zones.own] });
    expect(dataOf(await hub.graphql(`{ enterprises(first: 1) { totalCount } }`, {}, headers)).enterprises.totalCount).toBe(count);
  });

  it("is refused counts from the aggregate-only table, which has no zones, rather than given its province's", async () => {
    // Nghệ An's People's Committee counts enterprises by Nghệ An's letter (aggregate-only); its token here names a zone.
    const headers = await headersFor({ agency: "ppc", roles: ["analyst"], purposes: ["target-setting"], province: "40", zones: ["KCN40-01"] });
    const response = await hub.graphql(`{ enterprises { totalCount } }`, {}, headers);
    expect(response.data.enterprises.totalCount).toBeNull();
    expect(response.errors).toEqual([
      expect.objectContaining({ message: expect.stringContaining("limited to industrial zones"), extensions: expect.objectContaining({ code: "FORBIDDEN" }) }),
    ]);
    // The same committee without zones is answered from the table: the refusal above was the zone claim.
    const unzoned = await hub.graphql(
      `{ enterprises { totalCount } }`,
      {},
      await headersFor({ agency: "ppc", roles: ["analyst"], purposes: ["target-setting"], province: "40" }),
    );
    expect(unzoned.errors).toBeUndefined();
  });

  it("is refused what no text grounds for the board: the legal representative, tax headcount and BHXH enrolment", async () => {
    const inside = await oneEnterprise("industrial_zone_code = $1", [zones.own]);
    const response = await hub.graphql(
      `query($taxCode: String!) { enterprise(taxCode: $taxCode) { name legalRepresentative { idNumber } taxHeadcount { employees } bhxhUnit { code } } }`,
      { taxCode: inside.tax_code },
      await board([zones.own]),
    );
    expect(response.data.enterprise).toEqual({ name: inside.name, legalRepresentative: null, taxHeadcount: null, bhxhUnit: null });
    const refused = (response.errors ?? []).map((error: any) => [error.extensions?.code, error.extensions?.field]).sort();
    expect(refused).toEqual([
      ["FORBIDDEN", "Enterprise.bhxhUnit"],
      ["FORBIDDEN", "Enterprise.legalRepresentative"],
      ["FORBIDDEN", "Enterprise.taxHeadcount"],
    ]);
  });

  it("shows the own-zones mandate in myMandates, applying with zones and saying why not without them", async () => {
    const query = `{ myMandates { id scope provinces legalBasis { document date } applies reason } }`;
    const withZones = dataOf(await hub.graphql(query, {}, await board([zones.own]))).myMandates;
    expect(withZones).toEqual([
      {
        id: "registry-zone-enterprises-to-izb",
        scope: "own-zones",
        provinces: null,
        legalBasis: { document: "MOLISA letter on coordination (undated)", date: "undated" },
        applies: true,
        reason: null,
      },
    ]);
    const provinceOnly = dataOf(
      await hub.graphql(query, {}, await headersFor({ agency: "izb", roles: ["analyst"], purposes: ["monitoring"], province: zones.province })),
    ).myMandates;
    expect(provinceOnly[0]).toMatchObject({ applies: false, reason: expect.stringContaining("names no zones") });
    // And without the mandate, the board's province-wide token reads no enterprise at all.
    const listed = await hub.graphql(
      `{ enterprises(first: 1) { totalCount } }`,
      {},
      await headersFor({ agency: "izb", roles: ["analyst"], purposes: ["monitoring"], province: zones.province }),
    );
    expect(listed.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("says in the schema's descriptions that the board reads in its own zones", async () => {
    const { data } = await hub.graphql(`{ __type(name: "Enterprise") { fields { name description } } }`);
    const name = data.__type.fields.find((field: { name: string }) => field.name === "name");
    expect(name.description).toContain("izb (monitoring [own zones], statistics [own zones])");
  });
});
