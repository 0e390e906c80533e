import fs from "node:fs";
import path from "node:path";
import { parse, stringify } from "yaml";
import { SMALLEST_DISCLOSED_COUNT } from "../../src/access";
import { projectRoot } from "../../src/config";
import { dataOf, startTestHub, useTestHub, type TestHub } from "../support/hub";
import { testDataDir } from "../support/test-env";
import { headersFor, NATIONAL_BHXH_INSPECTOR } from "../support/tokens";

/**
 * Disclosure control for aggregate-only principals: no withheld count can be recovered from the
 * other counts the hub gives, by complementary status lists, a total minus its parts, or a
 * province minus its other communes. Each attack below is run the way an attacker would: ask every
 * cell, then subtract within every additive line, again and again, and see what falls out.
 */
// Hồ Chí Minh City: the largest table, where small cells sit beside large totals. The mandates
// file grounds the committee's counts in Nghệ An only; this test's hubs let every province's
// committee count its own, so the attacks can go where the data makes them hardest.
const PROVINCE = "79";
const STATUSES = ["ACTIVE", "SUSPENDED", "DISSOLVING", "DISSOLVED", "BANKRUPT"];
/** The cells of one line: statuses and their total, or the parts of an area and the area's cell. */
const ALL = "*";
const NO_COMMUNE = "-";

const hub = useTestHub({ LIENTHONG_MANDATES_FILE: mandatesWithCommittees("every-province") });
// The same People's Committee mandate, but national: its principals see the national table too.
const nationalHub = useTestHub({ LIENTHONG_MANDATES_FILE: mandatesWithCommittees("national") });
const asPeoplesCommittee = () => headersFor({ agency: "ppc", roles: ["analyst"], purposes: ["target-setting"], province: PROVINCE });
const asNationalCommittee = () => headersFor({ agency: "ppc", roles: ["analyst"], purposes: ["target-setting"] });

interface Cell {
  province: string;
  commune: string;
  status: string;
}
interface Line {
  parts: string[];
  total: string;
}
interface Answer {
  value: number | null;
  note?: string;
}

const keyOf = (cell: Cell) => `${cell.province}/${cell.commune}/${cell.status}`;

