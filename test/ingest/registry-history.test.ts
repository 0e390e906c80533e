import fs from "node:fs";
import path from "node:path";
import { parse, stringify } from "yaml";
import { dataOf } from "../support/hub";
import { REGISTRY_PUBLISHER, eventsDuring, useIngestHub } from "../support/ingest";
import { PROJECT_ROOT, runNode } from "../support/processes";
import type { RegistryRow } from "../support/registry-rows";
import { testDataDir } from "../support/test-env";
import { headersFor, tokenFor } from "../support/tokens";

/**
 * The register's history: the example extract applies to the demo through npm run import and once
 * only (DUPLICATE), a changed enterprise keeps its former version in registry.enterprise_history,
 * rows re-sent unchanged change nothing, the mutations register, change and dissolve, the event
 * names the enterprises and provinces touched, and the count table answers the new register.
 */
/**
 * schema/mandates.yaml grounds the People's Committees' counts of enterprises in Nghệ An only (its
 * letter 7337/UBND-VX); the example extract registers in Hà Nội, so this file's hub lets every
 * province's committee count its own, as the count table works the same for each.
 */
function mandatesWithCommitteesEverywhere(): string {
  const content = parse(fs.readFileSync(path.join(PROJECT_ROOT, "schema", "mandates.yaml"), "utf8")) as { mandates: { id: string; provinces?: string[] }[] };
  delete content.mandates.find((m) => m.id === "registry-aggregate-to-ppc")!.provinces;
  const file = path.join(testDataDir(), "mandates-registry-history.yaml");
  fs.writeFileSync(file, stringify(content));
  return file;
}

// Counts computed afresh on every request, so that this file sees a batch's effect at once (the default keeps them 60 s).
const ingest = useIngestHub("lienthong_registry_history", 300, {
  LIENTHONG_DISCLOSURE_CACHE_SECONDS: "0",
  LIENTHONG_MANDATES_FILE: mandatesWithCommitteesEverywhere(),
});
const EXAMPLE = path.join(PROJECT_ROOT, "examples", "ingest", "registry-enterprises.csv");
const DAY = "2026-11-20";
const ENTERPRISE = `query ($taxCode: String!) { enterprise(taxCode: $taxCode) { name status address province { code } source { agency batchId } } }`;
const asRegistry = () => headersFor({ agency: "registry", roles: ["analyst"], purposes: ["statistics"] });
const enterprise = async (taxCode: string) => dataOf(await ingest.hub.graphql(ENTERPRISE, { taxCode }, await asRegistry())).enterprise;
const provinceCount = async (code: string) => {
  // A provincial people's committee reads counts only, from the protected count table.
  const headers = await headersFor({ agency: "ppc", roles: ["analyst"], purposes: ["target-setting"], province: code });
  return dataOf(await ingest.hub.graphql(`query ($p: String!) { enterprises(filter: { provinceCode: $p }) { totalCount } }`, { p: code }, headers)).enterprises
    .totalCount;
};

let former: { address: string; batch_id: string; valid_from: Date };
let exampleBatch: string;
beforeAll(async () => {
  [former] = await ingest.sql(`SELECT address, batch_id, valid_from FROM registry.enterprise WHERE tax_code = '0112345676'`);
});

