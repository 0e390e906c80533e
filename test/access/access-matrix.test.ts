import "reflect-metadata";
import type { FieldClass, Mandate, MandateSet } from "../../src/access";
import { AGENCIES, PURPOSES, ROLES, type Agency } from "../../src/identity/principal";
import { buildHubSchema } from "../../src/schema";
import { useTestHub, type GraphQLResponse } from "../support/hub";
import { headersFor } from "../support/tokens";
import { applying, matrixDocument, mayRead, valueAt, type MatrixPrincipal, type MatrixRoot, type Probe } from "./matrix";

/**
 * The access matrix, generated from schema/mandates.yaml and the schema: every agency, with each
 * role, stating each purpose, nationally and limited to a province, plus anonymous; for every
 * field of the graph, a request through the real HTTP server must be answered or refused exactly
 * as the mandates say (and the audit log as issue 3 says: operators and owners only). A new mandate, field or type changes the matrix with no edit here.
 */
// One document selects every field of the graph: far over the operation limits a client meets, which other tests cover.
const hub = useTestHub({
  LIENTHONG_MAX_TOKENS: "20000",
  LIENTHONG_ANONYMOUS_MAX_TOKENS: "20000",
  LIENTHONG_MAX_COST: "10000000",
  LIENTHONG_ANONYMOUS_MAX_COST: "10000000",
});
/** The demo's latest month, whose findings the compliance fields are probed on. */
const COMPLIANCE_PERIOD = "2026-10";

interface Sample {
  taxCode: string;
  province: string;
  commune: string;
  sector: string;
  zone: string;
  status: string;
  nameWord: string;
}

/** An enterprise with every relation present, so that every nested field is reached. */
async function fullEnterprise(provinces: { in: string[] } | { notIn: string[] }): Promise<Sample> {
  const [row] = await hub.sql(
    `SELECT e.tax_code, e.province_code, e.commune_code, e.sector_code, e.industrial_zone_code, e.status, e.name
       FROM registry.enterprise e
       JOIN bhxh.unit u ON u.tax_code = e.tax_code
      WHERE e.industrial_zone_code IS NOT NULL AND e.commune_code IS NOT NULL AND e.sector_code IS NOT NULL
        AND e.legal_rep_name IS NOT NULL AND e.parent_tax_code IS NULL
        AND EXISTS (SELECT 1 FROM bhxh.enrolment en WHERE en.unit_code = u.code)
        AND EXISTS (SELECT 1 FROM tax.headcount h WHERE h.tax_code = e.tax_code)
        AND EXISTS (SELECT 1 FROM statistics.labour_force s WHERE s.province_code = e.province_code)

        AND ${"in" in provinces ? "e.province_code = ANY($1)" : "e.province_code <> ALL($1)"}
      -- One with findings backed by both tax and BHXH rows where there is one, so the compliance evidence is reached.
      ORDER BY EXISTS (SELECT 1 FROM hub.compliance_finding f WHERE f.tax_code = e.tax_code AND f.period = '${COMPLIANCE_PERIOD}'
                         AND f.tax_batch_id IS NOT NULL AND f.bhxh_batch_id IS NOT NULL) DESC, e.tax_code LIMIT 1`,
    ["in" in provinces ? provinces.in : provinces.notIn],
  );
  const nameWord = (row.name as string).split(/\s+/).find((w) => [...w].length >= 3)!;
  return {
    taxCode: row.tax_code,
    province: row.province_code,
    commune: row.commune_code,
    sector: row.sector_code,
    zone: row.industrial_zone_code,
    status: row.status,
    nameWord,
  };
}

/** Every root the graph offers, plus one count per filter, since filtering on a field reveals it. */
function roots(): MatrixRoot[] {
  const count = (alias: string, filter: string): MatrixRoot => ({ field: "enterprises", alias, args: `first: 1, filter: ${filter}`, only: ["totalCount"] });
  return [
    { field: "provinces" },
    { field: "province", args: "code: $province" },
    { field: "sectors" },
    { field: "industrialZones", args: "provinceCode: $province" },
    { field: "enterprise", args: "taxCode: $taxCode" },
    { field: "enterprises", args: "first: 1" },
    count("byProvince", "{ provinceCode: $province }"),
    count("byCommune", "{ communeCode: $commune }"),
    count("bySector", "{ sectorCode: $sector }"),
    count("byZone", "{ industrialZoneCode: $zone }"),
    count("byStatus", "{ status: [$status] }"),
    count("byName", "{ search: $nameWord }"),
    { field: "myMandates" },
    { field: "auditLog", args: "first: 1" },
    { field: "ingestBatches", args: "first: 1" },
    { field: "ingestBatch", args: "id: $batchId" },
    { field: "inspectionCandidates", args: "provinceCode: $province, period: $period, first: 1" },
    { field: "publicDefaulters", args: "provinceCode: $province, period: $period, first: 1" },
    { field: "coverage" },
    { field: "coverageProgress" },
    { field: "annualReport", args: "year: 2026, provinceCode: $province" },
  ];
}

