import { BHXH_HEADER, BHXH_PUBLISHER, bhxhCsv } from "../support/bhxh-ingest";
import { dataOf } from "../support/hub";
import { REGISTRY_PUBLISHER, taxCsv, useIngestHub } from "../support/ingest";
import { registeredRows, registryCsv } from "../support/registry-rows";
import { headersFor, NATIONAL_BHXH_INSPECTOR } from "../support/tokens";

/**
 * Compliance findings on hand-built enterprises: each rule and its boundary days, through batches
 * published as BHXH and the tax authority publish them, read through the real server.
 */
const ingest = useIngestHub("lienthong_compliance");
const MONTH = "2026-10";
const HEADER = `${BHXH_HEADER},oldest_unpaid_period,reminder_sent_on,lowest_declared_wage_vnd`;
const FINDINGS = `query ($taxCode: String!, $period: String!, $on: Date) {
  enterprise(taxCode: $taxCode) { compliance(period: $period, on: $on) { code ground article since
    evidence { taxEmployees compulsoryInsured arrears daysOverdue paymentDeadline reminderSentOn lowestDeclaredWage legalBaseSalary registrationDeadline bhxhSource { agency } taxSource { agency } } } }
}`;

interface Unit {
  code: string;
  taxCode: string;
  name: string;
  province: string;
  registeredOn: string;
}
let paying: Unit;
let unregistered: { taxCode: string; province: string };

beforeAll(async () => {
  const [u] = await ingest.sql(
    `SELECT u.code, u.tax_code, u.name, u.province_code, to_char(u.registered_on, 'YYYY-MM-DD') AS registered_on FROM bhxh.unit u
      WHERE u.tax_code !~ '-' AND u.registered_on < '2026-01-01' AND u.name !~ ',' ORDER BY u.code LIMIT 1`,
  );
  paying = { code: u.code, taxCode: u.tax_code, name: u.name, province: u.province_code, registeredOn: u.registered_on };
  // An employer the tax authority has never seen employ anyone, with no BHXH unit.
  const [e] = await ingest.sql(
    `SELECT e.tax_code, e.province_code FROM registry.enterprise e
      WHERE e.parent_tax_code IS NULL AND NOT EXISTS (SELECT 1 FROM bhxh.unit u WHERE u.tax_code = e.tax_code)
        AND NOT EXISTS (SELECT 1 FROM tax.headcount h WHERE h.tax_code = e.tax_code AND h.employees > 0) ORDER BY e.tax_code LIMIT 1`,
  );
  unregistered = { taxCode: e.tax_code, province: e.province_code };
});

let publications = 0;
/** BHXH publishes `paying`'s month with these figures (contributions differ each time: the same content again would be a DUPLICATE and change nothing). */
async function publishMonth(figures: { insured?: number; arrears?: number; months?: number; oldest?: string; reminder?: string; lowestWage?: number }) {
  const insured = figures.insured ?? 10;
  const row = [
    paying.code,
    paying.taxCode,
    paying.name,
    paying.province,
    paying.registeredOn,
    MONTH,
    insured,
    insured,
    30_000_000 + ++publications,
    30_000_000 + publications,
    figures.arrears ?? 0,
    figures.months ?? 0,
    figures.oldest ?? "",
    figures.reminder ?? "",
    figures.lowestWage ?? 5_000_000,
  ];
  const response = await ingest.post("bhxh", MONTH, bhxhCsv([row], HEADER), { as: BHXH_PUBLISHER });
  expect(response.body.status === "APPLIED" ? "ok" : response.body).toBe("ok");
}

async function publishTax(taxCode: string, province: string, quarter: string, employees: number, wages = employees * 30_000_000) {
  const response = await ingest.post("tax", quarter, taxCsv([[taxCode, quarter, "OPERATING", employees, wages, province]]));
  expect(response.body.status === "APPLIED" || response.body.status === "DUPLICATE" ? "ok" : response.body).toBe("ok");
}

async function findings(taxCode: string, period: string, on?: string, who = NATIONAL_BHXH_INSPECTOR) {
  const response = await ingest.hub.graphql(FINDINGS, { taxCode, period, on }, await headersFor(who));
  return dataOf(response).enterprise.compliance as { code: string; ground: string; article: string; since: string; evidence: any }[];
}
const codes = (list: { code: string; ground: string }[]) => list.map((f) => (f.ground === "NONE" ? f.code : `${f.code}/${f.ground}`)).sort();

