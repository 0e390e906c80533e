import type { Database } from "../../src/database";
import { rowsForPeriod, type PeriodicTable } from "../../src/database/periodic-rows";
import type { BhxhUnit, Enrolment } from "../../entities";

const UNIT_COLUMNS = `code, tax_code AS "taxCode", name, province_code AS "provinceCode",
  to_char(registered_on, 'YYYY-MM-DD') AS "registeredOn", batch_id AS "batchId"`;

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

/** Units by their tax code; with a province scope, units of other provinces are not read, as if absent. */
export function unitsByTaxCode(db: Database, taxCodes: readonly string[], scopeProvinceCode: string | undefined): Promise<BhxhUnit[]> {
  if (scopeProvinceCode === undefined) return db.query(`SELECT ${UNIT_COLUMNS} FROM bhxh.unit WHERE tax_code = ANY($1)`, [taxCodes]);
  return db.query(`SELECT ${UNIT_COLUMNS} FROM bhxh.unit WHERE tax_code = ANY($1) AND province_code = $2`, [taxCodes, scopeProvinceCode]);
}

/** Each unit's enrolment for `period`, or its latest month when no period is given; with a province scope, only its units'. */
export function enrolments(db: Database, unitCodes: readonly string[], period: string | undefined, scopeProvinceCode: string | undefined): Promise<Enrolment[]> {
  return rowsForPeriod(db, ENROLMENTS, unitCodes, period, scopeProvinceCode);
}
