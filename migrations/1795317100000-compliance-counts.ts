import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * How many enterprises each month's lists hold, per province (issue 10, "Performance"): the
 * lists' totalCount. Counting a national month's half a million subjects took 180 ms a request, more
 * than the 100 ms a page may take; the refresh writes these counts in the transaction that changes
 * the subjects, so they never disagree. Filled here for the months already evaluated.
 */
export class ComplianceCounts1795317100000 implements MigrationInterface {
  name = "ComplianceCounts1795317100000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE hub.compliance_count (
        period text NOT NULL,
        province_code char(2) NOT NULL,
        candidates integer NOT NULL CHECK (candidates >= 0),
        publicly_listed integer NOT NULL CHECK (publicly_listed >= 0),
        PRIMARY KEY (period, province_code)
      )`);
    await db.query(`
      INSERT INTO hub.compliance_count (period, province_code, candidates, publicly_listed)
      SELECT period, province_code, count(*), count(*) FILTER (WHERE publicly_listed) FROM hub.compliance_subject GROUP BY period, province_code`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE hub.compliance_count`);
  }
}
