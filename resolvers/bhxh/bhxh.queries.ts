import type { Database } from "../../src/database";
import { rowsForPeriod, type PeriodicTable } from "../../src/database/periodic-rows";
import type { BhxhUnit, Enrolment } from "../../entities";

const ENROLMENTS: PeriodicTable = {
  table: "bhxh.enrolment",
  keyColumn: "unit_code",
  columns: `unit_code AS "unitCode", period, compulsory_insured AS "compulsoryInsured",
    unemployment_insured AS "unemploymentInsured", contribution_due_vnd AS "contributionDue",
    contribution_paid_vnd AS "contributionPaid", arrears_vnd AS "arrears", arrears_months AS "arrearsMonths", batch_id AS "batchId"`,
  // Months sort correctly as text (YYYY-MM).
  newestFirst: "period DESC",
  // A unit's months are in the province of the unit (its own table, joined by the unit code).
  inProvince: (province) => `EXISTS (SELECT 1 FROM bhxh.unit u WHERE u.code = bhxh.enrolment.unit_code AND u.province_code = ${province})`,
};

/**
 * Units by tax code, each with its latest month of enrolment, in one statement: a page asks for
 * both, and a round trip costs more than the month read with the unit. With a province scope, units of other
 * provinces are not read, as if absent.
 */
export async function unitsWithLatestEnrolment(
  db: Database,
  taxCodes: readonly string[],
  scopeProvinceCode: string | undefined,
): Promise<{ unit: BhxhUnit; latest: Enrolment | null }[]> {
  const scoped = scopeProvinceCode === undefined ? "" : " AND u.province_code = $2";
  const rows = await db.query<BhxhUnit & { latest: Enrolment | null }>(
    `SELECT u.code, u.tax_code AS "taxCode", u.name, u.province_code AS "provinceCode",
            to_char(u.registered_on, 'YYYY-MM-DD') AS "registeredOn", u.batch_id AS "batchId",
            (SELECT json_build_object(
                      'unitCode', e.unit_code, 'period', e.period, 'compulsoryInsured', e.compulsory_insured,
                      'unemploymentInsured', e.unemployment_insured, 'contributionDue', e.contribution_due_vnd::text,
                      'contributionPaid', e.contribution_paid_vnd::text, 'arrears', e.arrears_vnd::text,
                      'arrearsMonths', e.arrears_months, 'batchId', e.batch_id)
               FROM bhxh.enrolment e WHERE e.unit_code = u.code ORDER BY e.period DESC LIMIT 1) AS latest
       FROM bhxh.unit u WHERE u.tax_code = ANY($1)${scoped}`,
    scopeProvinceCode === undefined ? [taxCodes] : [taxCodes, scopeProvinceCode],
  );
  return rows.map(({ latest, ...unit }) => ({ unit, latest }));
}

/** Each unit's enrolment for `period`, or its latest month when no period is given; with a province scope, only its units'. */
export function enrolments(db: Database, unitCodes: readonly string[], period: string | undefined, scopeProvinceCode: string | undefined): Promise<Enrolment[]> {
  return rowsForPeriod(db, ENROLMENTS, unitCodes, period, scopeProvinceCode);
}

const ENROLMENT_COLUMNS = `unit_code, period, compulsory_insured, unemployment_insured, contribution_due_vnd,
  contribution_paid_vnd, arrears_vnd, arrears_months, batch_id`;

/**
 * Each unit's enrolment as the hub knew it at `asOf`: the current row if it was already in force
 * then, else the superseded version whose interval holds the instant; for `period`, or the latest
 * month known then. One statement for any number of unit codes. With a province scope, only the
 * units of that province (as registered now, like the present reads).
 */
export function enrolmentsAsOf(
  db: Database,
  unitCodes: readonly string[],
  period: string | undefined,
  asOf: Date,
  scopeProvinceCode: string | undefined,
): Promise<Enrolment[]> {
  if (unitCodes.length === 0) return Promise.resolve([]);
  const params: unknown[] = [unitCodes, asOf];
  const filters = period === undefined ? "" : ` AND period = $${params.push(period)}`;
  const scoped = scopeProvinceCode === undefined ? "" : ` AND EXISTS (SELECT 1 FROM bhxh.unit u WHERE u.code = known.unit_code AND u.province_code = $${params.push(scopeProvinceCode)})`;
  return db.query(
    `SELECT DISTINCT ON (unit_code) unit_code AS "unitCode", period, compulsory_insured AS "compulsoryInsured",
            unemployment_insured AS "unemploymentInsured", contribution_due_vnd AS "contributionDue",
            contribution_paid_vnd AS "contributionPaid", arrears_vnd AS "arrears", arrears_months AS "arrearsMonths", batch_id AS "batchId"
       FROM (SELECT ${ENROLMENT_COLUMNS} FROM bhxh.enrolment WHERE unit_code = ANY($1) AND valid_from <= $2${filters}
             UNION ALL
             SELECT ${ENROLMENT_COLUMNS} FROM bhxh.enrolment_history WHERE unit_code = ANY($1) AND valid_from <= $2 AND valid_to > $2${filters}) known
      WHERE true${scoped}
      ORDER BY unit_code, period DESC`,
    params,
  );
}
