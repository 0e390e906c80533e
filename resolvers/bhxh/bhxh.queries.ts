import type { Database } from "../../src/database";
import { rowsForPeriod, type PeriodicTable } from "../../src/database/periodic-rows";
import type { BhxhUnit, Enrolment } from "../../entities";
import type { ProvinceEnrolment } from "../../entities/bhxh/province-enrolment.entity";

const ENROLMENTS: PeriodicTable = {
  table: "bhxh.enrolment",
  keyColumn: "unit_code",
  columns: `unit_code AS "unitCode", period, compulsory_insured AS "compulsoryInsured",
    unemployment_insured AS "unemploymentInsured", contribution_due_vnd AS "contributionDue",
    contribution_paid_vnd AS "contributionPaid", arrears_vnd AS "arrears", arrears_months AS "arrearsMonths", batch_id AS "batchId"`,
  // Months sort correctly as text (YYYY-MM).
  newestFirst: "period DESC",
  newestByIndex: true,
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
    { prepared: true },
  );
  return rows.map(({ latest, ...unit }) => ({ unit, latest }));
}

/** Each unit's enrolment for `period`, or its latest month when no period is given; with a province scope, only its units'. */
export function enrolments(
  db: Database,
  unitCodes: readonly string[],
  period: string | undefined,
  scopeProvinceCode: string | undefined,
): Promise<Enrolment[]> {
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
  const scoped =
    scopeProvinceCode === undefined
      ? ""
      : ` AND EXISTS (SELECT 1 FROM bhxh.unit u WHERE u.code = known.unit_code AND u.province_code = $${params.push(scopeProvinceCode)})`;
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

/**
 * Each province's BHXH totals for `period`, or for its latest month with enrolment when no period
 * is given: one statement for any number of provinces, summed in SQL. The source is the batch that
 * most recently delivered one of the rows summed, looked up among the few distinct batches of the
 * rows in hub.batch, the provenance table every owner's rows already reference by foreign key.
 * With a province scope, other provinces are not read.
 */
export async function provinceEnrolments(
  db: Database,
  provinceCodes: readonly string[],
  period: string | undefined,
  scopeProvinceCode: string | undefined,
): Promise<ProvinceEnrolment[]> {
  const codes = scopeProvinceCode === undefined ? provinceCodes : provinceCodes.filter((code) => code === scopeProvinceCode);
  if (codes.length === 0) return [];
  // Each unit's newest month through the primary key (unit_code, period), not a scan of every month.
  const months =
    period === undefined
      ? `SELECT u.province_code, max((SELECT max(e.period) FROM bhxh.enrolment e WHERE e.unit_code = u.code)) AS period
           FROM bhxh.unit u WHERE u.province_code = ANY($1) GROUP BY u.province_code`
      : `SELECT code::char(2) AS province_code, $2::text AS period FROM unnest($1::text[]) AS code`;
  return db.query<ProvinceEnrolment>(
    `WITH months AS (${months})
     SELECT u.province_code AS "provinceCode", e.period,
            count(*)::int AS units,
            sum(e.compulsory_insured)::int AS "compulsoryInsured",
            sum(e.unemployment_insured)::int AS "unemploymentInsured",
            (count(*) FILTER (WHERE e.arrears_months > 0))::int AS "unitsInArrears",
            (SELECT b.id FROM hub.batch b WHERE b.id = ANY (array_agg(DISTINCT e.batch_id)) ORDER BY b.received_at DESC, b.id LIMIT 1) AS "batchId"
       FROM months m
       JOIN bhxh.unit u ON u.province_code = m.province_code
       JOIN bhxh.enrolment e ON e.unit_code = u.code AND e.period = m.period
      GROUP BY u.province_code, e.period`,
    period === undefined ? [codes] : [codes, period],
  );
}
