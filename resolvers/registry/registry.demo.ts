import type { DemoContribution } from "../../src/demo/demo-contribution";

/** The business registration office's demo register: one row per enterprise of the world, in one batch of no period. */
export const registryDemo: DemoContribution = {
  batches: [null],
  tables: [
    {
      table: "registry.enterprise",
      columns: [
        "tax_code",
        "parent_tax_code",
        "name",
        "legal_form",
        "status",
        "registered_on",
        "province_code",
        "commune_code",
        "sector_code",
        "industrial_zone_code",
        "address",
        "legal_rep_name",
        "legal_rep_id_number",
        "batch_id",
      ],
      per: "enterprise",
      rows: (p, _world, batch) => [
        [
          p.taxCode,
          p.parentTaxCode,
          p.name,
          p.legalForm,
          p.status,
          p.registeredOn,
          p.provinceCode,
          p.communeCode,
          p.sectorCode,
          p.industrialZoneCode,
          p.address,
          p.legalRepName,
          p.legalRepIdNumber,
          batch(null),
        ],
      ],
    },
  ],
};
