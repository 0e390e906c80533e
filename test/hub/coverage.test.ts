import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { dataOf } from "../support/hub";
import { BHXH_PUBLISHER, bhxhCsv, demoUnitRows } from "../support/bhxh-ingest";
import { TAX_PUBLISHER, useIngestHub } from "../support/ingest";
import { PROJECT_ROOT, runNode } from "../support/processes";
import { labourForceCsv, STATISTICS_PUBLISHER } from "../support/statistics-ingest";
import { headersFor, tokenFor, type TestClaims } from "../support/tokens";

/**
 * Coverage against targets (issue 10), on hand-built months: BHXH's enrolment and voluntary
 * participants for a month before the demo's, the statistics office's pre-merger figures under
 * former provinces, and targets published by the labour administration and a People's Committee.
 */
const ingest = useIngestHub("lienthong_coverage", 400);
const MONTH = "2024-06";
const TARGETS_HEADER =
  "scope_kind,scope_code,year,social_insurance_rate,participants,unemployment_insurance_rate,voluntary_rate,voluntary_participants,legal_basis,article,note";
const LABOUR_NATIONAL: TestClaims = { agency: "labour", roles: ["publisher"], purposes: ["target-setting"], sub: "labour-publisher-test" };
const COVERAGE = `query ($code: String!, $period: String) {
  province(code: $code) {
    coverage(period: $period) {
      scope period enrolmentMonth compulsoryInsured voluntaryInsured unemploymentInsured participants
      statisticsPeriod workingAgeLabourForce rolledUpFrom rate unemploymentInsuranceRate reason
      numeratorSources { agency batchId } denominatorSources { agency batchId }
    }
    belowCoverageFloor(period: $period)
  }
}`;

/** A consistent labour-force row whose working-age labour force is exactly `workingAge`. */
function statsRow(code: string, period: string, workingAge: number): (string | number)[] {
  const labourForce = workingAge + 10;
  return [code, period, labourForce * 2 + 100, workingAge + 50, labourForce, workingAge, labourForce - 1, 1, 0];
}

let province: string;
let formers: string[];
let communes: string[];
let other: string;
let compulsory = 0;
let unemployment = 0;

const asBhxh = (claims: Partial<TestClaims> = {}) => ({ ...BHXH_PUBLISHER, ...claims });
const coverageOf = async (period: string, who: TestClaims = { agency: "bhxh", roles: ["analyst"], purposes: ["statistics"], province }) =>
  dataOf(await ingest.hub.graphql(COVERAGE, { code: province, period }, await headersFor(who))).province;

beforeAll(async () => {
  // A merged province with units registered before the month, and two of its communes.
  const [chosen] = await ingest.sql(
    `SELECT p.code FROM hub.province p
      WHERE (SELECT count(*) FROM hub.former_province f WHERE f.successor_code = p.code) >= 2
        AND (SELECT count(*) FROM bhxh.unit u WHERE u.province_code = p.code AND u.tax_code !~ '-' AND u.registered_on < '2024-06-01') >= 3
        AND (SELECT count(*) FROM hub.commune c WHERE c.province_code = p.code) >= 2
      ORDER BY p.code = '19' DESC, p.code LIMIT 1`,
  );
  province = chosen.code;
  formers = (await ingest.sql(`SELECT code FROM hub.former_province WHERE successor_code = $1 ORDER BY code`, [province])).map((r) => r.code);
  communes = (await ingest.sql(`SELECT code FROM hub.commune WHERE province_code = $1 ORDER BY code LIMIT 2`, [province])).map((r) => r.code);
  other = province === "01" ? "79" : "01";
  const rows = await demoUnitRows(ingest, MONTH, 3, `province_code = '${province}' AND registered_on < '2024-06-01'`);
  for (const row of rows) {
    compulsory += Number(row[6]);
    unemployment += Number(row[7]);
  }
  const enrolment = await ingest.post("bhxh", MONTH, bhxhCsv(rows), { as: BHXH_PUBLISHER });
  expect(enrolment.body.status).toBe("APPLIED");
});

