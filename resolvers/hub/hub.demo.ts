import type { DemoContribution } from "../../src/demo/demo-contribution";
import { DEMO_COMMUNES } from "../../src/reference-data/communes";
import { DEMO_INDUSTRIAL_ZONES } from "../../src/reference-data/industrial-zones";
import { refreshAllCompliance } from "./compliance-refresh";

/** The communes and industrial zones the demo's enterprises are in: reference data the hub keeps, not an owner's batch. */
export const hubDemo: DemoContribution = {
  reference: [
    {
      sql: `INSERT INTO hub.commune (code, name, kind, province_code) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
            ON CONFLICT (code) DO NOTHING`,
      params: [DEMO_COMMUNES.map((c) => c.code), DEMO_COMMUNES.map((c) => c.name), DEMO_COMMUNES.map((c) => c.kind), DEMO_COMMUNES.map((c) => c.provinceCode)],
    },
    {
      sql: `INSERT INTO hub.industrial_zone (code, name, province_code) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
            ON CONFLICT (code) DO NOTHING`,
      params: [DEMO_INDUSTRIAL_ZONES.map((z) => z.code), DEMO_INDUSTRIAL_ZONES.map((z) => z.name), DEMO_INDUSTRIAL_ZONES.map((z) => z.provinceCode)],
    },
  ],
  // Findings are derived from tax's and BHXH's seed batches as from any other: every month evaluated whole.
  async afterLoad(query) {
    await query(`TRUNCATE hub.compliance_finding, hub.compliance_subject, hub.compliance_period`);
    await refreshAllCompliance(query);
  },
};