/** Which filter a count probe tests, so the oracle can require a mandate on that field too. */
const FILTER_FIELD: Record<string, string> = {
  byProvince: "Enterprise.province",
  byCommune: "Enterprise.commune",
  bySector: "Enterprise.sector",
  byZone: "Enterprise.industrialZone",
  byStatus: "Enterprise.status",
  byName: "Enterprise.name",
};

/** Count probes whose filter the fixed table of counts for aggregate-only mandates does not offer. */
const OUTSIDE_FIXED_TABLE: Record<string, boolean> = { bySector: true, byZone: true, byName: true };

/** Every agency's (or `agencies'`) roles and purposes limited to `province`; with `national`, also anonymous and unlimited. */
function principals(province: string, national: boolean, agencies: readonly Agency[] = AGENCIES): (MatrixPrincipal | null)[] {
  const all: (MatrixPrincipal | null)[] = national ? [null] : [];
  for (const agency of agencies)
    for (const role of ROLES)
      for (const purpose of PURPOSES)
        for (const scoped of national ? [false, true] : [true]) all.push({ agency, role, purpose, province: scoped ? province : undefined });
  return all;
}

describe("the access matrix generated from schema/mandates.yaml", () => {
  it("answers or refuses every field for every agency, role, purpose and scope as the mandates say", async () => {
    const { schema, accessPolicy } = await buildHubSchema();
    const set = { open: accessPolicy.openData, mandates: accessPolicy.mandates };
    // Mandates resting on a provincial text bind that province only: principals of a province the
    // file names are asked about its enterprise, and principals of a province it does not name about theirs.
    const named = [...new Set(set.mandates.flatMap((m) => m.provinces ?? []))];
    // In a named province only the agencies holding such mandates can be answered differently.
    const bound = [...new Set(set.mandates.filter((m) => m.provinces).map((m) => m.grantee.agency))];
    const samples = [await fullEnterprise({ notIn: named }), ...(named.length > 0 ? [await fullEnterprise({ in: named })] : [])];
    const { document, probes } = matrixDocument(
      schema,
      roots(),
      "($province: String!, $taxCode: String!, $commune: String, $sector: String, $zone: String, $status: EnterpriseStatus!, $nameWord: String, $batchId: ID!, $period: String!)",
    );
    const [{ id: batchId }] = await hub.sql(`SELECT id FROM hub.batch WHERE domain = 'tax' ORDER BY seq LIMIT 1`);

    const mismatches: string[] = [];
    let cases = 0;
    let refusals = 0;
    let asked = 0;
    for (const [index, sample] of samples.entries()) {
      const variables = {
        province: sample.province,
        taxCode: sample.taxCode,
        commune: sample.commune,
        sector: sample.sector,
        zone: sample.zone,
        status: sample.status,
        nameWord: sample.nameWord,
        batchId,
        period: COMPLIANCE_PERIOD,
      };
      // Principals limited to industrial zones (the board's claim zones): the sample's own zone, so it is theirs to see.
      const zoned = principals(sample.province, false, ["izb"]).map((who) => ({ ...who!, zones: [sample.zone] }));
      for (const who of index === 0 ? [...principals(sample.province, true), ...zoned] : principals(sample.province, false, bound)) {
        asked++;
        const headers = who
          ? await headersFor({ agency: who.agency, roles: [who.role], purposes: [who.purpose], province: who.province, zones: who.zones }, who.purpose)
          : { authorization: "" };
        const response = await hub.graphql(document, variables, headers);
        const label = who
          ? `${who.agency}/${who.role}/${who.purpose}${who.province ? `/province ${who.province}` : ""}${who.zones ? `/zones ${who.zones.join(",")}` : ""}`
          : "anonymous";
        if (response.status !== 200) {
          mismatches.push(`${label}: HTTP ${response.status} ${JSON.stringify(response.errors)}`);
          continue;
        }
        const mandates = applying(set, who, new Date());
        const expected = probes.map((probe) => expectation(probe, probes, accessPolicy.classes, set, mandates, who));
        probes.forEach((probe, index) => {
          // A field under a null the data holds (no industrial zone, say), or in the first element of
          // an empty list (no province under the floor), is not reached: not a case.
          if (
            probe.parent >= 0 &&
            expected[probe.parent] &&
            (valueAt(response.data, probes[probe.parent].path) == null || valueAt(response.data, probe.path.slice(0, -1)) == null)
          )
            return;
          cases++;
          const problem = compare(probe, expected, index, probes, response);
          if (problem) mismatches.push(`${label}: ${probe.path.join(".")} (${probe.coordinate}) ${problem}`);
          if (!expected[index]) refusals++;
        });
      }
    }
    process.stderr.write(
      `Access matrix: ${cases.toLocaleString("en-US")} cases (${asked} principals in provinces ${samples.map((s) => s.province).join(" and ")} × ${probes.length} fields), ${refusals.toLocaleString("en-US")} of them refusals.\n`,
    );
    expect(mismatches.slice(0, 30)).toEqual([]);
    expect(cases).toBeGreaterThan(20_000);
    // 385 requests of ~440 fields each: about 35 s alone, but several minutes on a machine the whole suite (and others) share.
  }, 600_000);
});

