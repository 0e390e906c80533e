import { BHXH_HEADER, BHXH_PUBLISHER, bhxhCsv, bhxhState, COLUMN } from "../support/bhxh-ingest";
import { dataOf } from "../support/hub";
import { eventsDuring, useIngestHub } from "../support/ingest";
import { headersFor } from "../support/tokens";

/**
 * BHXH's history: a later batch for a month the hub already holds supersedes a unit's figures while
 * `enrolment(period:, asOf:)` still answers the old ones with their own source; a changed
 * registration keeps its former version; the same content applies once; the batch-applied event
 * names the provinces and enterprises changed, for enrolmentChanged and enterpriseChanged.
 */
const ingest = useIngestHub("lienthong_bhxh_history");
const PERIOD = "2026-10";
const ENROLMENT = `query ($taxCode: String!, $period: String, $asOf: DateTime) {
  enterprise(taxCode: $taxCode) { bhxhUnit { code name enrolment(period: $period, asOf: $asOf) { period compulsoryInsured arrears arrearsMonths source { agency batchId asOf period } } } }
}`;
const PUBLISH = `mutation ($period: String!, $rows: [BhxhEnrolmentRowInput!]!) {
  publishBhxhEnrolment(period: $period, rows: $rows) { id status duplicateOf kind errors { line column reason } }
}`;

/** The rows carry the oldest unpaid month, which arrears require. */
const csvOf = (rows: (string | number)[][]) => bhxhCsv(rows, `${BHXH_HEADER},oldest_unpaid_period`);

let unit: { code: string; taxCode: string; name: string; province: string; registeredOn: string; insured: number; batchId: string; validFrom: Date };
let row: (string | number)[];
beforeAll(async () => {
  const [found] = await ingest.sql(
    `SELECT u.code, u.tax_code, u.name, u.province_code, to_char(u.registered_on, 'YYYY-MM-DD') AS registered_on, e.compulsory_insured, e.batch_id, e.valid_from
       FROM bhxh.unit u JOIN bhxh.enrolment e ON e.unit_code = u.code AND e.period = $1
      WHERE e.arrears_vnd = 0 AND e.compulsory_insured > 1 ORDER BY u.code LIMIT 1`,
    [PERIOD],
  );
  unit = {
    code: found.code,
    taxCode: found.tax_code,
    name: found.name,
    province: found.province_code,
    registeredOn: found.registered_on,
    insured: found.compulsory_insured,
    batchId: found.batch_id,
    validFrom: found.valid_from,
  };
  // Two more workers, and two months of contributions overdue.
  row = [
    unit.code,
    unit.taxCode,
    unit.name,
    unit.province,
    unit.registeredOn,
    PERIOD,
    unit.insured + 2,
    unit.insured + 2,
    40_000_000,
    0,
    80_000_000,
    2,
    "2026-08",
  ];
});

const enrolment = async (asOf?: Date, period: string | null = PERIOD) =>
  dataOf(await ingest.hub.graphql(ENROLMENT, { taxCode: unit.taxCode, period, asOf: asOf?.toISOString() })).enterprise.bhxhUnit;