describe("voluntary participants (bhxh dataset voluntary)", () => {
  it("are published through POST /ingest/bhxh/voluntary, recorded as that dataset, and a resend is a duplicate", async () => {
    const csv = `commune_code,period,voluntary_insured\n${communes[0]},${MONTH},7\n${communes[1]},${MONTH},0\n`;
    const first = await ingest.post("bhxh/voluntary", MONTH, csv, { as: asBhxh({ province }) });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: "APPLIED", domain: "bhxh", dataset: "voluntary", rowCount: 2 });
    const again = await ingest.post("bhxh/voluntary", MONTH, csv, { as: BHXH_PUBLISHER });
    expect(again.body).toMatchObject({ status: "DUPLICATE", dataset: "voluntary", duplicateOf: first.body.id });
    // The same bytes as the main dataset are another dataset's content: not a duplicate of it.
    expect(await ingest.sql(`SELECT count(*)::int AS n FROM bhxh.voluntary WHERE period = $1`, [MONTH])).toEqual([{ n: 2 }]);
  });

  it("refuses bad rows with their line, column and reason, applying none", async () => {
    const csv = `commune_code,period,voluntary_insured\n${communes[0]},${MONTH},-3\n99999,${MONTH},4\n${communes[1]},2024-05,4\n`;
    const refused = await ingest.post("bhxh/voluntary", MONTH, csv, { as: BHXH_PUBLISHER });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { line: 2, column: "voluntary_insured", reason: "a count cannot be negative" },
      { line: 4, column: "period", reason: `2024-05 is not the batch's period ${MONTH}: a batch covers one month` },
    ]);
    const unknown = await ingest.post("bhxh/voluntary", MONTH, `commune_code,period,voluntary_insured\n99999,${MONTH},4\n`, { as: BHXH_PUBLISHER });
    expect(unknown.body.errors).toEqual([{ line: 2, column: "commune_code", reason: expect.stringContaining("no commune in force has the code 99999") }]);
  });

  it("refuses a provincial publisher's commune of another province, another agency, and an unknown dataset", async () => {
    const [elsewhere] = await ingest.sql(`SELECT code FROM hub.commune WHERE province_code = $1 LIMIT 1`, [other]);
    const outside = await ingest.post("bhxh/voluntary", MONTH, `commune_code,period,voluntary_insured\n${elsewhere.code},${MONTH},4\n`, {
      as: asBhxh({ province }),
    });
    expect(outside.body.errors).toEqual([{ line: 2, column: "commune_code", reason: expect.stringContaining(`outside your token's province ${province}`) }]);
    const tax = await ingest.post("bhxh/voluntary", MONTH, `commune_code,period,voluntary_insured\n${communes[0]},${MONTH},4\n`, { as: TAX_PUBLISHER });
    expect(tax.status).toBe(403);
    expect(tax.body.error.message).toContain("bhxh voluntary data is published by agency bhxh only, not tax");
    const unknown = await ingest.post("bhxh/arrears", MONTH, "a\n1\n", { as: BHXH_PUBLISHER });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain("its datasets are voluntary");
  });
});

