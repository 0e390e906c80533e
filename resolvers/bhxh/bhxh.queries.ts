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
};

export function unitsByTaxCode(db: Database, taxCodes: readonly string[]): Promise<BhxhUnit[]> {
  return db.query(`SELECT ${UNIT_COLUMNS} FROM bhxh.unit WHERE tax_code = ANY($1)`, [taxCodes]);
}

/** Each unit's enrolment for `period`, or its latest month when no period is given. */
export function enrolments(db: Database, unitCodes: readonly string[], period: string | undefined): Promise<Enrolment[]> {
  return rowsForPeriod(db, ENROLMENTS, unitCodes, period);
}
