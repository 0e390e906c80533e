import type { Database } from "../../src/database";
import { rowsForPeriod, type PeriodicTable } from "../../src/database/periodic-rows";
import type { LabourForceStat } from "../../entities";

const LABOUR_FORCE: PeriodicTable = {
  table: "statistics.labour_force",
  keyColumn: "province_code",
  columns: `province_code AS "provinceCode", period, labour_force AS "labourForce",
    working_age_labour_force AS "workingAgeLabourForce", employed, unemployed, population,
    working_age_population AS "workingAgePopulation", away_from_home AS "awayFromHome", batch_id AS "batchId"`,
  // Quarters and years are mixed, so order by the period's last day; at equal ends the yearly figure wins.
  newestFirst: "hub.period_end(period) DESC, length(period)",
};

/** Each province's labour force for `period`, or its latest when none is given. */
export function labourForces(db: Database, provinceCodes: readonly string[], period: string | undefined): Promise<LabourForceStat[]> {
  return rowsForPeriod(db, LABOUR_FORCE, provinceCodes, period);
}