describe("labour force before the merger", () => {
  it("is published under former provinces for periods before 1 July 2025, and refused under them after", async () => {
    const before = await ingest.post("statistics", "2024", labourForceCsv(formers.map((code, i) => statsRow(code, "2024", 1000 + i))), {
      as: STATISTICS_PUBLISHER,
    });
    expect(before.body.status).toBe("APPLIED");
    const merged = formers.find((code) => code !== province)!;
    const after = await ingest.post("statistics", "2025", labourForceCsv([statsRow(merged, "2025", 1000)]), { as: STATISTICS_PUBLISHER });
    expect(after.status).toBe(400);
    expect(after.body.errors[0]).toMatchObject({ line: 2, column: "province_code", reason: expect.stringContaining(`merged into ${province}`) });
  });

  it("rolls up into the province in force, and keeps each former province's own series readable", async () => {
    const merged = formers.find((code) => code !== province)!;
    const query = `query ($code: String!, $former: String) { province(code: $code) {
      rolled: labourForce(period: "2024") { workingAgeLabourForce }
      own: labourForce(period: "2024", formerProvinceCode: $former) { workingAgeLabourForce } } }`;
    const statistics: TestClaims = { agency: "statistics", roles: ["analyst"], purposes: ["statistics"] };
    const answer = dataOf(await ingest.hub.graphql(query, { code: province, former: merged }, await headersFor(statistics))).province;
    expect(answer.rolled.workingAgeLabourForce).toBe(formers.reduce((sum, _code, i) => sum + 1000 + i, 0));
    expect(answer.own.workingAgeLabourForce).toBe(1000 + formers.indexOf(merged));
  });

  it("gives as latest the newest figure since the merger, or the newest roll-up when the province has none since", async () => {
    const statistics = await headersFor({ agency: "statistics", roles: ["analyst"], purposes: ["statistics"] });
    const latestOf = async () =>
      dataOf(
        await ingest.hub.graphql(
          `query ($code: String!) { province(code: $code) { labourForce { period workingAgeLabourForce } } }`,
          { code: province },
          statistics,
        ),
      ).province.labourForce;
    const [newest] = await ingest.sql(
      `SELECT period, working_age_labour_force AS "workingAgeLabourForce" FROM statistics.labour_force
        WHERE province_code = $1 ORDER BY hub.period_end(period) DESC, length(period) LIMIT 1`,
      [province],
    );
    expect(await latestOf()).toEqual(newest);
    // Without its figures since the merger (set aside and put back), the province's latest is its former provinces' 2024, summed.
    const sinceMerger = `province_code = '${province}' AND hub.period_end(period) >= '2025-07-01'`;
    await ingest.sql(`CREATE TABLE public.labour_force_aside AS SELECT * FROM statistics.labour_force WHERE ${sinceMerger}`);
    try {
      await ingest.sql(`DELETE FROM statistics.labour_force WHERE ${sinceMerger}`);
      expect(await latestOf()).toEqual({ period: "2024", workingAgeLabourForce: formers.reduce((sum, _code, i) => sum + 1000 + i, 0) });
    } finally {
      await ingest.sql(`INSERT INTO statistics.labour_force SELECT * FROM public.labour_force_aside`);
      await ingest.sql(`DROP TABLE public.labour_force_aside`);
    }
    expect(await latestOf()).toEqual(newest);
  });

  it("answers no roll-up while a former province has not reported the period", async () => {
    await ingest.post("statistics", "2023", labourForceCsv([statsRow(formers[0], "2023", 500)]), { as: STATISTICS_PUBLISHER });
    const query = `query ($code: String!) { province(code: $code) { labourForce(period: "2023") { workingAgeLabourForce } } }`;
    const answer = dataOf(
      await ingest.hub.graphql(query, { code: province }, await headersFor({ agency: "statistics", roles: ["analyst"], purposes: ["statistics"] })),
    );
    expect(answer.province.labourForce).toBeNull();
  });
});

describe("coverage", () => {
  it("gives participants over the rolled-up labour force of the year when the month's quarter has none, with both sides' batches", async () => {
    const answer = await coverageOf(MONTH);
    const workingAge = formers.reduce((sum, _code, i) => sum + 1000 + i, 0);
    expect(answer.coverage).toMatchObject({
      scope: province,
      period: MONTH,
      enrolmentMonth: MONTH,
      compulsoryInsured: compulsory,
      voluntaryInsured: 7,
      unemploymentInsured: unemployment,
      participants: compulsory + 7,
      statisticsPeriod: "2024",
      workingAgeLabourForce: workingAge,
      rolledUpFrom: formers,
      rate: Math.round((10000 * (compulsory + 7)) / workingAge) / 100,
      unemploymentInsuranceRate: Math.round((10000 * unemployment) / workingAge) / 100,
      reason: null,
    });
    expect(answer.coverage.numeratorSources.map((s: { agency: string }) => s.agency)).toEqual(["bhxh", "bhxh"]);
    expect(answer.coverage.denominatorSources).toEqual([{ agency: "statistics", batchId: expect.any(String) }]);
  });

  it("pairs a month with its quarter first, and a quarter with its last month", async () => {
    const participants = compulsory + 7;
    // Exactly 20%: a working-age labour force five times the participants, split over the former provinces.
    const shares = formers.map((_, i) => (i === 0 ? 5 * participants - (formers.length - 1) * 10 : 10));
    const published = await ingest.post("statistics", "2024-Q2", labourForceCsv(formers.map((code, i) => statsRow(code, "2024-Q2", shares[i]))), {
      as: STATISTICS_PUBLISHER,
    });
    expect(published.body).toMatchObject({ status: "APPLIED" });
    const month = await coverageOf(MONTH);
    expect(month.coverage).toMatchObject({ statisticsPeriod: "2024-Q2", workingAgeLabourForce: 5 * participants, rate: 20 });
    const quarter = await coverageOf("2024-Q2");
    expect(quarter.coverage).toMatchObject({ enrolmentMonth: MONTH, statisticsPeriod: "2024-Q2", participants, rate: 20 });
  });

  it("is not below the 20% floor at exactly 20%, and is just under it", async () => {
    expect((await coverageOf(MONTH)).belowCoverageFloor).toBe(false);
    const participants = compulsory + 7;
    const shares = formers.map((_, i) => (i === 0 ? 5 * participants + 1 - (formers.length - 1) * 10 : 10));
    const published = await ingest.post("statistics", "2024-Q2", labourForceCsv(formers.map((code, i) => statsRow(code, "2024-Q2", shares[i]))), {
      as: STATISTICS_PUBLISHER,
    });
    expect(published.body).toMatchObject({ status: "APPLIED" });
    const answer = await coverageOf(MONTH);
    expect(answer.coverage.rate).toBeLessThan(20);
    expect(answer.belowCoverageFloor).toBe(true);
  });

  it("has a null rate with the reason when a side is missing", async () => {
    const year = await coverageOf("2024");
    expect(year.coverage).toMatchObject({
      enrolmentMonth: "2024-12",
      compulsoryInsured: null,
      rate: null,
      reason: "BHXH has no compulsory enrolment for 2024-12",
    });
    expect(year.belowCoverageFloor).toBeNull();
    // The demo's last month has enrolment, but its quarter and year have no labour force yet.
    const noStatistics = await coverageOf("2026-10");
    expect(noStatistics.coverage.compulsoryInsured).toBeGreaterThan(0);
    expect(noStatistics.coverage).toMatchObject({
      statisticsPeriod: null,
      workingAgeLabourForce: null,
      rate: null,
      reason: "the statistics office has no working-age labour force for 2026-Q4 or 2026",
    });
  });
});

