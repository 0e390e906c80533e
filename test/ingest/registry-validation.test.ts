import { dataOf } from "../support/hub";
import { REGISTRY_PUBLISHER, TAX_PUBLISHER, useIngestHub } from "../support/ingest";
import { registeredRows, registryCsv, unregisteredTaxCode, type RegistryRow } from "../support/registry-rows";
import { headersFor } from "../support/tokens";

/**
 * A registry batch is checked whole and applied all or nothing: each kind of bad enterprise row is
 * reported with its line, column and reason and leaves the database as it was, apart from the
 * batch's own REJECTED record. Through POST /ingest/registry and the registry's mutations, on real
 * PostgreSQL; only the registry's publishers may publish.
 */
const ingest = useIngestHub("lienthong_registry_validation");
/** A registry batch's period is the day its extract was taken. */
const DAY = "2026-11-20";

let rows: RegistryRow[];
let unknownTaxCode: string;
beforeAll(async () => {
  rows = await registeredRows(ingest, 3);
  unknownTaxCode = await unregisteredTaxCode(ingest);
});

/** The valid rows with row `index` (0-based; line index + 2) changed as `change` says. */
function withChange(index: number, change: Partial<RegistryRow>): RegistryRow[] {
  return rows.map((row, i) => (i === index ? { ...row, ...change } : row));
}

async function expectRejected(body: string, expected: { line: number | null; column: string | null; reason: RegExp }) {
  const before = await ingest.state();
  const response = await ingest.post("registry", DAY, body, { as: REGISTRY_PUBLISHER });
  expect(response.status).toBe(400);
  expect(response.body.status).toBe("REJECTED");
  expect(response.body.errors).toEqual(
    expect.arrayContaining([{ line: expected.line, column: expected.column, reason: expect.stringMatching(expected.reason) }]),
  );
  expect(await ingest.state()).toEqual(before);
  const [record] = await ingest.sql(`SELECT status, domain, applied_at FROM hub.batch WHERE id = $1`, [response.body.id]);
  expect(record).toEqual({ status: "REJECTED", domain: "registry", applied_at: null });
  return response.body;
}