describe("disclosure control for aggregate-only principals", () => {
  it("refuses a complementary status list, so a cell is not its total minus the other statuses", async () => {
    const small = await smallCellWithLargeTotal();
    const query = `query($c: String!, $s: EnterpriseStatus!, $others: [EnterpriseStatus!]!) {
      cell: enterprises(filter: { communeCode: $c, status: [$s] }) { totalCount }
      total: enterprises(filter: { communeCode: $c }) { totalCount }
      others: enterprises(filter: { communeCode: $c, status: $others }) { totalCount }
    }`;
    const others = STATUSES.filter((s) => s !== small.status);
    const response = await hub.graphql(query, { c: small.commune, s: small.status, others }, await asPeoplesCommittee());
    const { cell, total, others: rest } = response.data!;
    expect(cell.totalCount).toBeNull();
    const recovered = total.totalCount != null && rest?.totalCount != null ? total.totalCount - rest.totalCount : undefined;
    expect(recovered).toBeUndefined();
    const refusal = response.errors!.find((e) => e.path!.join(".") === "others.totalCount")!;
    expect(refusal.extensions!.code).toBe("FORBIDDEN");
    expect(refusal.message).toMatch(/one fixed table/);
    expect(refusal.message).toMatch(/lists 4 statuses.*ask for each on its own/);
  });

  it("leaves no row of statuses with exactly one withheld count: a total minus its parts reveals nothing", async () => {
    const table = await provinceTable(hub, await asPeoplesCommittee(), PROVINCE);
    expect(
      disclosed(
        table,
        table.lines.filter((line) => line.total.endsWith(`/${ALL}`) && !line.parts[0].endsWith(`/${ALL}`)),
      ),
    ).toEqual([]);
  });

  it("leaves no column of communes with exactly one withheld count: a province minus its other communes reveals nothing", async () => {
    const table = await provinceTable(hub, await asPeoplesCommittee(), PROVINCE);
    const columns = table.lines.filter((line) => line.total.startsWith(`${PROVINCE}/${ALL}/`) && line.parts.some((part) => part.includes(`/${NO_COMMUNE}/`)));
    expect(columns).toHaveLength(STATUSES.length + 1);
    expect(disclosed(table, columns)).toEqual([]);
  });

  it("gives nothing away to repeated subtraction across the whole province table, enterprises without a commune included", async () => {
    const table = await provinceTable(hub, await asPeoplesCommittee(), PROVINCE);
    expect(table.withheld.length).toBeGreaterThan(0);
    expect(table.secondary).toBeGreaterThan(0);
    expect(disclosed(table, table.lines)).toEqual([]);
    for (const key of table.withheld) expect([key, table.answers.get(key)!.note]).toEqual([key, expect.stringMatching(/(primary|secondary) suppression/)]);
    // What is published is exact.
    for (const [key, answer] of table.answers) if (answer.value !== null) expect([key, answer.value]).toEqual([key, table.truth.get(key)]);
  });

  it("gives nothing away across the national table of provinces, where the province rows link to each province's communes", async () => {
    const headers = await asNationalCommittee();
    const provinces = (await nationalHub.sql(`SELECT DISTINCT province_code FROM registry.enterprise ORDER BY 1`)).map((row) => row.province_code as string);
    const cells = [...provinces, ALL].flatMap((province) => [...STATUSES, ALL].map((status) => ({ province, commune: ALL, status })));
    const answers = await ask(nationalHub, headers, cells);
    const truth = await trueCounts(nationalHub, `TRUE`);
    const lines = additiveLines([...provinces, ALL], (province) => (province === ALL ? undefined : province), ALL);
    // Linked: the province row is also the total row of that province's own table.
    const small = await nationalHub.sql(`SELECT province_code FROM registry.enterprise GROUP BY 1 ORDER BY count(*) LIMIT 1`);
    const linked = await provinceTable(nationalHub, headers, small[0].province_code);
    expect(answers.get(`${ALL}/${ALL}/${ALL}`)!.value).toBe(truth.get(`${ALL}/${ALL}/${ALL}`));
    const combined = { answers: new Map([...answers, ...linked.answers]), truth: new Map([...truth, ...linked.truth]), lines: [...lines, ...linked.lines] };
    expect(disclosed(combined, combined.lines)).toEqual([]);
  });

  it("protects a zero as it protects a small count: withheld, and not the only unknown in any line", async () => {
    const [zero] = await hub.sql(
      `WITH communes AS (SELECT province_code, commune_code, count(*) AS total FROM registry.enterprise WHERE commune_code IS NOT NULL GROUP BY 1, 2)
       SELECT c.province_code, c.commune_code, s.status FROM communes c CROSS JOIN unnest($2::text[]) AS s(status)
        WHERE c.total >= $1 AND NOT EXISTS (SELECT 1 FROM registry.enterprise e WHERE e.commune_code = c.commune_code AND e.status::text = s.status)
        ORDER BY c.total DESC, c.commune_code, s.status LIMIT 1`,
      [SMALLEST_DISCLOSED_COUNT * 2, STATUSES],
    );
    const headers = await headersFor({ agency: "ppc", roles: ["analyst"], purposes: ["target-setting"], province: zero.province_code });
    const query = `query($c: String!, $s: EnterpriseStatus!) { enterprises(filter: { communeCode: $c, status: [$s] }) { totalCount } }`;
    const response = await hub.graphql(query, { c: zero.commune_code, s: zero.status }, headers);
    expect(response.data!.enterprises.totalCount).toBeNull();
    expect(response.extensions!.suppressed).toEqual([{ path: ["enterprises", "totalCount"], reason: expect.stringContaining("primary suppression") }]);
    const table = await provinceTable(hub, headers, zero.province_code);
    const key = `${zero.province_code}/${zero.commune_code}/${zero.status}`;
    const around = table.lines.filter((line) => line.total === key || line.parts.includes(key));
    expect(around).toHaveLength(2);
    expect(disclosed(table, around)).toEqual([]);
  });

  it("answers one cell the same however it is asked", async () => {
    const small = await smallCellWithLargeTotal();
    const query = `query($c: String!, $s: EnterpriseStatus!, $p: String!) {
      plain: enterprises(filter: { communeCode: $c, status: [$s] }) { totalCount }
      withProvince: enterprises(filter: { provinceCode: $p, communeCode: $c, status: [$s, $s] }) { totalCount }
      province: enterprises(filter: { status: [$s] }) { totalCount }
      provinceNamed: enterprises(filter: { provinceCode: $p, status: [$s] }) { totalCount }
      elsewhere: enterprises(filter: { provinceCode: "01" }) { totalCount }
    }`;
    const data = dataOf(await hub.graphql(query, { c: small.commune, s: small.status, p: PROVINCE }, await asPeoplesCommittee()));
    expect(data.plain.totalCount).toBeNull();
    expect(data.withProvince.totalCount).toBeNull();
    expect(data.province.totalCount).toBe(data.provinceNamed.totalCount);
    // Another province's rows look like rows that do not exist: a zero, withheld.
    expect(data.elsewhere.totalCount).toBeNull();
  });

  it("refuses filters outside the fixed table with FORBIDDEN and says what to ask instead", async () => {
    const [row] = await hub.sql(
      `SELECT sector_code, industrial_zone_code FROM registry.enterprise WHERE province_code = $1 AND industrial_zone_code IS NOT NULL LIMIT 1`,
      [PROVINCE],
    );
    const query = `query($sector: String!, $zone: String!) {
      bySector: enterprises(filter: { sectorCode: $sector }) { totalCount }
      byZone: enterprises(filter: { industrialZoneCode: $zone, status: [ACTIVE] }) { totalCount }
      byStatuses: enterprises(filter: { status: [ACTIVE, SUSPENDED] }) { totalCount }
      allowed: enterprises(filter: { status: [ACTIVE] }) { totalCount }
    }`;
    const response = await hub.graphql(query, { sector: row.sector_code, zone: row.industrial_zone_code }, await asPeoplesCommittee());
    expect(response.data!.allowed.totalCount).toBeGreaterThanOrEqual(SMALLEST_DISCLOSED_COUNT);
    const refusals = Object.fromEntries(response.errors!.map((e) => [e.path![0], e]));
    expect(Object.keys(refusals).sort()).toEqual(["bySector", "byStatuses", "byZone"]);
    for (const [alias, error] of Object.entries(refusals)) {
      expect([alias, error.extensions!.code, response.data![alias].totalCount]).toEqual([alias, "FORBIDDEN", null]);
      expect(error.message).toMatch(
        /EnterpriseConnection\.totalCount is refused: aggregate-only mandates count from one fixed table.*by province, and by commune within a province.*Filter only on provinceCode, communeCode and status with one value/,
      );
    }
    expect(refusals.bySector.message).toMatch(/also filters on sectorCode/);
    expect(refusals.byZone.message).toMatch(/also filters on industrialZoneCode/);
  });

  it("computes the table in one statement and then answers counts from it until LIENTHONG_DISCLOSURE_CACHE_SECONDS pass", async () => {
    const query = `{ a: enterprises(filter: { status: [ACTIVE] }) { totalCount } b: enterprises { totalCount } c: enterprises(filter: { status: [BANKRUPT] }) { totalCount } }`;
    const statements = async (target: TestHub) => (await target.graphql(query, {}, await asPeoplesCommittee())).extensions!.stats.sqlStatements;
    const mandates = mandatesWithCommittees("every-province");
    const cached = await startTestHub({ LIENTHONG_MANDATES_FILE: mandates });
    const uncached = await startTestHub({ LIENTHONG_MANDATES_FILE: mandates, LIENTHONG_DISCLOSURE_CACHE_SECONDS: "0" });
    try {
      expect([await statements(cached), await statements(cached), await statements(cached)]).toEqual([1, 0, 0]);
      expect([await statements(uncached), await statements(uncached)]).toEqual([1, 1]);
    } finally {
      await cached.stop();
      await uncached.stop();
    }
  });

  it("still gives record-level grantees exact counts under every filter", async () => {
    const small = await smallCellWithLargeTotal();
    const [truth] = await hub.sql(
      `SELECT count(*) FILTER (WHERE status = $2)::int AS cell, count(*) FILTER (WHERE status <> $2)::int AS others,
              count(*) FILTER (WHERE sector_code = 'C')::int AS sector
         FROM registry.enterprise WHERE commune_code = $1`,
      [small.commune, small.status],
    );
    const query = `query($c: String!, $s: EnterpriseStatus!, $others: [EnterpriseStatus!]!) {
      cell: enterprises(filter: { communeCode: $c, status: [$s] }) { totalCount }
      others: enterprises(filter: { communeCode: $c, status: $others }) { totalCount }
      sector: enterprises(filter: { communeCode: $c, sectorCode: "C" }) { totalCount }
    }`;
    const response = await hub.graphql(
      query,
      { c: small.commune, s: small.status, others: STATUSES.filter((s) => s !== small.status) },
      await headersFor(NATIONAL_BHXH_INSPECTOR),
    );
    expect(dataOf(response)).toEqual({ cell: { totalCount: truth.cell }, others: { totalCount: truth.others }, sector: { totalCount: truth.sector } });
    expect(response.extensions!.suppressed).toBeUndefined();
  });
});

