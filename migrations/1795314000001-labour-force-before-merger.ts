import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Labour-force figures before the 2025 merger (issue 10). Until 1 July 2025 the statistics office
 * published for the 63 provinces of the time, so a row whose period ends before that day is under
 * a former province's code (hub.former_province: a code that a province in force kept, such as 19,
 * then means the former province of that code, Thái Nguyên without Bắc Kạn). The foreign key to
 * the provinces in force goes; the ingest checks hold codes to the right list for the period.
 *
 * `statistics.labour_force_by_province` is the statistics office's interface for the hub's
 * analytics (coverage): figures per province in force and period, the pre-merger periods rolled up
 * through the merger map. A province in force before the merger is the former province of its
 * code plus the former provinces merged into it, and it appears only when every one of them has a
 * row for the period: a partial sum would understate the denominator of a coverage rate.
 */
export class LabourForceBeforeMerger1795314000001 implements MigrationInterface {
  name = "LabourForceBeforeMerger1795314000001";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE statistics.labour_force DROP CONSTRAINT labour_force_province_code_fkey`);
    await db.query(`
      CREATE VIEW statistics.labour_force_by_province AS
      SELECT l.province_code, l.period, l.population, l.working_age_population, l.labour_force, l.working_age_labour_force,
             l.employed, l.unemployed, l.away_from_home, l.batch_id, ARRAY[l.batch_id] AS batch_ids, ARRAY[]::text[] AS former_codes
        FROM statistics.labour_force l
       WHERE hub.period_end(l.period) >= DATE '2025-07-01'
      UNION ALL
      SELECT f.successor_code, l.period, sum(l.population)::int, sum(l.working_age_population)::int, sum(l.labour_force)::int,
             sum(l.working_age_labour_force)::int, sum(l.employed)::int, sum(l.unemployed)::int, sum(l.away_from_home)::int,
             (array_agg(l.batch_id ORDER BY l.valid_from DESC, l.batch_id))[1], array_agg(DISTINCT l.batch_id),
             array_agg(l.province_code::text ORDER BY l.province_code)
        FROM statistics.labour_force l
        JOIN hub.former_province f ON f.code = l.province_code
       WHERE hub.period_end(l.period) < DATE '2025-07-01'
       GROUP BY f.successor_code, l.period
      HAVING count(*) = (SELECT count(*) FROM hub.former_province whole WHERE whole.successor_code = f.successor_code)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP VIEW statistics.labour_force_by_province`);
    await db.query(`DELETE FROM statistics.labour_force WHERE province_code NOT IN (SELECT code FROM hub.province)`);
    await db.query(
      `ALTER TABLE statistics.labour_force ADD CONSTRAINT labour_force_province_code_fkey FOREIGN KEY (province_code) REFERENCES hub.province (code)`,
    );
  }
}