describe("an enterprise batch is refused whole, with each problem's line, column and reason", () => {
  it("a tax code whose check digit does not match", async () => {
    const code = rows[1].tax_code;
    await expectRejected(registryCsv(withChange(1, { tax_code: code.slice(0, 9) + String((Number(code[9]) + 1) % 10) })), {
      line: 3,
      column: "tax_code",
      reason: /check digit/,
    });
  });

  it("a branch whose parent the registry does not know and the batch does not register", async () => {
    const branch = { tax_code: `${unknownTaxCode}-001`, parent_tax_code: unknownTaxCode, legal_form: "BRANCH", name: "Chi nhánh mồ côi" };
    await expectRejected(registryCsv(withChange(0, branch)), {
      line: 2,
      column: "parent_tax_code",
      reason: new RegExp(`knows no enterprise with tax code ${unknownTaxCode}, and this batch does not register it`),
    });
  });

  it("a branch whose parent is not the enterprise its tax code begins with, or which is not a BRANCH", async () => {
    const body = await expectRejected(registryCsv(withChange(0, { tax_code: `${rows[0].tax_code}-001`, parent_tax_code: rows[1].tax_code })), {
      line: 2,
      column: "parent_tax_code",
      reason: new RegExp(`the enterprise its tax code begins with: ${rows[0].tax_code}`),
    });
    expect(body.errors).toContainEqual({ line: 2, column: "legal_form", reason: "a branch's legal form is BRANCH" });
  });

  it("a former province code, naming the province it merged into", async () => {
    await expectRejected(registryCsv(withChange(0, { province_code: "74", commune_code: "", industrial_zone_code: "" })), {
      line: 2,
      column: "province_code",
      reason: /province 74 \(Bình Dương\) merged into 79 \(.*Hồ Chí Minh\) on 2025-07-01: report it under 79/,
    });
  });

  it("a commune that lies in another province, and one that does not exist", async () => {
    const [elsewhere] = await ingest.sql(`SELECT code FROM hub.commune WHERE province_code <> $1 ORDER BY code LIMIT 1`, [rows[0].province_code]);
    await expectRejected(registryCsv(withChange(0, { commune_code: elsewhere.code })), {
      line: 2,
      column: "commune_code",
      reason: new RegExp(`commune ${elsewhere.code} \\(.+\\) lies in province \\d\\d \\(.+\\), not in ${rows[0].province_code}`),
    });
    await expectRejected(registryCsv(withChange(2, { commune_code: "99999" })), { line: 4, column: "commune_code", reason: /no commune has the code 99999/ });
  });

  it("a sector that is not a VSIC section", async () => {
    await expectRejected(registryCsv(withChange(1, { sector_code: "Z" })), {
      line: 3,
      column: "sector_code",
      reason: /VSIC section, one capital letter from A to U/,
    });
  });

  it("an industrial zone in another province, and one that does not exist", async () => {
    const [zone] = await ingest.sql(`SELECT code FROM hub.industrial_zone WHERE province_code <> $1 ORDER BY code LIMIT 1`, [rows[1].province_code]);
    await expectRejected(registryCsv(withChange(1, { industrial_zone_code: zone.code })), {
      line: 3,
      column: "industrial_zone_code",
      reason: new RegExp(`industrial zone ${zone.code} \\(.+\\) lies in province`),
    });
    await expectRejected(registryCsv(withChange(1, { industrial_zone_code: `KCN${rows[1].province_code}-99` })), {
      line: 3,
      column: "industrial_zone_code",
      reason: /no industrial zone has the code/,
    });
  });

  it("a legal representative's ID number that is not 12 digits, and an ID with no name", async () => {
    await expectRejected(registryCsv(withChange(0, { legal_rep_id_number: "01234567890" })), {
      line: 2,
      column: "legal_rep_id_number",
      reason: /CCCD\) is 12 digits/,
    });
    await expectRejected(registryCsv(withChange(0, { legal_rep_name: "" })), { line: 2, column: "legal_rep_name", reason: /no name/ });
  });

  it("a status or legal form outside the enums", async () => {
    const body = await expectRejected(registryCsv(withChange(2, { status: "CLOSED", legal_form: "LLC" })), {
      line: 4,
      column: "status",
      reason: /one of ACTIVE, SUSPENDED, DISSOLVING, DISSOLVED, BANKRUPT/,
    });
    expect(body.errors).toContainEqual({ line: 4, column: "legal_form", reason: expect.stringContaining("one of LLC1, LLC2") });
  });

  it("a registration date that is no day of the calendar, or after the extract's day", async () => {
    await expectRejected(registryCsv(withChange(0, { registered_on: "2026-02-30" })), { line: 2, column: "registered_on", reason: /a day of the calendar/ });
    await expectRejected(registryCsv(withChange(1, { registered_on: "2026-11-21" })), {
      line: 3,
      column: "registered_on",
      reason: /after the extract's day 2026-11-20/,
    });
  });

  it("the same enterprise twice in one batch", async () => {
    await expectRejected(registryCsv([...rows, rows[1]]), { line: 5, column: "tax_code", reason: /the same tax_code as line 3/ });
  });

  it("an extract day in the wrong shape or in the future, before reading anything", async () => {
    const before = await ingest.sql(`SELECT count(*)::int AS n FROM hub.batch`);
    for (const [period, message] of [
      ["2026-11", "YYYY-MM-DD"],
      ["2099-01-01", "has not begun"],
      ["2026-02-30", "not a day of the calendar"],
    ]) {
      const response = await ingest.post("registry", period, registryCsv(rows), { as: REGISTRY_PUBLISHER });
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ code: "BAD_USER_INPUT", message: expect.stringContaining(message) });
    }
    expect(await ingest.sql(`SELECT count(*)::int AS n FROM hub.batch`)).toEqual(before);
  });
});

