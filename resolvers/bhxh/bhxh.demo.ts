import type { BatchOf, Cell, DemoContribution } from "../../src/demo/demo-contribution";
import { LOWEST_TO_AVERAGE_DECLARED_WAGE, WAGE_BELOW_BASE_FRACTION } from "../../src/demo/demo-shares";
import { DEMO_PERIODS, type DemoWorld, type EnterpriseProfile } from "../../src/demo/demo-world";
import { VOLUNTARY_MONTHLY_GROWTH } from "../../src/demo/demo-shares";
import { Random } from "../../src/demo/random";
import { DEMO_COMMUNES } from "../../src/reference-data/communes";
import { legalBaseSalaryOn } from "../hub/legal-base-salary";
import { BHXH_COMPLIANCE_COLUMNS, BHXH_MONTH_COLUMNS } from "./bhxh.ingest";

/** Employer + employee share of social, health and unemployment insurance that BHXH collects. */
const CONTRIBUTION_RATE = 0.32;

/** Vietnam Social Security's demo data: the register of units (a batch of no period) and one batch of enrolment per month. */
export const bhxhDemo: DemoContribution = {
  batches: [null, ...DEMO_PERIODS.enrolmentMonths],
  tables: [
    {
      table: "bhxh.unit",
      columns: ["code", "tax_code", "name", "province_code", "registered_on", "batch_id"],
      per: "enterprise",
      rows: (p, _world, batch) => (p.bhxh ? [[p.bhxh.unitCode, p.taxCode, p.name, p.provinceCode, p.bhxh.registeredOn, batch(null)]] : []),
    },
    {
      table: "bhxh.enrolment",
      columns: ["unit_code", ...BHXH_MONTH_COLUMNS, ...BHXH_COMPLIANCE_COLUMNS, "batch_id"],
      per: "enterprise",
      rows: enrolmentRows,
    },
    {
      table: "bhxh.voluntary",
      columns: ["commune_code", "period", "voluntary_insured", "batch_id"],
      per: "province",
      // The seed has one batch per month for BHXH; voluntary rows name that month's (a delivered batch would be dataset `voluntary`).
      rows: voluntaryRows,
    },
  ],
  // The province totals coverage reads are kept at ingest; a bulk COPY bypasses the merge, so they are computed once here.
  async afterLoad(query) {
    await query("SELECT bhxh.refresh_province_month(NULL, NULL)");
  },
};

/**
 * BHXH's monthly rows: enrolled workers (fewer than employed for under-enrolling units),
 * contributions due and paid, and arrears. A month's contributions are due by the last day of the
 * next month (Điều 34 k4): one left unpaid becomes arrears at the end of that next month, so the
 * row of month m holds what was due by its end, and its months overdue count from the oldest
 * unpaid month's deadline. Long arrears get a written reminder in the first 10 days of a month
 * (Decree 274/2025); a few units declare a salary below the legal base.
 */
function enrolmentRows(p: EnterpriseProfile, world: DemoWorld, batch: BatchOf): Cell[][] {
  const unit = p.bhxh;
  if (!unit) return [];
  const months = DEMO_PERIODS.enrolmentMonths;
  const insured = world.compulsoryInsured(p);
  const insuredWage = Math.round((p.monthlyWage * 0.85) / 1000) * 1000; // declared salaries trail real wages
  const random = new Random(world.seed, p.index, 0xc1);
  const rows: Cell[][] = [];
  let arrears = 0; // overdue: past its deadline
  let unpaidThisMonth = 0; // not yet due
  let oldest: number | null = null;
  let reminder: string | null = null;
  for (let m = 0; m < months.length; m++) {
    const compulsory = insured[m];
    if (compulsory === null) continue;
    const unemployment = compulsory - Math.round(compulsory * 0.03);
    const due = compulsory * insuredWage * CONTRIBUTION_RATE;
    // Last month's unpaid contributions pass their deadline at the end of this month.
    if (unpaidThisMonth > 0) {
      arrears += unpaidThisMonth;
      oldest ??= m - 1;
      unpaidThisMonth = 0;
    }
    const owing = unit.arrearsFrom !== null && m >= unit.arrearsFrom && (unit.paysBackAfter === null || m < unit.arrearsFrom + unit.paysBackAfter);
    let paid = due;
    if (owing) {
      paid = 0;
      unpaidThisMonth = due;
    } else if (arrears > 0) {
      paid = due + arrears; // paid back in full
      arrears = 0;
      oldest = null;
      reminder = null;
    }
    const arrearsMonths = oldest === null ? 0 : m - oldest;
    if (oldest !== null && arrearsMonths >= 2 && unit.reminded && reminder === null)
      reminder = `${months[oldest + 2]}-${String(random.int(1, 10)).padStart(2, "0")}`;
    rows.push([
      unit.unitCode,
      months[m],
      compulsory,
      unemployment,
      Math.round(due),
      Math.round(paid),
      Math.round(arrears),
      arrearsMonths,
      oldest === null ? null : months[oldest],
      reminder,
      lowestDeclaredWage(unit.declaresBelowBase, insuredWage, months[m], random),
      batch(months[m]),
    ]);
  }
  return rows;
}

/**
 * Voluntary participants per demo commune and month: the province's voluntary share of its
 * participants in the latest month (src/demo/demo-shares.ts), growing month by month, spread over
 * its demo communes.
 */
function voluntaryRows(provinceCode: string, world: DemoWorld, batch: BatchOf): Cell[][] {
  const communes = DEMO_COMMUNES.filter((c) => c.provinceCode === provinceCode);
  if (communes.length === 0) return [];
  const random = new Random(world.seed, 0x701a, Number(provinceCode));
  const weights = communes.map(() => random.between(0.5, 1.5));
  const totalWeight = weights.reduce((sum, w) => sum + w, 0);
  const months = DEMO_PERIODS.enrolmentMonths;
  const latest = world.voluntaryInLatestMonth(provinceCode);
  const rows: Cell[][] = [];
  for (const [m, period] of months.entries()) {
    const total = latest / Math.pow(1 + VOLUNTARY_MONTHLY_GROWTH, months.length - 1 - m);
    for (const [i, commune] of communes.entries()) rows.push([commune.code, period, Math.round((total * weights[i]) / totalWeight), batch(period)]);
  }
  return rows;
}

/** The lowest salary declared that month: not below the legal base, except for the deliberate few. */
function lowestDeclaredWage(belowBase: boolean, averageDeclared: number, month: string, random: Random): number {
  const base = Number(legalBaseSalaryOn(`${month}-01`) ?? 0n);
  if (belowBase) return Math.round((base * random.between(WAGE_BELOW_BASE_FRACTION.min, WAGE_BELOW_BASE_FRACTION.max)) / 1000) * 1000;
  return Math.max(base, Math.round((averageDeclared * LOWEST_TO_AVERAGE_DECLARED_WAGE) / 1000) * 1000);
}