describe("late payment and evasion, counted from the oldest unpaid month's payment deadline", () => {
  // September's contributions are due by 31 October (Điều 34 khoản 4).
  beforeAll(() => publishMonth({ arrears: 9_600_000, months: 1, oldest: "2026-09" }));

  it("finds nothing on the day of the deadline", async () => {
    expect(codes(await findings(paying.taxCode, MONTH, "2026-10-31"))).toEqual([]);
  });

  it("finds LATE_PAYMENT (Điều 38) from the day after, since that day, with days overdue and the BHXH batch", async () => {
    const [late] = await findings(paying.taxCode, MONTH, "2026-11-01");
    expect(late).toMatchObject({ code: "LATE_PAYMENT", ground: "NONE", since: "2026-11-01", article: "Điều 34 khoản 4; Điều 38" });
    expect(late.evidence).toMatchObject({ arrears: "9600000", daysOverdue: 1, paymentDeadline: "2026-10-31", bhxhSource: { agency: "bhxh" } });
  });

  it("still finds LATE_PAYMENT on day 60, and on day 61 without a written reminder", async () => {
    expect(codes(await findings(paying.taxCode, MONTH, "2026-12-30"))).toEqual(["LATE_PAYMENT"]);
    expect(codes(await findings(paying.taxCode, MONTH, "2026-12-31"))).toEqual(["LATE_PAYMENT"]);
  });

  it("finds EVASION (Điều 39) on day 61 once a written reminder was sent, and no longer LATE_PAYMENT", async () => {
    await publishMonth({ arrears: 9_600_000, months: 1, oldest: "2026-09", reminder: "2026-11-05" });
    const found = await findings(paying.taxCode, MONTH, "2026-12-31");
    expect(codes(found)).toEqual(["EVASION/UNPAID_AFTER_REMINDER"]);
    expect(found[0]).toMatchObject({ since: "2026-12-31", article: "Điều 34 khoản 4; Điều 39" });
    expect(found[0].evidence.reminderSentOn).toBe("2026-11-05");
    expect(codes(await findings(paying.taxCode, MONTH, "2026-12-30"))).toEqual(["LATE_PAYMENT"]);
  });
});

describe("a declared salary below the legal base salary", () => {
  it("is EVASION at one dong below 2,340,000 VND and nothing at the base itself", async () => {
    await publishMonth({ lowestWage: 2_339_999 });
    const [evasion] = await findings(paying.taxCode, MONTH);
    expect(evasion).toMatchObject({ code: "EVASION", ground: "WAGE_BELOW_BASE", since: "2026-10-01", article: "Điều 31 khoản 1; Điều 39" });
    expect(evasion.evidence).toMatchObject({ lowestDeclaredWage: "2339999", legalBaseSalary: "2340000" });
    await publishMonth({ lowestWage: 2_340_000 });
    expect(codes(await findings(paying.taxCode, MONTH))).toEqual([]);
  });
});

describe("under-declaration against the tax authority's headcount", () => {
  it("finds nothing when tax employees equal the insured, and UNDER_DECLARED with one more", async () => {
    await publishMonth({ insured: 10 });
    await publishTax(paying.taxCode, paying.province, "2026-Q4", 10);
    expect(codes(await findings(paying.taxCode, MONTH))).toEqual([]);
    await publishTax(paying.taxCode, paying.province, "2026-Q4", 11);
    const [under] = await findings(paying.taxCode, MONTH);
    expect(under).toMatchObject({ code: "UNDER_DECLARED", article: "Điều 28 khoản 1; Điều 38" });
    expect(under.evidence).toMatchObject({ taxEmployees: 11, compulsoryInsured: 10, taxSource: { agency: "tax" } });
    // Other wages than the first time, or the same content would be a DUPLICATE and change nothing.
    await publishTax(paying.taxCode, paying.province, "2026-Q4", 10, 300_000_001);
  });
});

describe("registration within 30 days of the end of the first quarter the tax authority saw employees", () => {
  // Employees first seen in 2026-Q4 (ending 31 December): the deadline is 30 January 2027.
  beforeAll(() => publishTax(unregistered.taxCode, unregistered.province, "2026-Q4", 5));

  it("finds nothing on the deadline, NOT_ENROLLED (Điều 38) the day after and on day 60, EVASION (Điều 39) on day 61", async () => {
    expect(codes(await findings(unregistered.taxCode, "2026-12", "2027-01-30"))).toEqual([]);
    const [late] = await findings(unregistered.taxCode, "2026-12", "2027-01-31");
    expect(late).toMatchObject({ code: "NOT_ENROLLED", since: "2027-01-31", article: "Điều 28 khoản 1; Điều 38" });
    expect(late.evidence).toMatchObject({ taxEmployees: 5, registrationDeadline: "2027-01-30" });
    expect(codes(await findings(unregistered.taxCode, "2026-12", "2027-03-31"))).toEqual(["NOT_ENROLLED"]);
    const after = await findings(unregistered.taxCode, "2026-12", "2027-04-01");
    expect(codes(after)).toEqual(["EVASION/UNREGISTERED", "NOT_ENROLLED"]);
    expect(after.find((f) => f.code === "EVASION")).toMatchObject({ since: "2027-04-01", article: "Điều 28 khoản 1; Điều 39" });
  });
});