/** A commune of PROVINCE with a status counted 1 to 4 while the commune holds many: the cell the attack recovers. */
async function smallCellWithLargeTotal(): Promise<{ commune: string; status: string; count: number }> {
  const [row] = await hub.sql(
    `WITH cells AS (SELECT commune_code, status, count(*)::int AS count, sum(count(*)) OVER (PARTITION BY commune_code) AS total
                      FROM registry.enterprise WHERE province_code = $1 AND commune_code IS NOT NULL GROUP BY commune_code, status)
     SELECT commune_code, status, count FROM cells WHERE count < $2 AND total >= $2 * 3 ORDER BY total DESC, commune_code, status LIMIT 1`,
    [PROVINCE, SMALLEST_DISCLOSED_COUNT],
  );
  expect(row).toBeDefined();
  return { commune: row.commune_code, status: row.status, count: row.count };
}

interface AskedTable {
  answers: Map<string, Answer>;
  truth: Map<string, number>;
  lines: Line[];
  withheld: string[];
  secondary: number;
}

/** Every cell of a province's table as the principal is answered, with the table's additive lines and the true counts. */
async function provinceTable(target: TestHub, headers: Record<string, string>, province: string): Promise<AskedTable> {
  const communes = (
    await target.sql(`SELECT DISTINCT commune_code FROM registry.enterprise WHERE province_code = $1 AND commune_code IS NOT NULL ORDER BY 1`, [province])
  ).map((row) => row.commune_code as string);
  const published = [...communes, ALL].flatMap((commune) => [...STATUSES, ALL].map((status) => ({ province, commune, status })));
  const answers = await ask(target, headers, published);
  const withheld = [...answers].filter(([, answer]) => answer.value === null);
  return {
    answers,
    truth: await trueCounts(target, `province_code = '${province}'`),
    lines: additiveLines([...communes, NO_COMMUNE, ALL], (commune) => (commune === ALL ? undefined : commune), province),
    withheld: withheld.map(([key]) => key),
    secondary: withheld.filter(([, answer]) => answer.note?.includes("secondary suppression")).length,
  };
}

