import { dataOf } from "../support/hub";
import { eventsDuring, TAX_PUBLISHER, taxCsv, useIngestHub } from "../support/ingest";
import { headersFor } from "../support/tokens";

/**
 * Idempotency and history: the same content applies once (DUPLICATE names the first batch), a later
 * batch for the same quarter supersedes values while `taxHeadcount(asOf:)` still answers the old
 * ones with their own source, the batch-applied event is raised only by a committed batch, and
 * publishers read their batch records.
 */
const ingest = useIngestHub("lienthong_ingest_history");
const PERIOD = "2026-Q3";
const HEADCOUNT = `query ($taxCode: String!, $asOf: DateTime) {
  enterprise(taxCode: $taxCode) { taxHeadcount(period: "2026-Q3", asOf: $asOf) { period employees source { agency batchId asOf period } } }
}`;

let enterprise: { taxCode: string; province: string; employees: number; batchId: string; validFrom: Date };
let row: (string | number)[];
beforeAll(async () => {
  const [found] = await ingest.sql(
    `SELECT tax_code, province_code, employees, batch_id, valid_from FROM tax.headcount WHERE period = $1 AND employees > 0 ORDER BY tax_code LIMIT 1`,
    [PERIOD],
  );
  enterprise = { taxCode: found.tax_code, province: found.province_code, employees: found.employees, batchId: found.batch_id, validFrom: found.valid_from };
  row = [enterprise.taxCode, PERIOD, "OPERATING", enterprise.employees + 7, 900_000_000, enterprise.province];
});

const headcount = async (asOf?: Date) =>
  dataOf(await ingest.hub.graphql(HEADCOUNT, { taxCode: enterprise.taxCode, asOf: asOf?.toISOString() })).enterprise.taxHeadcount;

describe("a later batch for the same quarter", () => {
  let applied: any;
  it("supersedes the enterprise's figures, which now carry the new batch as their source", async () => {
    const response = await ingest.post("tax", PERIOD, taxCsv([row]));
    expect(response.status).toBe(200);
    applied = response.body;
    expect(applied).toMatchObject({ status: "APPLIED", rowCount: 1, duplicateOf: null });
    expect(await headcount()).toEqual({
      period: PERIOD,
      employees: enterprise.employees + 7,
      source: { agency: "tax", batchId: applied.id, asOf: applied.receivedAt, period: PERIOD },
    });
  });

  it("keeps the superseded figures in history, answered for an instant before the batch", async () => {
    const [history] = await ingest.sql(`SELECT employees, batch_id, valid_from, valid_to FROM tax.headcount_history WHERE tax_code = $1 AND period = $2`, [
      enterprise.taxCode,
      PERIOD,
    ]);
    expect(history).toEqual({
      employees: enterprise.employees,
      batch_id: enterprise.batchId,
      valid_from: enterprise.validFrom,
      valid_to: new Date(applied.appliedAt),
    });
    const before = new Date(new Date(applied.appliedAt).getTime() - 1);
    expect(await headcount(before)).toMatchObject({ employees: enterprise.employees, source: { batchId: enterprise.batchId } });
    expect(await headcount(new Date(applied.appliedAt))).toMatchObject({ employees: enterprise.employees + 7, source: { batchId: applied.id } });
    // Before the hub knew anything of the quarter, there was nothing to answer.
    expect(await headcount(new Date("2001-01-01T00:00:00Z"))).toBeNull();
  });

  it("is applied once: the same content again changes nothing and answers DUPLICATE with the first batch's id", async () => {
    const before = await ingest.state();
    const again = await ingest.post("tax", PERIOD, taxCsv([row]));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: "DUPLICATE", duplicateOf: applied.id, checksum: applied.checksum, appliedAt: null });
    expect(again.body.id).not.toBe(applied.id);
    expect(await ingest.state()).toEqual(before);
  });

  it("is the same batch whether it comes as a mutation or a file: the same rows make the same checksum", async () => {
    const mutation = `mutation ($period: String!, $rows: [TaxHeadcountRowInput!]!) {
      publishTaxHeadcounts(period: $period, rows: $rows) { id status duplicateOf kind errors { line column reason } }
    }`;
    const rows = [
      {
        taxCode: enterprise.taxCode,
        operatingStatus: "OPERATING",
        employees: enterprise.employees + 7,
        totalWages: "900000000",
        provinceCode: enterprise.province,
      },
    ];
    const answer = dataOf(await ingest.hub.graphql(mutation, { period: PERIOD, rows }, await headersFor(TAX_PUBLISHER)));
    expect(answer.publishTaxHeadcounts).toMatchObject({ status: "DUPLICATE", duplicateOf: applied.id, kind: "mutation" });

    const changed = dataOf(
      await ingest.hub.graphql(mutation, { period: PERIOD, rows: [{ ...rows[0], employees: 3, totalWages: "120000000" }] }, await headersFor(TAX_PUBLISHER)),
    );
    expect(changed.publishTaxHeadcounts).toMatchObject({ status: "APPLIED", kind: "mutation", errors: [] });
    expect(await headcount()).toMatchObject({ employees: 3, source: { batchId: changed.publishTaxHeadcounts.id } });

    const bad = dataOf(await ingest.hub.graphql(mutation, { period: PERIOD, rows: [rows[0], { ...rows[0], employees: -1 }] }, await headersFor(TAX_PUBLISHER)));
    expect(bad.publishTaxHeadcounts.status).toBe("REJECTED");
    expect(bad.publishTaxHeadcounts.errors).toEqual(expect.arrayContaining([{ line: 3, column: "employees", reason: "a count cannot be negative" }]));
  });
});