describe("the stored findings, refreshed after each batch", () => {
  const CANDIDATES = `query ($province: String, $period: String!, $first: Int, $after: String) {
    inspectionCandidates(provinceCode: $province, period: $period, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { enterprise { taxCode } province { code } uninsuredWorkers arrears findings { code } } }
    }
  }`;
  const PUBLIC = `query ($period: String!, $first: Int, $after: String) {
    publicDefaulters(period: $period, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { taxCode employerName provinceCode arrears findings { code ground daysOverdue } } }
    }
  }`;

  it("lists a late payer once its batch lands, follows its arrears as they change, and forgets it when BHXH publishes the arrears paid", async () => {
    // August's contributions, due by 30 September, are 31 days overdue on 31 October, the month's evaluation day.
    await publishMonth({ arrears: 9_600_000, months: 2, oldest: "2026-08" });
    expect(codes(await findings(paying.taxCode, MONTH))).toEqual(["LATE_PAYMENT"]);
    const listed = async () => {
      const all: any[] = [];
      let after: string | null = null;
      do {
        const page: any = dataOf(await ingest.hub.graphql(PUBLIC, { period: MONTH, first: 20, after }, { authorization: "" })).publicDefaulters;
        all.push(...page.edges.map((e: any) => e.node));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      return all;
    };
    const before = await listed();
    expect(before.find((n) => n.taxCode === paying.taxCode)).toMatchObject({
      employerName: paying.name,
      arrears: "9600000",
      findings: [{ code: "LATE_PAYMENT", daysOverdue: 31 }],
    });
    await publishMonth({ arrears: 12_000_000, months: 2, oldest: "2026-08" });
    expect((await listed()).find((n) => n.taxCode === paying.taxCode)).toMatchObject({
      arrears: "12000000",
      findings: [{ code: "LATE_PAYMENT", daysOverdue: 31 }],
    });
    await publishMonth({});
    expect(codes(await findings(paying.taxCode, MONTH))).toEqual([]);
    expect((await listed()).find((n) => n.taxCode === paying.taxCode)).toBeUndefined();
  });

  it("shows on the public list, to anyone, employers with LATE_PAYMENT or EVASION only, and nothing of a person", async () => {
    const page: any = dataOf(await ingest.hub.graphql(PUBLIC, { period: MONTH, first: 20 }, { authorization: "" })).publicDefaulters;
    expect(page.edges.length).toBeGreaterThan(0);
    for (const { node } of page.edges) for (const f of node.findings) expect(["LATE_PAYMENT", "EVASION"]).toContain(f.code);
    const [{ count }] = await ingest.sql(`SELECT count(*)::int AS count FROM hub.compliance_subject WHERE period = $1 AND publicly_listed`, [MONTH]);
    expect(page.totalCount).toBe(count);
    const [{ listedWithout }] = await ingest.sql(
      `SELECT count(*)::int AS "listedWithout" FROM hub.compliance_subject s WHERE s.period = $1 AND s.publicly_listed
          AND NOT EXISTS (SELECT 1 FROM hub.compliance_finding f WHERE f.period = s.period AND f.tax_code = s.tax_code AND f.code IN ('LATE_PAYMENT', 'EVASION'))`,
      [MONTH],
    );
    expect(listedWithout).toBe(0);
    const personal = await ingest.hub.graphql(
      `{ publicDefaulters(period: "${MONTH}", first: 1) { edges { node { legalRepresentative { fullName } } } } }`,
      {},
      { authorization: "" },
    );
    expect(personal.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("ranks inspection candidates by uninsured workers then arrears, in pages that neither repeat nor skip", async () => {
    const seen: any[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const page: any = dataOf(
        await ingest.hub.graphql(CANDIDATES, { period: MONTH, first: 7, after }, await headersFor(NATIONAL_BHXH_INSPECTOR)),
      ).inspectionCandidates;
      total = page.totalCount;
      seen.push(...page.edges.map((e: any) => e.node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen.length).toBe(total);
    expect(new Set(seen.map((n) => n.enterprise.taxCode)).size).toBe(total);
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1], seen[i]];
      expect(a.uninsuredWorkers > b.uninsuredWorkers || (a.uninsuredWorkers === b.uninsuredWorkers && BigInt(a.arrears) >= BigInt(b.arrears))).toBe(true);
    }
    expect(seen.every((n) => n.findings.length > 0)).toBe(true);
  });

  it("limits a provincial inspector to their province, and another province looks empty", async () => {
    const who = { ...NATIONAL_BHXH_INSPECTOR, province: paying.province };
    const own: any = dataOf(await ingest.hub.graphql(CANDIDATES, { period: MONTH, first: 20 }, await headersFor(who))).inspectionCandidates;
    expect(own.edges.every((e: any) => e.node.province.code === paying.province)).toBe(true);
    const [{ count }] = await ingest.sql(`SELECT count(*)::int AS count FROM hub.compliance_subject WHERE period = $1 AND province_code = $2`, [
      MONTH,
      paying.province,
    ]);
    expect(own.totalCount).toBe(count);
    const other = paying.province === "01" ? "79" : "01";
    const elsewhere: any = dataOf(
      await ingest.hub.graphql(CANDIDATES, { province: other, period: MONTH, first: 5 }, await headersFor(who)),
    ).inspectionCandidates;
    expect(elsewhere).toMatchObject({ totalCount: 0, edges: [] });
  });
});

describe("the mandates", () => {
  it("refuses the inspection list to anonymous readers and tax evidence to the union, naming the field", async () => {
    const anonymous = await ingest.hub.graphql(`{ inspectionCandidates(period: "${MONTH}") { totalCount } }`, {}, { authorization: "" });
    expect(anonymous.errors?.[0]).toMatchObject({ path: ["inspectionCandidates"], extensions: { code: "FORBIDDEN" } });
    await publishMonth({ lowestWage: 1_000_000 });
    const union = { agency: "union", roles: ["inspector"], purposes: ["monitoring"], province: paying.province } as const;
    const response = await ingest.hub.graphql(
      `query ($t: String!) { enterprise(taxCode: $t) { compliance(period: "${MONTH}") { code evidence { lowestDeclaredWage taxEmployees } } } }`,
      { t: paying.taxCode },
      await headersFor(union as any),
    );
    expect(response.data.enterprise?.compliance?.[0]?.code ?? "enterprise refused").toBeDefined();
    const refused = response.errors?.find((e: any) => e.path?.includes("taxEmployees"));
    expect(refused?.extensions?.code).toBe("FORBIDDEN");
    expect(refused?.message).toContain("ComplianceEvidence.taxEmployees");
    await publishMonth({});
  });

  it("refuses a malformed month and an evaluation day before the month, naming the argument", async () => {
    const bad = await ingest.hub.graphql(FINDINGS, { taxCode: paying.taxCode, period: "2026-13" }, await headersFor(NATIONAL_BHXH_INSPECTOR));
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "period" });
    const early = await ingest.hub.graphql(FINDINGS, { taxCode: paying.taxCode, period: MONTH, on: "2026-09-30" }, await headersFor(NATIONAL_BHXH_INSPECTOR));
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "on" });
  });
});

