import type { Database } from "../../src/database";
import type { LabourForceStat } from "../../entities";

const LABOUR_FORCE_COLUMNS = `province_code AS "provinceCode", period, labour_force AS "labourForce",
  working_age_labour_force AS "workingAgeLabourForce", employed, unemployed, population,
  working_age_population AS "workingAgePopulation", away_from_home AS "awayFromHome", batch_id AS "batchId"`;

/**
 * Each province's labour force for `period`, or its latest when none is given. Quarters and years
 * are mixed, so "latest" orders by the period's last day; at equal ends the yearly figure wins.
 */
export function labourForces(db: Database, provinceCodes: readonly string[], period: string | undefined): Promise<LabourForceStat[]> {
  if (period !== undefined) {
    return db.query(`SELECT ${LABOUR_FORCE_COLUMNS} FROM statistics.labour_force WHERE province_code = ANY($1) AND period = $2`, [
      provinceCodes,
      period,
    ]);
  }
  return db.query(
    `SELECT DISTINCT ON (province_code) ${LABOUR_FORCE_COLUMNS} FROM statistics.labour_force
      WHERE province_code = ANY($1) ORDER BY province_code, hub.period_end(period) DESC, length(period)`,
    [provinceCodes],
  );
}
