import { dataOf } from "../support/hub";
import { eventsDuring, useIngestHub } from "../support/ingest";
import { labourForceCsv, STATISTICS_PUBLISHER, statisticsState } from "../support/statistics-ingest";
import { headersFor } from "../support/tokens";

/**
 * Idempotency and history for labour-force figures: a later batch for the same period supersedes
 * a province's figures while `Province.labourForce(asOf:)` still answers the old ones with their
 * own source, the same content applies once, and the batch-applied event names the provinces and
 * no enterprise.
 */
const ingest = useIngestHub("lienthong_statistics_history", 60);
const PERIOD = "2026-Q3";
const PROVINCE = "40";
const LABOUR_FORCE = `query ($code: String!, $period: String, $asOf: DateTime) {
  province(code: $code) { labourForce(period: $period, asOf: $asOf) { period labourForce unemployed source { agency batchId asOf period } } }
}`;

let seeded: { labour_force: number; unemployed: number; batch_id: string; valid_from: Date; row: (string | number)[] };
let revised: (string | number)[];
beforeAll(async () => {
  const [found] = await ingest.sql(`SELECT * FROM statistics.labour_force WHERE province_code = $1 AND period = $2`, [PROVINCE, PERIOD]);
  const row = [
    PROVINCE,
    PERIOD,
    found.population,
    found.working_age_population,
    found.labour_force,
    found.working_age_labour_force,
    found.employed,
    found.unemployed,
    found.away_from_home,
  ];
  seeded = { ...found, row };
  // The survey revised: 40 more unemployed found, the labour force and the population with them.
  revised = [
    PROVINCE,
    PERIOD,
    found.population + 40,
    found.working_age_population,
    found.labour_force + 40,
    found.working_age_labour_force,
    found.employed,
    found.unemployed + 40,
    found.away_from_home,
  ];
});

const asStatisticsOffice = () => headersFor({ agency: "statistics", roles: ["analyst"], purposes: ["statistics"] });
const labourForce = async (options: { period?: string; asOf?: Date } = {}) =>
  dataOf(
    await ingest.hub.graphql(LABOUR_FORCE, { code: PROVINCE, period: options.period ?? PERIOD, asOf: options.asOf?.toISOString() }, await asStatisticsOffice()),
  ).province.labourForce;

