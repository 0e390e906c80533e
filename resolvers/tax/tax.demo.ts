import type { BatchOf, Cell, DemoContribution } from "../../src/demo/demo-contribution";
import { DEMO_PERIODS, type DemoWorld, type EnterpriseProfile } from "../../src/demo/demo-world";
import { Random } from "../../src/demo/random";

/** The tax authority's demo declarations: one batch per quarter. */
export const taxDemo: DemoContribution = {
  batches: DEMO_PERIODS.taxQuarters,
  tables: [
    {
      table: "tax.headcount",
      columns: ["tax_code", "period", "operating_status", "employees", "total_wages_vnd", "province_code", "batch_id"],
      per: "enterprise",
      rows: headcountRows,
    },
  ],
};

/**
 * The tax authority's quarterly rows: nothing before registration; dissolved enterprises stop
 * declaring; a few active ones are flagged as not at their address.
 */
function headcountRows(p: EnterpriseProfile, world: DemoWorld, batch: BatchOf): Cell[][] {
  const random = new Random(world.seed, p.index, 0x7a);
  const quarters = DEMO_PERIODS.taxQuarters;
  const lastDeclared = p.status === "DISSOLVED" || p.status === "BANKRUPT" ? random.int(-1, 1) : quarters.length - 1;
  const notAtAddress = p.status === "ACTIVE" && random.chance(0.03);
  const rows: Cell[][] = [];
  for (let q = 0; q <= lastDeclared; q++) {
    if (quarterEnd(quarters[q]) < p.registeredOn) continue;
    const last = q === lastDeclared;
    const status =
      p.status === "SUSPENDED" ? "SUSPENDED" : p.status === "ACTIVE" ? (notAtAddress && last ? "NOT_AT_ADDRESS" : "OPERATING") : last ? "CEASED" : "OPERATING";
    const employees = p.employees === 0 ? 0 : Math.max(0, Math.round(p.employees * (0.94 + 0.02 * q + 0.03 * random.normal())));
    // The tax department managing an enterprise is the one of the province it is registered in.
    rows.push([p.taxCode, quarters[q], status, employees, employees * p.monthlyWage * 3, p.provinceCode, batch(quarters[q])]);
  }
  return rows;
}

function quarterEnd(quarter: string): string {
  const month = Number(quarter.slice(-1)) * 3;
  return `${quarter.slice(0, 4)}-${String(month).padStart(2, "0")}-${month === 6 || month === 9 ? "30" : "31"}`;
}
