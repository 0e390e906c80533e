import type { BatchOf, Cell, DemoContribution } from "../../src/demo/demo-contribution";
import { DEMO_TARGET_YEARLY_GROWTH } from "../../src/demo/demo-shares";
import type { DemoWorld } from "../../src/demo/demo-world";
import { PROVINCES } from "../../src/reference-data/provinces";
import { DEMO_COMMUNES } from "../../src/reference-data/communes";
import { DEMO_INDUSTRIAL_ZONES } from "../../src/reference-data/industrial-zones";
import { refreshAllCompliance } from "./compliance-refresh";
import { COVERAGE_TARGET_COLUMNS } from "./coverage-targets.ingest";

/** The day of the demo's targets batch: Resolution 403/NQ-CP's date (domain.md). */
const TARGETS_DAY = "2025-12-10";

/**
 * The communes and industrial zones the demo's enterprises are in: reference data the hub keeps,
 * not an owner's batch; and coverage targets, which the labour administration would publish.
 */
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
  batches: [TARGETS_DAY],
  tables: [
    {
      table: "hub.coverage_target",
      columns: [...COVERAGE_TARGET_COLUMNS, "batch_id"],
      per: "province",
      rows: targetRows,
    },
  ],
  // Findings are derived from tax's and BHXH's seed batches as from any other: every month evaluated whole.
  async afterLoad(query) {
    await query(`TRUNCATE hub.compliance_finding, hub.compliance_subject, hub.compliance_period, hub.compliance_count`);
    await refreshAllCompliance(query);
    // Fresh statistics, as for the owners' tables: the lists' first pages are planned on them.
    await query(`ANALYZE hub.compliance_finding, hub.compliance_subject, hub.compliance_count`);
  },
};

/** Resolution 28-NQ/TW's national rates and 403/NQ-CP's national participants (domain.md "Coverage and targets"). */
const NATIONAL_TARGETS: Cell[][] = [
  ["national", "VN", 2021, 35, null, 28, 1, null, "28-NQ/TW", null, "voluntary 1% unverified (shared/domain.md)"],
  ["national", "VN", 2025, 45, null, 35, 2.5, null, "28-NQ/TW", null, null],
  ["national", "VN", 2030, 60, null, 45, 5, null, "28-NQ/TW", null, "voluntary 5% unverified (shared/domain.md)"],
  [
    "national",
    "VN",
    2030,
    null,
    29_334_000,
    null,
    null,
    2_444_500,
    "403/NQ-CP",
    null,
    "targets through 2030 (year assumed 2030); voluntary participants are a floor",
  ],
];

/**
 * A province's demo targets, 2026 to 2030, labelled as assumptions: domain.md does not give
 * 403/NQ-CP's per-province figures. The national rows come with the first province, as the demo
 * generates rows per province only.
 */
function targetRows(provinceCode: string, world: DemoWorld, batch: BatchOf): Cell[][] {
  const participants = world.insuredInLatestMonth(provinceCode) + world.voluntaryInLatestMonth(provinceCode);
  const rows: Cell[][] = provinceCode === PROVINCES[0].code ? [...NATIONAL_TARGETS] : [];
  for (let year = 2026; year <= 2030; year++) {
    const target = Math.round(participants * Math.pow(1 + DEMO_TARGET_YEARLY_GROWTH, year - 2025));
    rows.push(["province", provinceCode, year, null, target, null, null, null, "403/NQ-CP", null, "demo: assumed figure, not the published 403/NQ-CP target"]);
  }
  return rows.map((row) => [...row, batch(TARGETS_DAY)]);
}