describe("coverage targets (hub dataset targets)", () => {
  const runImport = (args: string[]) => runNode("src/cli/import.js", args, { DATABASE_URL: ingest.url });
  const file = (name: string, text: string) => {
    const where = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "targets-")), name);
    fs.writeFileSync(where, text);
    return where;
  };

  it("applies the example file (28-NQ/TW, 403/NQ-CP) through npm run import as the labour administration, and the nation's targets read it", async () => {
    const example = path.join(PROJECT_ROOT, "examples", "ingest", "hub-coverage-targets.csv");
    const run = runImport(["--domain", "hub", "--dataset", "targets", "--period", "2025-12-10", "--token", await tokenFor(LABOUR_NATIONAL), example]);
    expect(await run.exited).toBe(0);
    expect(run.output()).toMatch(/APPLIED: batch [0-9a-f-]{36}, hub\/targets 2025-12-10, 4 rows/);
    const answer = dataOf(
      await ingest.hub.graphql(`{ coverageTargets(year: 2030) { scopeCode socialInsuranceRate participants voluntaryParticipants legalBasis note } }`),
    );
    expect(answer.coverageTargets).toEqual(
      expect.arrayContaining([
        {
          scopeCode: "VN",
          socialInsuranceRate: 60,
          participants: null,
          voluntaryParticipants: null,
          legalBasis: "28-NQ/TW",
          note: expect.stringContaining("unverified"),
        },
        {
          scopeCode: "VN",
          socialInsuranceRate: null,
          participants: 29_334_000,
          voluntaryParticipants: 2_444_500,
          legalBasis: "403/NQ-CP",
          note: expect.any(String),
        },
      ]),
    );
  });

  it("refuses bad rows with line, column and reason, and a People's Committee's rows outside its province", async () => {
    const bad =
      [
        TARGETS_HEADER,
        `former-province,${formers[0]},2026,40,,,,,69/NQ-CP,,`,
        `province,${province},2024,140,,,,,69/NQ-CP,,`,
        `national,VN,2025,,,,,,28-NQ/TW,,`,
      ].join("\n") + "\n";
    const refused = runImport([
      "--domain",
      "hub",
      "--dataset",
      "targets",
      "--period",
      "2025-12-10",
      "--token",
      await tokenFor(LABOUR_NATIONAL),
      file("bad.csv", bad),
    ]);
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toContain("line 2, year: former provinces merged on 2025-07-01");
    expect(refused.output()).toContain("line 3, social_insurance_rate: a rate is a percentage");
    expect(refused.output()).toContain("line 4, social_insurance_rate: a row sets at least one target");
    const ppc: TestClaims = { agency: "ppc", roles: ["publisher"], purposes: ["target-setting"], province: other };
    const elsewhere = await ingest.post("hub/targets", "2025-12-10", `${TARGETS_HEADER}\nprovince,${province},2026,40,,,,,403/NQ-CP,,\n`, { as: ppc });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.errors).toEqual([{ line: 2, column: "scope_code", reason: `province ${province} is outside your token's province ${other}` }]);
    const tax = await ingest.post("hub/targets", "2025-12-10", `${TARGETS_HEADER}\nnational,VN,2030,60,,,,,28-NQ/TW,,\n`, { as: TAX_PUBLISHER });
    expect(tax.status).toBe(403);
    expect(tax.body.error.message).toContain("hub targets data is published by agency labour or ppc only, not tax");
  });

  it("measure progress: former provinces' participant targets summed before the merger, and the province's rate target, with gaps and legal basis", async () => {
    const ppc: TestClaims = { agency: "ppc", roles: ["publisher"], purposes: ["target-setting"], province };
    const rows = [
      ...formers.map((code) => `former-province,${code},2024,,100,,,,69/NQ-CP,Phụ lục,demo: assumed figure`),
      `province,${province},2024,30,,25,,,69/NQ-CP,,demo: assumed figure`,
    ];
    const published = await ingest.post("hub/targets", "2024-01-15", `${TARGETS_HEADER}\n${rows.join("\n")}\n`, { as: ppc });
    expect(published.body.status).toBe("APPLIED");
    const query = `query ($code: String!) { province(code: $code) { progress(period: "${MONTH}") {
      year participantsTarget participantGap rateTarget rateGapPoints unemploymentInsuranceRateTarget legalBasis reason coverage { participants rate }
      targets { scopeKind scopeCode } } } }`;
    const answer = dataOf(
      await ingest.hub.graphql(query, { code: province }, await headersFor({ agency: "bhxh", roles: ["analyst"], purposes: ["statistics"], province })),
    ).province.progress;
    const participants = compulsory + 7;
    expect(answer).toMatchObject({
      year: 2024,
      participantsTarget: 100 * formers.length,
      participantGap: 100 * formers.length - participants,
      rateTarget: 30,
      legalBasis: ["69/NQ-CP"],
      reason: null,
    });
    expect(answer.rateGapPoints).toBeCloseTo(30 - answer.coverage.rate, 2);
    expect(answer.targets).toHaveLength(formers.length + 1);
  });
});

