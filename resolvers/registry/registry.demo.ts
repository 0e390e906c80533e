import type { DemoContribution } from "../../src/demo/demo-contribution";
import { ENTERPRISE_COLUMNS } from "./enterprise-columns";

/** The business registration office's demo register: one row per enterprise of the world, in one batch of no period. */
export const registryDemo: DemoContribution = {
  batches: [null],
  tables: [
    {
      table: "registry.enterprise",
      columns: [...ENTERPRISE_COLUMNS, "batch_id"],
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
