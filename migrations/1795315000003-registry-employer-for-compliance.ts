import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The business registry's documented interface for the hub's compliance lists (issue 10): an
 * employer's registered name and province, which the inspection list and the public list of
 * defaulters (Law 41/2024, Điều 35 khoản 2) name. Nothing about a person: no legal representative.
 */
export class RegistryEmployerForCompliance1795315000003 implements MigrationInterface {
  name = "RegistryEmployerForCompliance1795315000003";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE VIEW registry.employer_for_compliance AS
        SELECT e.tax_code, e.name, e.province_code FROM registry.enterprise e`);
    await db.query(
      `COMMENT ON VIEW registry.employer_for_compliance IS 'The registry''s interface for the hub''s compliance lists: an employer''s name and province, never a person''s data.'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP VIEW registry.employer_for_compliance`);
  }
}
