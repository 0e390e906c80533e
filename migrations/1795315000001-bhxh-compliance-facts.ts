import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The facts Law 41/2024 needs to tell late payment from evasion that only BHXH holds (issue 10):
 * the oldest month still unpaid (days overdue count from its payment deadline, Điều 34 khoản 4),
 * the date of the written reminder for the arrears (Điều 39 needs one before unpaid contributions
 * count as evasion), and the lowest monthly salary declared for a worker (below the legal base is
 * evasion at once). Optional columns of the enrolment batch, kept with history like the others.
 *
 * It also publishes BHXH's documented interface for the hub's analytics: two views the hub's
 * compliance findings read instead of BHXH's tables, so the tables may change behind them.
 */
export class BhxhComplianceFacts1795315000001 implements MigrationInterface {
  name = "BhxhComplianceFacts1795315000001";

  async up(db: QueryRunner): Promise<void> {
    for (const table of ["bhxh.enrolment", "bhxh.enrolment_history"]) {
      await db.query(`
        ALTER TABLE ${table}
          ADD COLUMN oldest_unpaid_period text CHECK (oldest_unpaid_period ~ '^\\d{4}-(0[1-9]|1[0-2])$' AND oldest_unpaid_period <= period),
          ADD COLUMN reminder_sent_on date,
          ADD COLUMN lowest_declared_wage_vnd bigint CHECK (lowest_declared_wage_vnd > 0)`);
    }
    await db.query(`
      CREATE VIEW bhxh.unit_for_compliance AS
        SELECT u.tax_code, u.code AS unit_code, u.province_code, u.registered_on, u.batch_id FROM bhxh.unit u`);
    await db.query(
      `COMMENT ON VIEW bhxh.unit_for_compliance IS 'BHXH''s interface for the hub''s compliance findings: every unit with the tax code it is registered under and the day it registered.'`,
    );
    await db.query(`
      CREATE VIEW bhxh.enrolment_for_compliance AS
        SELECT u.tax_code, e.unit_code, e.period, e.compulsory_insured, e.arrears_vnd, e.arrears_months,
               e.oldest_unpaid_period, e.reminder_sent_on, e.lowest_declared_wage_vnd, e.batch_id
          FROM bhxh.enrolment e JOIN bhxh.unit u ON u.code = e.unit_code`);
    await db.query(
      `COMMENT ON VIEW bhxh.enrolment_for_compliance IS 'BHXH''s interface for the hub''s compliance findings: each unit''s month (by tax code) with insured workers, arrears, the oldest unpaid month, the written reminder and the lowest declared salary.'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP VIEW bhxh.enrolment_for_compliance`);
    await db.query(`DROP VIEW bhxh.unit_for_compliance`);
    for (const table of ["bhxh.enrolment_history", "bhxh.enrolment"]) {
      await db.query(`ALTER TABLE ${table} DROP COLUMN oldest_unpaid_period, DROP COLUMN reminder_sent_on, DROP COLUMN lowest_declared_wage_vnd`);
    }
  }
}