describe("the publish mutations, from the same principals", () => {
  it("lets exactly the owning agency's publishers call each publish mutation, and refuses everyone else with FORBIDDEN", async () => {
    const { schema, accessPolicy } = await buildHubSchema();
    const set = { open: accessPolicy.openData, mandates: accessPolicy.mandates };
    const mutations = Object.keys(schema.getMutationType()?.getFields() ?? {});
    expect(mutations.length).toBeGreaterThan(0);
    const mismatches: string[] = [];
    for (const field of mutations) {
      const coordinate = `Mutation.${field}`;
      // A period no domain has: an allowed caller is refused as BAD_USER_INPUT before anything is written, so the shared database stays as it is.
      const document = `mutation { ${field}(period: "not-a-period", rows: []) { id } }`;
      for (const who of principals("79", true)) {
        const headers = who
          ? await headersFor({ agency: who.agency, roles: [who.role], purposes: [who.purpose], province: who.province }, who.purpose)
          : { authorization: "" };
        const response = await hub.graphql(document, {}, headers);
        const allowed = mayRead(coordinate, accessPolicy.classes.get(coordinate)!, set, applying(set, who, new Date()), who);
        const code = response.errors?.find((e) => e.path?.[0] === field)?.extensions?.code;
        const label = who ? `${who.agency}/${who.role}/${who.purpose}${who.province ? `/province ${who.province}` : ""}` : "anonymous";
        if (code !== (allowed ? "BAD_USER_INPUT" : "FORBIDDEN"))
          mismatches.push(`${label}: ${coordinate} answered ${code ?? "without error"}, expected ${allowed ? "BAD_USER_INPUT" : "FORBIDDEN"}`);
      }
    }
    expect(mismatches.slice(0, 30)).toEqual([]);
  });
});

/** Readable when the field itself is allowed and so is every field above it (a refused parent hides its children). */
function expectation(
  probe: Probe,
  probes: Probe[],
  classes: Map<string, FieldClass>,
  set: MandateSet,
  mandates: Mandate[],
  who: MatrixPrincipal | null,
): boolean {
  let allowed = mayRead(probe.coordinate, classes.get(probe.coordinate)!, set, mandates, who);
  const root = String(probe.path[0]);
  if (probe.coordinate === "EnterpriseConnection.totalCount" && FILTER_FIELD[root]) {
    allowed &&= mandates.some((m) => m.fields.includes(FILTER_FIELD[root]));
    // Aggregate-only principals count from the fixed table of provinces, communes and statuses only.
    const readsRecords = mandates.some((m) => m.granularity === "record" && m.fields.some((f) => f.startsWith("Enterprise.")));
    allowed &&= readsRecords || OUTSIDE_FIXED_TABLE[root] !== true;
  }
  return allowed && (probe.parent < 0 || expectation(probes[probe.parent], probes, classes, set, mandates, who));
}

/** Undefined when the response matches the expectation for this field, else what differs. */
function compare(probe: Probe, expected: boolean[], index: number, probes: Probe[], response: GraphQLResponse): string | undefined {
  const error = response.errors?.find((e) => e.path && e.path.join(".") === probe.path.join("."));
  const parentExpected = probe.parent < 0 || expected[probe.parent];
  if (!parentExpected) {
    // Hidden behind a refused parent: it must not appear at all.
    return valueAt(response.data, probe.path) === undefined && !error ? undefined : "appears although its parent was refused";
  }
  if (expected[index]) {
    if (error) return `was refused (${error.extensions?.code}: ${error.message}) but the mandates allow it`;
    const value = valueAt(response.data, probe.path);
    if (value === null && probe.coordinate === "EnterpriseConnection.totalCount") {
      const suppressed = (response.extensions?.suppressed ?? []) as { path: (string | number)[] }[];
      return suppressed.some((s) => s.path.join(".") === probe.path.join(".")) ? undefined : "is null with no suppression note";
    }
    return undefined;
  }
  if (!error) return `was answered (${JSON.stringify(valueAt(response.data, probe.path))?.slice(0, 60)}) but no mandate allows it`;
  if (error.extensions?.code !== "FORBIDDEN") return `was refused with ${error.extensions?.code}, not FORBIDDEN`;
  if (!error.message.includes(probe.coordinate)) return `was refused without naming the field: ${error.message}`;
  if (valueAt(response.data, probe.path) !== null) return "was refused but not null";
  return undefined;
}
