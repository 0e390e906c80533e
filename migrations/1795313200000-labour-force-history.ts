import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * History of the statistics office's labour-force figures (issue 9): a later batch for the same
 * province and period supersedes a row, and the superseded version moves to
 * statistics.labour_force_history with the interval it was the hub's answer [valid_from, valid_to).
 * statistics.labour_force keeps only current rows, so the hot read (Province.labourForce) is
 * unchanged; `labourForce(asOf:)` reads both.
 *
 * valid_from defaults to now(): the demo loader's COPY does not name the column, and now() is the
 * start of its transaction, the instant its seed batch was received. Rows already held take their
 * batch's received time.
 *
 * The history holds no foreign keys nor the current table's CHECKs: its rows only ever come from
 * statistics.labour_force, whose rules they satisfied.
 */
export class LabourForceHistory1795313200000 implements MigrationInterface {
  name = "LabourForceHistory1795313200000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE statistics.labour_force ADD COLUMN valid_from timestamptz`);
    await db.query(`UPDATE statistics.labour_force l SET valid_from = b.received_at FROM hub.batch b WHERE b.id = l.batch_id`);
    await db.query(`ALTER TABLE statistics.labour_force ALTER COLUMN valid_from SET DEFAULT now(), ALTER COLUMN valid_from SET NOT NULL`);
    await db.query(`
      CREATE TABLE statistics.labour_force_history (
        province_code char(2) NOT NULL,
        period text NOT NULL,
        population integer NOT NULL,
        working_age_population integer NOT NULL,
        labour_force integer NOT NULL,
        working_age_labour_force integer NOT NULL,
        employed integer NOT NULL,
        unemployed integer NOT NULL,
        away_from_home integer NOT NULL,
        batch_id uuid NOT NULL,
        valid_from timestamptz NOT NULL,
        valid_to timestamptz NOT NULL,
        PRIMARY KEY (province_code, period, valid_from),
        CHECK (valid_from < valid_to)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE statistics.labour_force_history`);
    await db.query(`ALTER TABLE statistics.labour_force DROP COLUMN valid_from`);
  }
}