describe("the lists' counts", () => {
  it("counts a candidate in the province the registry moves it to, and no longer in the one it left", async () => {
    const query = `query ($province: String, $period: String!) { inspectionCandidates(provinceCode: $province, period: $period, first: 1) { totalCount } }`;
    const count = async (province: string) =>
      (
        dataOf(await ingest.hub.graphql(query, { province, period: MONTH }, await headersFor(NATIONAL_BHXH_INSPECTOR))).inspectionCandidates as {
          totalCount: number;
        }
      ).totalCount;
    const [candidate] = await ingest.sql<{ tax_code: string; province_code: string }>(
      `SELECT s.tax_code, s.province_code FROM hub.compliance_subject s JOIN registry.enterprise e ON e.tax_code = s.tax_code
        WHERE s.period = $1 AND e.parent_tax_code IS NULL ORDER BY s.tax_code LIMIT 1`,
      [MONTH],
    );
    const [row] = (await registeredRows(ingest, 1_000)).filter((r) => r.tax_code === candidate.tax_code);
    const to = candidate.province_code === "01" ? "79" : "01";
    const [before, beforeTo] = [await count(candidate.province_code), await count(to)];
    const response = await ingest.post("registry", "2026-11-20", registryCsv([{ ...row, province_code: to, commune_code: "", industrial_zone_code: "" }]), {
      as: REGISTRY_PUBLISHER,
    });
    expect(response.body.status === "APPLIED" ? "ok" : response.body).toBe("ok");
    expect([await count(candidate.province_code), await count(to)]).toEqual([before - 1, beforeTo + 1]);
  });
});
