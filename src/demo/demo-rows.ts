import { DEMO_PERIODS, type DemoWorld, type EnterpriseProfile } from "./demo-world";
import { Random } from "./random";

/** Employer + employee share of social, health and unemployment insurance that BHXH collects. */
const CONTRIBUTION_RATE = 0.32;

export type Cell = string | number | null;

/** The registry's row for an enterprise, in registry.enterprise column order (see ENTERPRISE_COPY_COLUMNS). */
export function enterpriseRow(p: EnterpriseProfile, batchId: string): Cell[] {
  return [
    p.taxCode, p.parentTaxCode, p.name, p.legalForm, p.status, p.registeredOn, p.provinceCode, p.communeCode,
    p.sectorCode, p.industrialZoneCode, p.address, p.legalRepName, p.legalRepIdNumber, batchId,
  ];
}
export const ENTERPRISE_COPY_COLUMNS = [
  "tax_code", "parent_tax_code", "name", "legal_form", "status", "registered_on", "province_code", "commune_code",
  "sector_code", "industrial_zone_code", "address", "legal_rep_name", "legal_rep_id_number", "batch_id",
];

/**
 * The tax authority's quarterly rows: nothing before registration; dissolved enterprises stop
 * declaring; a few active ones are flagged as not at their address.
 */
export function headcountRows(world: DemoWorld, p: EnterpriseProfile, batchIds: readonly string[]): Cell[][] {
  const random = new Random(world.seed, p.index, 0x7a);
  const quarters = DEMO_PERIODS.taxQuarters;
  const lastDeclared = p.status === "DISSOLVED" || p.status === "BANKRUPT" ? random.int(-1, 1) : quarters.length - 1;
  const notAtAddress = p.status === "ACTIVE" && random.chance(0.03);
  const rows: Cell[][] = [];
  for (let q = 0; q <= lastDeclared; q++) {
    if (quarterEnd(quarters[q]) < p.registeredOn) continue;
    const last = q === lastDeclared;
    const status =
      p.status === "SUSPENDED" ? "SUSPENDED"
      : p.status === "ACTIVE" ? (notAtAddress && last ? "NOT_AT_ADDRESS" : "OPERATING")
      : last ? "CEASED" : "OPERATING";
    const employees = p.employees === 0 ? 0 : Math.max(0, Math.round(p.employees * (0.94 + 0.02 * q + 0.03 * random.normal())));
    rows.push([p.taxCode, quarters[q], status, employees, employees * p.monthlyWage * 3, batchIds[q]]);
  }
  return rows;
}
export const HEADCOUNT_COPY_COLUMNS = ["tax_code", "period", "operating_status", "employees", "total_wages_vnd", "batch_id"];

export function unitRow(p: EnterpriseProfile, batchId: string): Cell[] | null {
  if (!p.bhxh) return null;
  return [p.bhxh.unitCode, p.taxCode, p.name, p.provinceCode, p.bhxh.registeredOn, batchId];
}
export const UNIT_COPY_COLUMNS = ["code", "tax_code", "name", "province_code", "registered_on", "batch_id"];

/**
 * BHXH's monthly rows: enrolled workers (fewer than employed for under-enrolling units),
 * contributions due and paid, and arrears that build month by month until paid back.
 */