/**
 * Rows (statuses → their total) for each of `areas`, and columns (each area's cell → the cell of
 * ALL) for each status and the total. `inner` names the commune (or, nationally, the province) an area stands for; undefined for ALL.
 */
function additiveLines(areas: string[], inner: (area: string) => string | undefined, province: string): Line[] {
  const key = (area: string, status: string) => {
    const commune = inner(area);
    if (province === ALL) return keyOf({ province: commune ?? ALL, commune: ALL, status });
    return keyOf({ province, commune: commune ?? ALL, status });
  };
  const rows = areas.map((area) => ({ parts: STATUSES.map((status) => key(area, status)), total: key(area, ALL) }));
  const parts = areas.filter((area) => area !== ALL);
  const columns = [...STATUSES, ALL].map((status) => ({ parts: parts.map((area) => key(area, status)), total: key(ALL, status) }));
  return [...rows, ...columns];
}

/** Asks every cell, a few per request, and returns each cell's answer with its suppression note. */
async function ask(target: TestHub, headers: Record<string, string>, cells: Cell[]): Promise<Map<string, Answer>> {
  const answers = new Map<string, Answer>();
  for (let start = 0; start < cells.length; start += 10) {
    const chunk = cells.slice(start, start + 10);
    const fields = chunk.map((cell, index) => {
      const filter = [
        cell.province !== ALL && `provinceCode: "${cell.province}"`,
        cell.commune !== ALL && `communeCode: "${cell.commune}"`,
        cell.status !== ALL && `status: [${cell.status}]`,
      ].filter(Boolean);
      return `c${index}: enterprises(filter: { ${filter.join(", ")} }) { totalCount }`;
    });
    const response = await target.graphql(`{ ${fields.join("\n")} }`, {}, headers);
    const data = dataOf(response) as Record<string, { totalCount: number | null }>;
    const notes = (response.extensions?.suppressed ?? []) as { path: string[]; reason: string }[];
    chunk.forEach((cell, index) => {
      const value = data[`c${index}`].totalCount;
      const note = notes.find((n) => n.path[0] === `c${index}`)?.reason;
      answers.set(keyOf(cell), note ? { value, note } : { value });
    });
  }
  return answers;
}