describe("a later batch for the same period", () => {
  let applied: any;
  it("supersedes the province's figures, which now carry the new batch as their source", async () => {
    const response = await ingest.post("statistics", PERIOD, labourForceCsv([revised]), { as: STATISTICS_PUBLISHER });
    expect(response.status).toBe(200);
    applied = response.body;
    expect(applied).toMatchObject({ status: "APPLIED", rowCount: 1, duplicateOf: null });
    expect(await labourForce()).toEqual({
      period: PERIOD,
      labourForce: seeded.labour_force + 40,
      unemployed: seeded.unemployed + 40,
      source: { agency: "statistics", batchId: applied.id, asOf: applied.receivedAt, period: PERIOD },
    });
  });

  it("keeps the superseded figures in history, answered for an instant before the batch", async () => {
    const history = await ingest.sql(
      `SELECT labour_force, batch_id, valid_from, valid_to FROM statistics.labour_force_history WHERE province_code = $1 AND period = $2`,
      [PROVINCE, PERIOD],
    );
    expect(history).toEqual([
      { labour_force: seeded.labour_force, batch_id: seeded.batch_id, valid_from: seeded.valid_from, valid_to: new Date(applied.appliedAt) },
    ]);
    const before = new Date(new Date(applied.appliedAt).getTime() - 1);
    expect(await labourForce({ asOf: before })).toMatchObject({ labourForce: seeded.labour_force, source: { batchId: seeded.batch_id } });
    expect(await labourForce({ asOf: new Date(applied.appliedAt) })).toMatchObject({ labourForce: seeded.labour_force + 40, source: { batchId: applied.id } });
    // Before the hub knew anything of the period, there was nothing to answer.
    expect(await labourForce({ asOf: new Date("2001-01-01T00:00:00Z") })).toBeNull();
  });

  it("without a period, asOf answers the latest period known at that instant", async () => {
    const newer = await ingest.post("statistics", "2026-Q4", labourForceCsv([[...revised.slice(0, 1), "2026-Q4", ...revised.slice(2)]]), {
      as: STATISTICS_PUBLISHER,
    });
    expect(newer.body.status).toBe("APPLIED");
    const latest = async (asOf?: Date) =>
      dataOf(await ingest.hub.graphql(LABOUR_FORCE, { code: PROVINCE, asOf: asOf?.toISOString() }, await asStatisticsOffice())).province.labourForce;
    expect(await latest()).toMatchObject({ period: "2026-Q4", source: { batchId: newer.body.id } });
    expect(await latest(new Date(newer.body.appliedAt))).toMatchObject({ period: "2026-Q4", source: { batchId: newer.body.id } });
    expect(await latest(new Date(new Date(newer.body.appliedAt).getTime() - 1))).toMatchObject({ period: PERIOD, source: { batchId: applied.id } });
  });

  it("is applied once: the same content again changes nothing and answers DUPLICATE with the first batch's id", async () => {
    const before = await statisticsState(ingest);
    const again = await ingest.post("statistics", PERIOD, labourForceCsv([revised]), { as: STATISTICS_PUBLISHER });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: "DUPLICATE", duplicateOf: applied.id, checksum: applied.checksum, appliedAt: null });
    expect(await statisticsState(ingest)).toEqual(before);
  });

  it("is the same batch whether it comes as a mutation or a file, and a mutation's bad row is reported on its line", async () => {
    const mutation = `mutation ($period: String!, $rows: [LabourForceRowInput!]!) {
      publishLabourForce(period: $period, rows: $rows) { id status duplicateOf kind errors { line column reason } }
    }`;
    const [, , population, workingAgePopulation, labourForceCount, workingAgeLabourForce, employed, unemployed, awayFromHome] = revised as number[];
    const input = {
      provinceCode: PROVINCE,
      population,
      workingAgePopulation,
      labourForce: labourForceCount,
      workingAgeLabourForce,
      employed,
      unemployed,
      awayFromHome,
    };
    const publisher = await headersFor(STATISTICS_PUBLISHER);
    const answer = dataOf(await ingest.hub.graphql(mutation, { period: PERIOD, rows: [input] }, publisher));
    expect(answer.publishLabourForce).toMatchObject({ status: "DUPLICATE", duplicateOf: applied.id, kind: "mutation" });

    const changed = dataOf(
      await ingest.hub.graphql(mutation, { period: PERIOD, rows: [{ ...input, employed: employed - 10, unemployed: unemployed + 10 }] }, publisher),
    );
    expect(changed.publishLabourForce).toMatchObject({ status: "APPLIED", kind: "mutation", errors: [] });
    expect(await labourForce()).toMatchObject({ unemployed: unemployed + 10, source: { batchId: changed.publishLabourForce.id } });
    expect(
      await ingest.sql(`SELECT count(*)::int AS n FROM statistics.labour_force_history WHERE province_code = $1 AND period = $2`, [PROVINCE, PERIOD]),
    ).toEqual([{ n: 2 }]);

    const before = await statisticsState(ingest);
    const bad = dataOf(
      await ingest.hub.graphql(
        mutation,
        {
          period: PERIOD,
          rows: [
            { ...input, provinceCode: "01" },
            { ...input, unemployed: -1 },
          ],
        },
        publisher,
      ),
    );
    expect(bad.publishLabourForce.status).toBe("REJECTED");
    expect(bad.publishLabourForce.errors).toEqual(expect.arrayContaining([{ line: 3, column: "unemployed", reason: "a figure cannot be negative" }]));
    expect(await statisticsState(ingest)).toEqual(before);
  });
});

describe("the batch-applied event of a statistics batch", () => {
  it("names the batch's provinces and no enterprise, and is raised only on commit", async () => {
    let accepted!: { body: { id: string; appliedAt: string; status: string } };
    const events = await eventsDuring(ingest.url, async () => {
      const rejected = await ingest.post("statistics", PERIOD, labourForceCsv([revised.map((cell, i) => (i === 7 ? -4 : cell))]), { as: STATISTICS_PUBLISHER });
      expect(rejected.body.status).toBe("REJECTED");
      const rows = [revised.map((cell, i) => (i === 8 ? Number(cell) + 1 : cell)), ["79", ...seeded.row.slice(1)]];
      accepted = await ingest.post("statistics", PERIOD, labourForceCsv(rows), { as: STATISTICS_PUBLISHER });
      expect(accepted.body.status).toBe("APPLIED");
    });
    expect(events).toEqual([
      {
        batchId: accepted.body.id,
        domain: "statistics",
        period: PERIOD,
        appliedAt: accepted.body.appliedAt,
        provinceCodes: [PROVINCE, "79"],
        taxCodes: null,
      },
    ]);
  });
});
