import { dataOf, useTestHub } from "../support/hub";

const hub = useTestHub();

const ENTERPRISE = `query($taxCode: String!) {
  enterprise(taxCode: $taxCode) {
    taxCode name status registeredOn legalForm parentTaxCode address
    province { code name } sector { code name } commune { code name } industrialZone { code name }
    legalRepresentative { fullName idNumber }
    source { agency batchId }
  }
}`;

describe("enterprise(taxCode)", () => {
  it("returns the registry's record for a head office", async () => {
    const [row] = await hub.sql(
      `SELECT e.*, to_char(registered_on, 'YYYY-MM-DD') AS registered, p.name AS province_name, s.name AS sector_name
         FROM registry.enterprise e JOIN hub.province p ON p.code = e.province_code LEFT JOIN hub.sector s ON s.code = e.sector_code
        WHERE parent_tax_code IS NULL AND industrial_zone_code IS NOT NULL ORDER BY tax_code LIMIT 1`,
    );
    const { enterprise } = dataOf(await hub.graphql(ENTERPRISE, { taxCode: row.tax_code }));
    expect(enterprise).toMatchObject({
      taxCode: row.tax_code,
      name: row.name,
      status: row.status,
      registeredOn: row.registered,
      legalForm: row.legal_form,
      parentTaxCode: null,
      address: row.address,
      province: { code: row.province_code, name: row.province_name },
      sector: { code: row.sector_code, name: row.sector_name },
      commune: { code: row.commune_code },
      industrialZone: { code: row.industrial_zone_code },
      legalRepresentative: { fullName: row.legal_rep_name, idNumber: row.legal_rep_id_number },
      source: { agency: "registry", batchId: row.batch_id },
    });
  });

  it("finds a branch by its 13-character tax code and names its head office", async () => {
    const [row] = await hub.sql(`SELECT tax_code, parent_tax_code FROM registry.enterprise WHERE parent_tax_code IS NOT NULL LIMIT 1`);
    expect(row.tax_code).toMatch(/^\d{10}-\d{3}$/);
    const { enterprise } = dataOf(await hub.graphql(ENTERPRISE, { taxCode: row.tax_code }));
    expect(enterprise).toMatchObject({ taxCode: row.tax_code, parentTaxCode: row.parent_tax_code, legalForm: "BRANCH" });
  });

  it("returns null for a well-formed tax code the registry does not hold", async () => {
    // 0100109106 is a valid code (shared/domain.md) that the demo generator's sequence never produces.
    const [{ exists }] = await hub.sql(`SELECT EXISTS (SELECT 1 FROM registry.enterprise WHERE tax_code = '0100109106') AS exists`);
    expect(exists).toBe(false);
    const response = await hub.graphql(ENTERPRISE, { taxCode: "0100109106" });
    expect(response.errors).toBeUndefined();
    expect(response.data.enterprise).toBeNull();
  });

  it.each([
    ["abc", "10 digits"],
    ["010023348", "10 digits"],
    ["0100233487", "check digit"],
    ["0100233488-000", "001 to 999"],
    ["0100233488-01", "10 digits"],
  ])("refuses the malformed tax code %s with BAD_USER_INPUT naming the argument", async (taxCode, reason) => {
    const response = await hub.graphql(ENTERPRISE, { taxCode });
    expect(response.status).toBe(200);
    expect(response.data.enterprise).toBeNull();
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "taxCode" });
    expect(response.errors![0].message).toContain("taxCode");
    expect(response.errors![0].message).toContain(reason);
  });
});