export function enrolmentRows(world: DemoWorld, p: EnterpriseProfile, batchIds: readonly string[]): Cell[][] {
  const unit = p.bhxh;
  if (!unit) return [];
  const random = new Random(world.seed, p.index, 0xb0);
  const months = DEMO_PERIODS.enrolmentMonths;
  const insuredWage = Math.round((p.monthlyWage * 0.85) / 1000) * 1000; // declared salaries trail real wages
  const rows: Cell[][] = [];
  let arrears = 0;
  for (let m = 0; m < months.length; m++) {
    if (`${months[m]}-28` < unit.registeredOn) continue;
    const workers = Math.max(1, Math.round(p.employees * (0.95 + (0.05 * m) / 11 + 0.01 * random.normal())));
    const compulsory = Math.max(1, Math.round(workers * unit.enrolledShare));
    const unemployment = compulsory - Math.round(compulsory * 0.03);
    const due = compulsory * insuredWage * CONTRIBUTION_RATE;
    const owing = unit.arrearsFrom !== null && m >= unit.arrearsFrom && (unit.paysBackAfter === null || m < unit.arrearsFrom + unit.paysBackAfter);
    let paid = due;
    let arrearsMonths = 0;
    if (owing) {
      paid = 0;
      arrears += due;
      arrearsMonths = m - unit.arrearsFrom! + 1;
    } else if (arrears > 0) {
      paid = due + arrears; // paid back in full
      arrears = 0;
    }
    rows.push([unit.unitCode, months[m], compulsory, unemployment, Math.round(due), Math.round(paid), Math.round(arrears), arrearsMonths, batchIds[m]]);
  }
  return rows;
}
export const ENROLMENT_COPY_COLUMNS = [
  "unit_code", "period", "compulsory_insured", "unemployment_insured", "contribution_due_vnd", "contribution_paid_vnd",
  "arrears_vnd", "arrears_months", "batch_id",
];

/**
 * The statistics office's rows for a province, scaled so that the province's coverage rate
 * (compulsory insured / working-age labour force) lands on the world's target for it.
 */
export function labourForceRows(world: DemoWorld, provinceCode: string, insuredLatestMonth: number, batchId: string): Cell[][] {
  const random = new Random(world.seed, 0x57a7, Number(provinceCode));
  const workingAgeLabourForce = Math.round(Math.max(insuredLatestMonth, 5) / world.coverageTarget(provinceCode));
  const periods = [...DEMO_PERIODS.statisticsQuarters].reverse(); // newest first: each older quarter slightly smaller
  const rows: Cell[][] = [];
  let scale = 1;
  for (const period of periods) {
    rows.push(labourForceRow(provinceCode, period, Math.round(workingAgeLabourForce * scale), random, batchId));
    scale *= 0.996;
  }
  rows.push(labourForceRow(provinceCode, DEMO_PERIODS.statisticsYear, Math.round(workingAgeLabourForce * scale), random, batchId));
  return rows;
}
export const LABOUR_FORCE_COPY_COLUMNS = [
  "province_code", "period", "population", "working_age_population", "labour_force", "working_age_labour_force",
  "employed", "unemployed", "away_from_home", "batch_id",
];

function labourForceRow(provinceCode: string, period: string, workingAgeLabourForce: number, random: Random, batchId: string): Cell[] {
  // Ratios near the national ones: labour force 15+ ≈ 1.13 × working-age, ≈ 52% of population; 2–3% unemployed.
  const labourForce = Math.round(workingAgeLabourForce * 1.13);
  const population = Math.round(labourForce / 0.52);
  const workingAgePopulation = Math.max(workingAgeLabourForce, Math.round(population * 0.64));
  const unemployed = Math.round(labourForce * random.between(0.018, 0.03));
  const awayFromHome = Math.round(labourForce * random.between(0.03, 0.12));
  return [provinceCode, period, population, workingAgePopulation, labourForce, workingAgeLabourForce, labourForce - unemployed, unemployed, awayFromHome, batchId];
}

function quarterEnd(quarter: string): string {
  const month = Number(quarter.slice(-1)) * 3;
  return `${quarter.slice(0, 4)}-${String(month).padStart(2, "0")}-${month === 6 || month === 9 ? "30" : "31"}`;
}

/** One row in PostgreSQL's COPY text format. */
export function copyLine(cells: readonly Cell[]): string {
  let line = "";
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (i > 0) line += "\t";
    if (cell === null) line += "\\N";
    else if (typeof cell === "number") line += String(cell);
    else line += /[\\\t\n\r]/.test(cell) ? cell.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r") : cell;
  }
  return `${line}\n`;
}