/** True counts of every cell of the province/commune/status table within `where`, from the database. */
async function trueCounts(target: TestHub, where: string): Promise<Map<string, number>> {
  const rows = await target.sql(
    `SELECT province_code, coalesce(commune_code, '${NO_COMMUNE}') AS commune, status, count(*)::int AS count FROM registry.enterprise WHERE ${where} GROUP BY 1, 2, 3`,
  );
  const truth = new Map<string, number>();
  const add = (key: string, count: number) => truth.set(key, (truth.get(key) ?? 0) + count);
  for (const row of rows) {
    for (const province of [row.province_code, ALL])
      for (const commune of province === ALL ? [ALL] : [row.commune, ALL])
        for (const status of [row.status, ALL]) add(keyOf({ province, commune, status }), row.count);
  }
  return truth;
}

/**
 * The attack: start from what the hub published, then in every line derive the one unknown cell
 * (a total minus its other parts), or every unknown part when the rest adds up to zero (counts
 * are never negative), until nothing more follows. Cells never published (enterprises without a
 * commune) start unknown. Returns the withheld counts so recovered, as "cell = value".
 */
function disclosed(table: Pick<AskedTable, "answers" | "truth" | "lines">, lines: Line[]): string[] {
  const known = new Map<string, number>();
  for (const [key, answer] of table.answers) if (answer.value !== null) known.set(key, answer.value);
  const learn = (key: string, value: number) => {
    known.set(key, value);
    changed = true;
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (const { parts, total } of lines) {
      const unknown = parts.filter((part) => !known.has(part));
      const sum = parts.reduce((s, part) => s + (known.get(part) ?? 0), 0);
      if (!known.has(total)) {
        if (unknown.length === 0) learn(total, sum);
        continue;
      }
      const rest = known.get(total)! - sum;
      if (unknown.length === 1) learn(unknown[0], rest);
      else if (unknown.length > 1 && rest === 0) for (const part of unknown) learn(part, 0);
    }
  }
  const withheld = (key: string) =>
    table.answers.get(key)?.value === null || (key.includes(`/${NO_COMMUNE}/`) && (table.truth.get(key) ?? 0) < SMALLEST_DISCLOSED_COUNT);
  return [...known].filter(([key]) => withheld(key)).map(([key, value]) => `${key} = ${value} (truly ${table.truth.get(key) ?? 0})`);
}

/**
 * A copy of schema/mandates.yaml in which the People's Committees' registry mandate applies in
 * every province (each committee its own rows), or is national.
 */
function mandatesWithCommittees(scope: "every-province" | "national"): string {
  const content = parse(fs.readFileSync(path.join(projectRoot(), "schema", "mandates.yaml"), "utf8")) as {
    mandates: { id: string; scope: string; provinces?: string[] }[];
  };
  const committees = content.mandates.find((m) => m.id === "registry-aggregate-to-ppc")!;
  delete committees.provinces;
  if (scope === "national") committees.scope = "national";
  const file = path.join(testDataDir(), `mandates-committees-${scope}.yaml`);
  fs.writeFileSync(file, stringify(content));
  return file;
}