describe("the example extract, through npm run import", () => {
  it("applies to the demo: registers two enterprises and a branch, changes two, and names them in the event", async () => {
    const countBefore = await provinceCount("01");
    const token = await tokenFor(REGISTRY_PUBLISHER);
    let output = "";
    const events = await eventsDuring(ingest.url, async () => {
      const run = runNode("src/cli/import.js", ["--domain", "registry", "--period", DAY, EXAMPLE], { DATABASE_URL: ingest.url, LIENTHONG_TOKEN: token });
      expect(await run.exited).toBe(0);
      output = run.output();
    });
    expect(output).toMatch(/APPLIED: batch [0-9a-f-]{36}, registry 2026-11-20, 5 rows/);
    exampleBatch = /APPLIED: batch ([0-9a-f-]{36})/.exec(output)![1];
    expect(events).toEqual([
      expect.objectContaining({
        batchId: exampleBatch,
        domain: "registry",
        period: DAY,
        provinceCodes: ["01"],
        taxCodes: ["0198765447", "0198765447-001", "0198765454", "0112345676", "0112820811"],
      }),
    ]);
    expect(await enterprise("0198765447-001")).toEqual({
      name: "Chi nhánh Công ty Cổ phần Phần mềm Sông Hồng tại Cửa Nam",
      status: "ACTIVE",
      address: "Số 5 Hai Bà Trưng, Phường Cửa Nam, Hà Nội",
      province: { code: "01" },
      source: { agency: "registry", batchId: exampleBatch },
    });
    // The count table answers the new register (three enterprises registered in Hà Nội).
    expect(await provinceCount("01")).toBe(countBefore + 3);
  });

  it("keeps the superseded version in registry.enterprise_history, for the interval it was the hub's answer", async () => {
    const [applied] = await ingest.sql(`SELECT applied_at FROM hub.batch WHERE id = $1`, [exampleBatch]);
    expect(await enterprise("0112345676")).toMatchObject({
      status: "ACTIVE",
      address: "Số 40 Quang Trung, Phường Hà Đông, Hà Nội",
      source: { batchId: exampleBatch },
    });
    const history = await ingest.sql(`SELECT status, address, batch_id, valid_from, valid_to FROM registry.enterprise_history WHERE tax_code = '0112345676'`);
    expect(history).toEqual([
      { status: "SUSPENDED", address: former.address, batch_id: former.batch_id, valid_from: former.valid_from, valid_to: applied.applied_at },
    ]);
    const [current] = await ingest.sql(`SELECT valid_from FROM registry.enterprise WHERE tax_code = '0112345676'`);
    expect(current.valid_from).toEqual(applied.applied_at);
    // New enterprises have no past.
    expect(await ingest.sql(`SELECT 1 FROM registry.enterprise_history WHERE tax_code LIKE '0198765447%'`)).toEqual([]);
  });

  it("is applied once: the same file for the same day answers DUPLICATE and changes nothing", async () => {
    const before = await ingest.state();
    const run = runNode("src/cli/import.js", ["--domain", "registry", "--period", DAY, "--token", await tokenFor(REGISTRY_PUBLISHER), EXAMPLE], {
      DATABASE_URL: ingest.url,
    });
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain(`already applied as batch ${exampleBatch}; nothing was applied again`);
    expect(await ingest.state()).toEqual(before);
  });

  it("changes nothing when the same extract comes again for a later day: no history, no enterprise named", async () => {
    const before = await ingest.sql(
      `SELECT (SELECT md5(string_agg(e::text, '|' ORDER BY tax_code)) FROM registry.enterprise e) AS rows, (SELECT count(*) FROM registry.enterprise_history) AS history`,
    );
    let response: any;
    const events = await eventsDuring(ingest.url, async () => {
      response = await ingest.post("registry", "2026-11-21", fs.readFileSync(EXAMPLE, "utf8"), { as: REGISTRY_PUBLISHER });
    });
    expect(response.body).toMatchObject({ status: "APPLIED", rowCount: 5 });
    expect(events).toEqual([expect.objectContaining({ batchId: response.body.id, provinceCodes: [], taxCodes: [] })]);
    expect(
      await ingest.sql(
        `SELECT (SELECT md5(string_agg(e::text, '|' ORDER BY tax_code)) FROM registry.enterprise e) AS rows, (SELECT count(*) FROM registry.enterprise_history) AS history`,
      ),
    ).toEqual(before);
  });
});

