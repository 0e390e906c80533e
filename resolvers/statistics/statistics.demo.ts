import type { Cell, DemoContribution } from "../../src/demo/demo-contribution";
import { DEMO_PERIODS, type DemoWorld } from "../../src/demo/demo-world";
import { Random } from "../../src/demo/random";
import { LABOUR_FORCE_COLUMNS } from "./statistics.ingest";

const LATEST_QUARTER = DEMO_PERIODS.statisticsQuarters.at(-1)!;

/** The statistics office's demo labour-force figures: every quarter and the year, per province, in one batch. */
export const statisticsDemo: DemoContribution = {
  batches: [LATEST_QUARTER],
  tables: [
    {
      table: "statistics.labour_force",
      columns: [...LABOUR_FORCE_COLUMNS, "batch_id"],
      per: "province",
      rows: (provinceCode, world, batch) => labourForceRows(world, provinceCode, batch(LATEST_QUARTER)),
    },
  ],
};

/**
 * The statistics office's rows for a province, scaled so that the province's coverage rate
 * (compulsory insured in the latest month / working-age labour force) lands on the world's target for it.
 */
function labourForceRows(world: DemoWorld, provinceCode: string, batchId: string): Cell[][] {
  const random = new Random(world.seed, 0x57a7, Number(provinceCode));
  const workingAgeLabourForce = Math.round(Math.max(world.insuredInLatestMonth(provinceCode), 5) / world.coverageTarget(provinceCode));
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

function labourForceRow(provinceCode: string, period: string, workingAgeLabourForce: number, random: Random, batchId: string): Cell[] {
  // Ratios near the national ones: labour force 15+ ≈ 1.13 × working-age, ≈ 52% of population; 2–3% unemployed.
  const labourForce = Math.round(workingAgeLabourForce * 1.13);
  const population = Math.round(labourForce / 0.52);
  const workingAgePopulation = Math.max(workingAgeLabourForce, Math.round(population * 0.64));
  const unemployed = Math.round(labourForce * random.between(0.018, 0.03));
  const awayFromHome = Math.round(labourForce * random.between(0.03, 0.12));
  return [
    provinceCode,
    period,
    population,
    workingAgePopulation,
    labourForce,
    workingAgeLabourForce,
    labourForce - unemployed,
    unemployed,
    awayFromHome,
    batchId,
  ];
}
