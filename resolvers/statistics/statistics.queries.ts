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

const LABOUR_FORCE_COLUMNS = `province_code, period, population, working_age_population, labour_force, working_age_labour_force,
  employed, unemployed, away_from_home, batch_id`;

/**
 * Each province's labour force as the hub knew it at `asOf`: the current row if it was already in
 * force then, else the superseded version whose interval holds the instant; for `period`, or the
 * latest period known then (ordered as the present's read orders them). One statement for any
 * number of provinces.
 */
export function labourForcesAsOf(db: Database, provinceCodes: readonly string[], period: string | undefined, asOf: Date): Promise<LabourForceStat[]> {
  if (provinceCodes.length === 0) return Promise.resolve([]);
  const params: unknown[] = [provinceCodes, asOf];
  const inPeriod = period === undefined ? "" : ` AND period = $${params.push(period)}`;
  return db.query(
    `SELECT DISTINCT ON (province_code) ${LABOUR_FORCE.columns}
       FROM (SELECT ${LABOUR_FORCE_COLUMNS} FROM statistics.labour_force WHERE province_code = ANY($1) AND valid_from <= $2${inPeriod}
             UNION ALL
             SELECT ${LABOUR_FORCE_COLUMNS} FROM statistics.labour_force_history
              WHERE province_code = ANY($1) AND valid_from <= $2 AND valid_to > $2${inPeriod}) known
      ORDER BY province_code, ${LABOUR_FORCE.newestFirst}`,
    params,
  );
}