describe("who reads coverage", () => {
  const QUERY = `query ($period: String) { provinces { code coverage(period: $period) { participants rate workingAgeLabourForce } } }`;

  it("lets the labour administration and the People's Committee of the province read it, for their province only", async () => {
    for (const agency of ["labour", "ppc"] as const) {
      const who: TestClaims = { agency, roles: ["analyst"], purposes: ["target-setting"], province };
      const response = await ingest.hub.graphql(QUERY, { period: MONTH }, await headersFor(who));
      const mine = response.data!.provinces.find((p: { code: string }) => p.code === province);
      expect(mine.coverage.participants).toBe(compulsory + 7);
      expect(response.data!.provinces.find((p: { code: string }) => p.code === other).coverage).toBeNull();
    }
  });

  it("refuses it to the tax authority, field by field", async () => {
    const response = await ingest.hub.graphql(QUERY, { period: MONTH }, await headersFor({ agency: "tax", roles: ["analyst"], purposes: ["statistics"] }));
    expect(response.errors?.[0]).toMatchObject({ extensions: { code: "FORBIDDEN" }, path: ["provinces", 0, "coverage"] });
  });

  it("gives BHXH the national figure and a provincial principal none", async () => {
    const national = dataOf(
      await ingest.hub.graphql(
        `{ coverage(period: "2026-08") { scope participants compulsoryInsured } }`,
        {},
        await headersFor({ agency: "bhxh", roles: ["analyst"], purposes: ["statistics"] }),
      ),
    );
    const [{ total }] = await ingest.sql(`SELECT sum(e.compulsory_insured)::int AS total FROM bhxh.enrolment e WHERE e.period = '2026-08'`);
    expect(national.coverage).toMatchObject({ scope: "VN", compulsoryInsured: total });
    const provincial = await ingest.hub.graphql(
      `{ coverage(period: "2026-08") { scope } }`,
      {},
      await headersFor({ agency: "bhxh", roles: ["analyst"], purposes: ["statistics"], province }),
    );
    expect(provincial.data?.coverage).toBeNull();
  });
});