describe("the registry's mutations", () => {
  let moving: RegistryRow;
  beforeAll(async () => {
    [moving] = await ingest.sql<RegistryRow>(
      `SELECT tax_code, name, legal_form, status, to_char(registered_on, 'YYYY-MM-DD') AS registered_on, province_code, commune_code, sector_code
         FROM registry.enterprise WHERE parent_tax_code IS NULL AND province_code <> '79' AND industrial_zone_code IS NULL AND status = 'ACTIVE'
          AND tax_code NOT IN (SELECT tax_code FROM registry.enterprise_history) ORDER BY tax_code LIMIT 1`,
    );
  });

  it("changeEnterprises moves an enterprise to another province, naming both provinces, and keeps the former version", async () => {
    const [commune] = await ingest.sql(`SELECT code FROM hub.commune WHERE province_code = '79' ORDER BY code LIMIT 1`);
    const mutation = `mutation ($rows: [EnterpriseRowInput!]!) { changeEnterprises(period: "2026-11-22", rows: $rows) { id status kind errors { line column reason } } }`;
    const row = {
      taxCode: moving.tax_code,
      name: moving.name,
      legalForm: moving.legal_form,
      status: "ACTIVE",
      registeredOn: moving.registered_on,
      provinceCode: "79",
      communeCode: commune.code,
      sectorCode: moving.sector_code,
      address: "Số 1 Lê Lợi, Thành phố Hồ Chí Minh",
    };
    let answer: any;
    const events = await eventsDuring(ingest.url, async () => {
      answer = dataOf(await ingest.hub.graphql(mutation, { rows: [row] }, await headersFor(REGISTRY_PUBLISHER))).changeEnterprises;
    });
    expect(answer).toMatchObject({ status: "APPLIED", kind: "mutation", errors: [] });
    expect(events).toEqual([expect.objectContaining({ batchId: answer.id, provinceCodes: [moving.province_code, "79"].sort(), taxCodes: [moving.tax_code] })]);
    expect(await enterprise(moving.tax_code)).toMatchObject({ province: { code: "79" }, address: row.address, source: { batchId: answer.id } });
    expect(await ingest.sql(`SELECT province_code FROM registry.enterprise_history WHERE tax_code = $1`, [moving.tax_code])).toEqual([
      { province_code: moving.province_code },
    ]);
  });

  it("dissolveEnterprises sets the status, keeps the former version, and never goes back from an end", async () => {
    const mutation = `mutation ($period: String!, $rows: [EnterpriseDissolutionInput!]!) { dissolveEnterprises(period: $period, rows: $rows) { id status errors { line column reason } } }`;
    const dissolved = dataOf(
      await ingest.hub.graphql(
        mutation,
        { period: "2026-11-23", rows: [{ taxCode: moving.tax_code, status: "DISSOLVED" }] },
        await headersFor(REGISTRY_PUBLISHER),
      ),
    ).dissolveEnterprises;
    expect(dissolved).toMatchObject({ status: "APPLIED", errors: [] });
    expect(await enterprise(moving.tax_code)).toMatchObject({ status: "DISSOLVED", province: { code: "79" }, source: { batchId: dissolved.id } });
    expect(await ingest.sql(`SELECT status FROM registry.enterprise_history WHERE tax_code = $1 ORDER BY valid_from`, [moving.tax_code])).toEqual([
      { status: "ACTIVE" },
      { status: "ACTIVE" },
    ]);

    const before = await ingest.state();
    const back = dataOf(
      await ingest.hub.graphql(
        mutation,
        { period: "2026-11-24", rows: [{ taxCode: moving.tax_code, status: "DISSOLVING" }] },
        await headersFor(REGISTRY_PUBLISHER),
      ),
    ).dissolveEnterprises;
    expect(back).toMatchObject({
      status: "REJECTED",
      errors: [{ line: 2, column: "status", reason: `enterprise ${moving.tax_code} is DISSOLVED already; it cannot go back to DISSOLVING` }],
    });
    expect(await ingest.state()).toEqual(before);
  });

  it("registerEnterprises registers a new enterprise with its branch in one batch", async () => {
    const [commune] = await ingest.sql(`SELECT code FROM hub.commune WHERE province_code = '01' ORDER BY code LIMIT 1`);
    const base = {
      name: "Công ty TNHH Thử nghiệm",
      legalForm: "LLC1",
      status: "ACTIVE",
      registeredOn: "2026-11-01",
      provinceCode: "01",
      communeCode: commune.code,
      legalRepName: "Nguyễn Văn A",
      legalRepIdNumber: "001090000001",
    };
    const mutation = `mutation ($rows: [EnterpriseRowInput!]!) { registerEnterprises(period: "2026-11-24", rows: $rows) { id status errors { line column reason } } }`;
    // The branch comes first: its parent is in the same batch, which is enough.
    const rows = [
      { ...base, taxCode: "0198765461-001", parentTaxCode: "0198765461", legalForm: "BRANCH", name: "Chi nhánh Thử nghiệm" },
      { ...base, taxCode: "0198765461" },
    ];
    const answer = dataOf(await ingest.hub.graphql(mutation, { rows }, await headersFor(REGISTRY_PUBLISHER))).registerEnterprises;
    expect(answer).toMatchObject({ status: "APPLIED", errors: [] });
    expect(await ingest.sql(`SELECT tax_code, parent_tax_code, batch_id FROM registry.enterprise WHERE tax_code LIKE '0198765461%' ORDER BY tax_code`)).toEqual(
      [
        { tax_code: "0198765461", parent_tax_code: null, batch_id: answer.id },
        { tax_code: "0198765461-001", parent_tax_code: "0198765461", batch_id: answer.id },
      ],
    );
  });
});
