import { SMALLEST_DISCLOSED_COUNT } from "../../src/access";
import { dataOf, useTestHub } from "../support/hub";
import { headersFor, NATIONAL_BHXH_INSPECTOR } from "../support/tokens";

/** Aggregate-only mandates (People's Committees, target-setting): counts and rates, never rows. */
const hub = useTestHub();
// Nghệ An: its letter (7337/UBND-VX) grounds the People's Committee's aggregates.
const PROVINCE = "40";
const asPeoplesCommittee = () => headersFor({ agency: "ppc", roles: ["analyst"], purposes: ["target-setting"], province: PROVINCE });

describe("an aggregate-only grantee", () => {
  it("reads how many enterprises its province has, but not which", async () => {
    const [{ count }] = await hub.sql(`SELECT count(*)::int AS count FROM registry.enterprise WHERE province_code = $1`, [PROVINCE]);
    const response = await hub.graphql(
      `{ enterprises(first: 5) { totalCount edges { node { taxCode } } pageInfo { hasNextPage } } }`,
      {},
      await asPeoplesCommittee(),
    );
    expect(response.status).toBe(200);
    expect(response.data!.enterprises).toEqual({ totalCount: count, edges: null, pageInfo: null });
    const refused = response.errors!.map((e) => [e.path!.join("."), e.extensions!.code]);
    expect(refused).toEqual(
      expect.arrayContaining([
        ["enterprises.edges", "FORBIDDEN"],
        ["enterprises.pageInfo", "FORBIDDEN"],
      ]),
    );
    expect(response.errors!.find((e) => e.path!.join(".") === "enterprises.edges")!.message).toMatch(/aggregate-only/);
  });

  it("cannot look an enterprise up by tax code", async () => {
    const [row] = await hub.sql(`SELECT tax_code FROM registry.enterprise WHERE province_code = $1 LIMIT 1`, [PROVINCE]);
    const response = await hub.graphql(`query($t: String!) { enterprise(taxCode: $t) { taxCode } }`, { t: row.tax_code }, await asPeoplesCommittee());
    expect(response.data).toEqual({ enterprise: null });
    expect(response.errors![0].extensions!.code).toBe("FORBIDDEN");
  });

  it(`withholds a count below ${SMALLEST_DISCLOSED_COUNT} with a note in extensions, so no small group is singled out`, async () => {
    const [small] = await hub.sql(
      `SELECT commune_code, status, count(*)::int AS count FROM registry.enterprise WHERE province_code = $1 AND commune_code IS NOT NULL
        GROUP BY commune_code, status HAVING count(*) < $2 ORDER BY count(*) DESC, commune_code, status LIMIT 1`,
      [PROVINCE, SMALLEST_DISCLOSED_COUNT],
    );
    expect(small.count).toBeGreaterThan(0);
    const query = `query($c: String!, $s: EnterpriseStatus!) { small: enterprises(filter: { communeCode: $c, status: [$s] }) { totalCount } all: enterprises { totalCount } }`;
    const variables = { c: small.commune_code, s: small.status };
    const response = await hub.graphql(query, variables, await asPeoplesCommittee());
    expect(response.errors).toBeUndefined();
    expect(response.data!.small.totalCount).toBeNull();
    expect(response.data!.all.totalCount).toBeGreaterThanOrEqual(SMALLEST_DISCLOSED_COUNT);
    expect(response.extensions!.suppressed).toEqual([
      { path: ["small", "totalCount"], reason: expect.stringContaining(`fewer than ${SMALLEST_DISCLOSED_COUNT}`) },
    ]);

    // A record-level grantee sees the same small count as it is.
    const inspector = dataOf(await hub.graphql(query, variables, await headersFor(NATIONAL_BHXH_INSPECTOR)));
    expect(inspector.small.totalCount).toBe(small.count);
  });

  it("withholds a count of zero too: absence is as telling as presence", async () => {
    const response = await hub.graphql(`{ enterprises(filter: { communeCode: "00001", status: [BANKRUPT] }) { totalCount } }`, {}, await asPeoplesCommittee());
    expect(response.data!.enterprises.totalCount).toBeNull();
    expect(response.extensions!.suppressed).toHaveLength(1);
  });

  it("reads its province's labour-force statistics, which are aggregates already", async () => {
    const data = dataOf(
      await hub.graphql(`{ province(code: "${PROVINCE}") { labourForce { period labourForce workingAgeLabourForce } } }`, {}, await asPeoplesCommittee()),
    );
    expect(data.province.labourForce.labourForce).toBeGreaterThan(0);
  });
});