describe("the registry's mutations refuse", () => {
  const REGISTER = `mutation ($rows: [EnterpriseRowInput!]!) { registerEnterprises(period: "2026-11-20", rows: $rows) { status errors { line column reason } } }`;
  const DISSOLVE = `mutation ($rows: [EnterpriseDissolutionInput!]!) { dissolveEnterprises(period: "2026-11-20", rows: $rows) { status errors { line column reason } } }`;
  const asInput = (row: RegistryRow) => ({
    taxCode: row.tax_code,
    name: row.name,
    legalForm: row.legal_form,
    status: row.status,
    registeredOn: row.registered_on,
    provinceCode: row.province_code,
    communeCode: row.commune_code || null,
    sectorCode: row.sector_code || null,
    address: row.address || null,
    legalRepName: row.legal_rep_name || null,
    legalRepIdNumber: row.legal_rep_id_number || null,
  });

  it("registering a tax code the registry already holds", async () => {
    const before = await ingest.state();
    const answer = dataOf(await ingest.hub.graphql(REGISTER, { rows: [asInput(rows[0])] }, await headersFor(REGISTRY_PUBLISHER)));
    expect(answer.registerEnterprises).toEqual({
      status: "REJECTED",
      errors: [{ line: 2, column: "tax_code", reason: expect.stringContaining(`already has tax code ${rows[0].tax_code}`) }],
    });
    expect(await ingest.state()).toEqual(before);
  });

  it("dissolving an enterprise the registry does not know", async () => {
    const before = await ingest.state();
    const answer = dataOf(
      await ingest.hub.graphql(
        DISSOLVE,
        {
          rows: [
            { taxCode: rows[0].tax_code, status: "DISSOLVED" },
            { taxCode: unknownTaxCode, status: "DISSOLVED" },
          ],
        },
        await headersFor(REGISTRY_PUBLISHER),
      ),
    );
    expect(answer.dissolveEnterprises).toEqual({
      status: "REJECTED",
      errors: [{ line: 3, column: "tax_code", reason: `the business registry knows no enterprise with tax code ${unknownTaxCode}` }],
    });
    expect(await ingest.state()).toEqual(before);
  });

  it("dissolving to a status that is no way out of the register", async () => {
    const answer = dataOf(
      await ingest.hub.graphql(DISSOLVE, { rows: [{ taxCode: rows[0].tax_code, status: "ACTIVE" }] }, await headersFor(REGISTRY_PUBLISHER)),
    );
    expect(answer.dissolveEnterprises.errors).toEqual([
      { line: 2, column: "status", reason: "a dissolution sets the status to DISSOLVING, DISSOLVED, BANKRUPT" },
    ]);
  });
});

describe("who may publish the registry's data", () => {
  const CHANGE = `mutation ($rows: [EnterpriseRowInput!]!) { changeEnterprises(period: "2026-11-20", rows: $rows) { id status } }`;

  it("refuses another agency's publisher and the registry's own analyst on POST /ingest/registry (403), changing nothing", async () => {
    const before = await ingest.state();
    const tax = await ingest.post("registry", DAY, registryCsv(rows), { as: TAX_PUBLISHER });
    expect(tax.status).toBe(403);
    expect(tax.body.error.message).toContain("registry data is published by agency registry only, not tax");
    const analyst = await ingest.post("registry", DAY, registryCsv(rows), { as: { agency: "registry", roles: ["analyst"], purposes: ["statistics"] } });
    expect(analyst.status).toBe(403);
    expect(analyst.body.error.message).toContain("needs the role publisher");
    expect(await ingest.state()).toEqual(before);
  });

  it("refuses them the mutations with FORBIDDEN, changing nothing", async () => {
    const before = await ingest.state();
    const row = {
      taxCode: rows[0].tax_code,
      name: "Đổi tên",
      legalForm: rows[0].legal_form,
      status: "ACTIVE",
      registeredOn: rows[0].registered_on,
      provinceCode: rows[0].province_code,
    };
    for (const who of [TAX_PUBLISHER, { agency: "registry", roles: ["analyst"], purposes: ["statistics"] } as const]) {
      const response = await ingest.hub.graphql(CHANGE, { rows: [row] }, await headersFor(who as typeof TAX_PUBLISHER));
      expect(response.data?.changeEnterprises).toBeNull();
      expect(response.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    }
    expect(await ingest.state()).toEqual(before);
  });

  it("lets a provincial publisher publish its own province's enterprises only", async () => {
    const [elsewhere] = await ingest.sql(`SELECT code FROM hub.province WHERE code <> $1 ORDER BY code LIMIT 1`, [rows[0].province_code]);
    const body = await ingest.post("registry", DAY, registryCsv([rows[0]]), { as: { ...REGISTRY_PUBLISHER, province: elsewhere.code } });
    expect(body.status).toBe(400);
    expect(body.body.errors).toEqual([
      { line: 2, column: "province_code", reason: `province ${rows[0].province_code} is outside your token's province ${elsewhere.code}` },
    ]);
  });
});
