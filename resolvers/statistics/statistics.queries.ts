import type { Database } from "../../src/database";
import { rowsForPeriod, type PeriodicTable } from "../../src/database/periodic-rows";
import type { LabourForceStat } from "../../entities";
import { PROVINCE_MERGER_EFFECTIVE_DATE } from "../../src/reference-data/provinces";

const LABOUR_FORCE: PeriodicTable = {
  // Per province in force: periods before the 2025 merger rolled up from the former provinces (migration 1795314000001).
  table: "statistics.labour_force_by_province",
  keyColumn: "province_code",
  columns: `province_code AS "provinceCode", period, labour_force AS "labourForce",
    working_age_labour_force AS "workingAgeLabourForce", employed, unemployed, population,
    working_age_population AS "workingAgePopulation", away_from_home AS "awayFromHome", batch_id AS "batchId"`,
  // Quarters and years are mixed, so order by the period's last day; at equal ends the yearly figure wins.
  newestFirst: "hub.period_end(period) DESC, length(period)",
};

/**
 * Each province's labour force for `period`, or its latest when none is given. A period ending
 * before 1 July 2025 is the sum of the former provinces merged into it, when all of them reported.
 */
export async function labourForces(db: Database, provinceCodes: readonly string[], period: string | undefined): Promise<LabourForceStat[]> {
  if (period !== undefined || provinceCodes.length === 0) return rowsForPeriod(db, LABOUR_FORCE, provinceCodes, period);
  // A province with figures since the merger has its latest among them, as the view's first branch
  // holds them: read from the table itself, since planning the view's roll-up took 0.66 ms a read,
  // twice what running it did. Only provinces with figures from before the merger alone read the view.
  const current = await db.query<LabourForceStat>(
    `SELECT DISTINCT ON (province_code) ${LABOUR_FORCE.columns} FROM statistics.labour_force
      WHERE province_code = ANY($1) AND hub.period_end(period) >= $2::date ORDER BY province_code, ${LABOUR_FORCE.newestFirst}`,
    [provinceCodes, PROVINCE_MERGER_EFFECTIVE_DATE],
    { prepared: true },
  );
  const found = new Set(current.map((row) => row.provinceCode));
  const beforeMergerOnly = provinceCodes.filter((code) => !found.has(code));
  return beforeMergerOnly.length === 0 ? current : [...current, ...(await rowsForPeriod<LabourForceStat>(db, LABOUR_FORCE, beforeMergerOnly, undefined))];
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

/**
 * The former provinces' own figures (codes in `formerCodes`, each merged into `successorCode`) for
 * `period`, or each one's latest period before the merger: the series as the statistics office
 * published it for the 63 provinces of the time.
 */
export function formerLabourForces(
  db: Database,
  formerCodes: readonly string[],
  successorCode: string,
  period: string | undefined,
): Promise<LabourForceStat[]> {
  if (formerCodes.length === 0) return Promise.resolve([]);
  const params: unknown[] = [formerCodes, successorCode];
  const inPeriod = period === undefined ? "" : ` AND l.period = $${params.push(period)}`;
  return db.query(
    `SELECT DISTINCT ON (l.province_code) ${LABOUR_FORCE.columns}
       FROM statistics.labour_force l JOIN hub.former_province f ON f.code = l.province_code
      WHERE l.province_code = ANY($1) AND f.successor_code = $2 AND hub.period_end(l.period) < f.merged_on${inPeriod}
      ORDER BY l.province_code, ${LABOUR_FORCE.newestFirst}`,
    params,
  );
}
