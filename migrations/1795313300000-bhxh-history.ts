import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * History of Vietnam Social Security's data (issue 9): a later batch for the same month supersedes
 * a unit's enrolment, and a batch that changes a unit's registration (name, province, tax code,
 * registration date) supersedes that. The superseded versions move to bhxh.enrolment_history and
 * bhxh.unit_history with the interval they were the hub's answer [valid_from, valid_to). The
 * current tables keep current rows only, so the hot read path (units with their latest month in
 * one statement) is unchanged; `enrolment(asOf:)` reads both.
 *
 * valid_from defaults to now(): the demo loader's COPY does not name the column, and now() is the
 * start of its transaction, the instant its seed batch was received. Rows already held take their
 * batch's received time.
 *
 * The histories hold no foreign keys: their rows only ever come from the current tables, whose keys
 * they satisfied, and a key check per row would only slow superseding a national month.
 */
export class BhxhHistory1795313300000 implements MigrationInterface {
  name = "BhxhHistory1795313300000";

  async up(db: QueryRunner): Promise<void> {
    for (const table of ["bhxh.unit", "bhxh.enrolment"]) {
      await db.query(`ALTER TABLE ${table} ADD COLUMN valid_from timestamptz`);
      await db.query(`UPDATE ${table} t SET valid_from = b.received_at FROM hub.batch b WHERE b.id = t.batch_id`);
      await db.query(`ALTER TABLE ${table} ALTER COLUMN valid_from SET DEFAULT now(), ALTER COLUMN valid_from SET NOT NULL`);
    }
    await db.query(`
      CREATE TABLE bhxh.unit_history (
        code text NOT NULL,
        tax_code text NOT NULL,
        name text NOT NULL,
        province_code char(2) NOT NULL,
        registered_on date NOT NULL,
        batch_id uuid NOT NULL,
        valid_from timestamptz NOT NULL,
        valid_to timestamptz NOT NULL,
        PRIMARY KEY (code, valid_from),
        CHECK (valid_from < valid_to)
      )`);
    await db.query(`
      CREATE TABLE bhxh.enrolment_history (
        unit_code text NOT NULL,
        period text NOT NULL,
        compulsory_insured integer NOT NULL,
        unemployment_insured integer NOT NULL,
        contribution_due_vnd bigint NOT NULL,
        contribution_paid_vnd bigint NOT NULL,
        arrears_vnd bigint NOT NULL,
        arrears_months integer NOT NULL,
        batch_id uuid NOT NULL,
        valid_from timestamptz NOT NULL,
        valid_to timestamptz NOT NULL,
        PRIMARY KEY (unit_code, period, valid_from),
        CHECK (valid_from < valid_to)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE bhxh.enrolment_history`);
    await db.query(`DROP TABLE bhxh.unit_history`);
    await db.query(`ALTER TABLE bhxh.enrolment DROP COLUMN valid_from`);
    await db.query(`ALTER TABLE bhxh.unit DROP COLUMN valid_from`);
  }
}