describe("the batch-applied event", () => {
  it("is raised when a batch commits, and never by a rejected one", async () => {
    let accepted!: { body: { id: string; appliedAt: string; status: string } };
    const events = await eventsDuring(ingest.url, async () => {
      const rejected = await ingest.post("tax", PERIOD, taxCsv([row.map((cell, i) => (i === 3 ? -4 : cell))]));
      expect(rejected.body.status).toBe("REJECTED");
      accepted = await ingest.post("tax", PERIOD, taxCsv([[enterprise.taxCode, PERIOD, "SUSPENDED", 0, 0, enterprise.province]]));
      expect(accepted.body.status).toBe("APPLIED");
    });
    expect(events).toEqual([
      {
        batchId: accepted.body.id,
        domain: "tax",
        period: PERIOD,
        appliedAt: accepted.body.appliedAt,
        provinceCodes: [enterprise.province],
        taxCodes: [enterprise.taxCode],
      },
    ]);
  });
});

describe("batch records", () => {
  const LIST = `query ($filter: IngestBatchFilter, $after: String) {
    ingestBatches(filter: $filter, first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id status domain publisher period errorCount } } }
  }`;

  it("are listed newest first, a page at a time, to the owning agency and to operators", async () => {
    const analyst = await headersFor({ agency: "tax", roles: ["analyst"], purposes: ["statistics"] });
    const first = dataOf(await ingest.hub.graphql(LIST, { filter: { domain: "tax", status: "REJECTED", period: PERIOD } }, analyst)).ingestBatches;
    expect(first.totalCount).toBe(2);
    expect(first.edges[0].node).toMatchObject({ status: "REJECTED", domain: "tax", publisher: "tax-publisher-test" });
    const second = dataOf(
      await ingest.hub.graphql(LIST, { filter: { domain: "tax", status: "REJECTED", period: PERIOD }, after: first.pageInfo.endCursor }, analyst),
    ).ingestBatches;
    expect(second.edges).toHaveLength(1);
    expect(second.edges[0].node.id).not.toBe(first.edges[0].node.id);
    expect(second.pageInfo.hasNextPage).toBe(false);

    const operator = await headersFor({ agency: "bhxh", roles: ["operator"], purposes: ["monitoring"] });
    const all = dataOf(await ingest.hub.graphql(LIST, {}, operator)).ingestBatches;
    expect(all.totalCount).toBe(Number((await ingest.sql(`SELECT count(*) AS n FROM hub.batch`))[0].n));
  });

  it("are refused to an agency that owns no domain, and another owner's look like none", async () => {
    const labour = await ingest.hub.graphql(LIST, {}, await headersFor({ agency: "labour", roles: ["inspector"], purposes: ["inspection"] }));
    expect(labour.data.ingestBatches).toBeNull();
    expect(labour.errors?.[0].extensions?.code).toBe("FORBIDDEN");

    const [{ id }] = await ingest.sql(`SELECT id FROM hub.batch WHERE domain = 'tax' AND status = 'REJECTED' LIMIT 1`);
    const ONE = `query ($id: ID!) { ingestBatch(id: $id) { id status errors { line column reason } } }`;
    const own = dataOf(await ingest.hub.graphql(ONE, { id }, await headersFor({ agency: "tax", roles: ["publisher"], purposes: ["statistics"] })));
    expect(own.ingestBatch).toMatchObject({ id, status: "REJECTED" });
    const registry = dataOf(await ingest.hub.graphql(ONE, { id }, await headersFor({ agency: "registry", roles: ["analyst"], purposes: ["statistics"] })));
    expect(registry.ingestBatch).toBeNull();
  });
});