describe("a later batch for a month already held", () => {
  let applied: any;
  it("supersedes the unit's figures for the month, which now carry the new batch as their source", async () => {
    const response = await ingest.post("bhxh", PERIOD, csvOf([row]), { as: BHXH_PUBLISHER });
    expect(response.status).toBe(200);
    applied = response.body;
    expect(applied).toMatchObject({ status: "APPLIED", rowCount: 1, duplicateOf: null });
    expect((await enrolment()).enrolment).toEqual({
      period: PERIOD,
      compulsoryInsured: unit.insured + 2,
      arrears: "80000000",
      arrearsMonths: 2,
      source: { agency: "bhxh", batchId: applied.id, asOf: applied.receivedAt, period: PERIOD },
    });
  });

  it("keeps the superseded figures in history, answered for an instant before the batch, for the month and as the latest month", async () => {
    const [history] = await ingest.sql(
      `SELECT compulsory_insured, batch_id, valid_from, valid_to FROM bhxh.enrolment_history WHERE unit_code = $1 AND period = $2`,
      [unit.code, PERIOD],
    );
    expect(history).toEqual({ compulsory_insured: unit.insured, batch_id: unit.batchId, valid_from: unit.validFrom, valid_to: new Date(applied.appliedAt) });
    const before = new Date(new Date(applied.appliedAt).getTime() - 1);
    expect((await enrolment(before)).enrolment).toMatchObject({ compulsoryInsured: unit.insured, arrearsMonths: 0, source: { batchId: unit.batchId } });
    expect((await enrolment(before, null)).enrolment).toMatchObject({ period: PERIOD, compulsoryInsured: unit.insured, source: { batchId: unit.batchId } });
    expect((await enrolment(new Date(applied.appliedAt), null)).enrolment).toMatchObject({
      compulsoryInsured: unit.insured + 2,
      source: { batchId: applied.id },
    });
    // Before the hub knew anything of the month, there was nothing to answer.
    expect((await enrolment(new Date("2001-01-01T00:00:00Z"))).enrolment).toBeNull();
  });

  it("is applied once: the same content again changes nothing and answers DUPLICATE with the first batch's id", async () => {
    const before = await bhxhState(ingest);
    const again = await ingest.post("bhxh", PERIOD, csvOf([row]), { as: BHXH_PUBLISHER });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: "DUPLICATE", duplicateOf: applied.id, checksum: applied.checksum, appliedAt: null });
    expect(await bhxhState(ingest)).toEqual(before);
  });

  it("is the same batch as a mutation: the same rows make the same checksum; a changed name supersedes the registration into history", async () => {
    const input = {
      unitCode: unit.code,
      taxCode: unit.taxCode,
      unitName: unit.name,
      provinceCode: unit.province,
      registeredOn: unit.registeredOn,
      compulsoryInsured: unit.insured + 2,
      unemploymentInsured: unit.insured + 2,
      contributionDue: "40000000",
      contributionPaid: "0",
      arrears: "80000000",
      arrearsMonths: 2,
      oldestUnpaidPeriod: "2026-08",
    };
    const same = dataOf(await ingest.hub.graphql(PUBLISH, { period: PERIOD, rows: [input] }, await headersFor(BHXH_PUBLISHER)));
    expect(same.publishBhxhEnrolment).toMatchObject({ status: "DUPLICATE", duplicateOf: applied.id, kind: "mutation" });

    const renamed = dataOf(
      await ingest.hub.graphql(PUBLISH, { period: PERIOD, rows: [{ ...input, unitName: `${unit.name} (đổi tên)` }] }, await headersFor(BHXH_PUBLISHER)),
    );
    expect(renamed.publishBhxhEnrolment).toMatchObject({ status: "APPLIED", kind: "mutation", errors: [] });
    expect((await enrolment()).name).toBe(`${unit.name} (đổi tên)`);
    const history = await ingest.sql(`SELECT name, valid_to FROM bhxh.unit_history WHERE code = $1`, [unit.code]);
    const [record] = await ingest.sql(`SELECT applied_at FROM hub.batch WHERE id = $1`, [renamed.publishBhxhEnrolment.id]);
    expect(history).toEqual([{ name: unit.name, valid_to: record.applied_at }]);

    const bad = dataOf(await ingest.hub.graphql(PUBLISH, { period: PERIOD, rows: [{ ...input, arrearsMonths: 0 }] }, await headersFor(BHXH_PUBLISHER)));
    expect(bad.publishBhxhEnrolment.status).toBe("REJECTED");
    expect(bad.publishBhxhEnrolment.errors).toEqual([
      { line: 2, column: "arrears_months", reason: expect.stringContaining("arrears are owed but no month overdue") },
    ]);
    const twice = dataOf(await ingest.hub.graphql(PUBLISH, { period: PERIOD, rows: [input, input] }, await headersFor(BHXH_PUBLISHER)));
    expect(twice.publishBhxhEnrolment.errors).toContainEqual({
      line: 3,
      column: "unit_code",
      reason: "the same unit_code as line 2: a batch holds one row per key",
    });
  });
});

describe("the batch-applied event", () => {
  it("names the provinces whose totals changed (the unit's former one too, when it moves) and the enterprises, only on commit", async () => {
    const moved = unit.province === "01" ? "79" : "01";
    let accepted!: { body: { id: string; appliedAt: string; status: string } };
    const events = await eventsDuring(ingest.url, async () => {
      const rejected = await ingest.post("bhxh", PERIOD, csvOf([row.map((cell, i) => (i === COLUMN.compulsory_insured ? -4 : cell))]), { as: BHXH_PUBLISHER });
      expect(rejected.body.status).toBe("REJECTED");
      accepted = await ingest.post("bhxh", PERIOD, csvOf([row.map((cell, i) => (i === COLUMN.province_code ? moved : cell))]), { as: BHXH_PUBLISHER });
      expect(accepted.body.status).toBe("APPLIED");
    });
    expect(events).toEqual([
      {
        batchId: accepted.body.id,
        domain: "bhxh",
        period: PERIOD,
        appliedAt: accepted.body.appliedAt,
        provinceCodes: [unit.province, moved].sort(),
        taxCodes: [unit.taxCode],
      },
    ]);
  });
});
