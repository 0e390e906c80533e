import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The tax authority's documented interface for the hub's compliance findings (issue 10): each
 * enterprise's declared employees per quarter with the batch they came in. The hub reads this view,
 * never tax.headcount, so the table may change behind it.
 */
export class TaxHeadcountForCompliance1795315000002 implements MigrationInterface {
  name = "TaxHeadcountForCompliance1795315000002";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE VIEW tax.headcount_for_compliance AS
        SELECT h.tax_code, h.period, h.employees, h.province_code, h.batch_id FROM tax.headcount h`);
    await db.query(
      `COMMENT ON VIEW tax.headcount_for_compliance IS 'The tax authority''s interface for the hub''s compliance findings: employees declared per enterprise and quarter (YYYY-Qn), with their batch.'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP VIEW tax.headcount_for_compliance`);
  }
}
