import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The hub's materialised compliance findings (issue 10), per month and enterprise, computed in SQL
 * from the owners' views (tax.headcount_for_compliance, bhxh.*_for_compliance,
 * registry.employer_for_compliance) and refreshed after each tax, BHXH or registry batch.
 *
 * - hub.compliance_period: the months evaluated whole, and the day they were evaluated on. A month
 *   not listed is refreshed whole at its next batch, never in part.
 * - hub.compliance_subject: one row per enterprise with at least one finding in the month, with
 *   what the lists rank and show (uninsured workers, arrears, name, province).
 * - hub.compliance_finding: the findings themselves with their evidence.
 *
 * No foreign key ties a finding to its subject: the refresh writes and deletes both in one
 * transaction, and a cascade would cost a trigger per row when a national month is rebuilt.
 *
 * The indexes serve the lists' keyset pages: inspection candidates by uninsured workers then
 * arrears, the public list by arrears, each nationally and per province.
 */
export class ComplianceFindings1795315000004 implements MigrationInterface {
  name = "ComplianceFindings1795315000004";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE hub.compliance_period (
        period text PRIMARY KEY CHECK (period ~ '^\\d{4}-(0[1-9]|1[0-2])$'),
        evaluated_on date NOT NULL,
        refreshed_at timestamptz NOT NULL
      )`);
    await db.query(`
      CREATE TABLE hub.compliance_subject (
        period text NOT NULL,
        tax_code text NOT NULL,
        employer_name text NOT NULL,
        province_code char(2) NOT NULL,
        tax_employees integer,
        compulsory_insured integer,
        uninsured integer NOT NULL CHECK (uninsured >= 0),
        arrears_vnd bigint NOT NULL CHECK (arrears_vnd >= 0),
        publicly_listed boolean NOT NULL,
        PRIMARY KEY (period, tax_code)
      )`);
    await db.query(`CREATE INDEX compliance_subject_rank_idx ON hub.compliance_subject (period, uninsured DESC, arrears_vnd DESC, tax_code DESC)`);
    await db.query(
      `CREATE INDEX compliance_subject_province_rank_idx ON hub.compliance_subject (period, province_code, uninsured DESC, arrears_vnd DESC, tax_code DESC)`,
    );
    await db.query(`CREATE INDEX compliance_subject_public_idx ON hub.compliance_subject (period, arrears_vnd DESC, tax_code DESC) WHERE publicly_listed`);
    await db.query(
      `CREATE INDEX compliance_subject_province_public_idx ON hub.compliance_subject (period, province_code, arrears_vnd DESC, tax_code DESC) WHERE publicly_listed`,
    );
    await db.query(`CREATE INDEX compliance_subject_tax_code_idx ON hub.compliance_subject (tax_code)`);
    await db.query(`
      CREATE TABLE hub.compliance_finding (
        period text NOT NULL,
        tax_code text NOT NULL,
        code text NOT NULL CHECK (code IN ('NOT_ENROLLED', 'UNDER_DECLARED', 'LATE_PAYMENT', 'EVASION')),
        ground text NOT NULL,
        article text NOT NULL,
        since date NOT NULL,
        tax_employees integer,
        tax_batch_id uuid,
        compulsory_insured integer,
        bhxh_batch_id uuid,
        arrears_vnd bigint,
        arrears_months integer,
        oldest_unpaid_period text,
        payment_deadline date,
        days_overdue integer,
        reminder_sent_on date,
        lowest_declared_wage_vnd bigint,
        legal_base_salary_vnd bigint,
        registration_deadline date,
        PRIMARY KEY (period, tax_code, code, ground)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE hub.compliance_finding`);
    await db.query(`DROP TABLE hub.compliance_subject`);
    await db.query(`DROP TABLE hub.compliance_period`);
  }
}
