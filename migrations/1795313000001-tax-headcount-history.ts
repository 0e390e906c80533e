import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * History of the tax authority's headcounts (issue 9): a later batch for the same quarter
 * supersedes a row, and the superseded version moves to tax.headcount_history with the interval
 * it was the hub's answer [valid_from, valid_to). tax.headcount keeps only current rows, so the
 * hot read path is unchanged; `taxHeadcount(asOf:)` reads both.
 *
 * valid_from defaults to now(): the demo loader's COPY does not name the column, and now() is the
 * start of its transaction, the instant its seed batch was received. Rows already held take their
 * batch's received time.
 *
 * The history holds no foreign keys: its rows only ever come from tax.headcount, whose keys they
 * satisfied, and a key check per row would double the cost of superseding a national quarter.
 */
export class TaxHeadcountHistory1795313000001 implements MigrationInterface {
  name = "TaxHeadcountHistory1795313000001";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tax.headcount ADD COLUMN valid_from timestamptz`);
    await db.query(`UPDATE tax.headcount h SET valid_from = b.received_at FROM hub.batch b WHERE b.id = h.batch_id`);
    await db.query(`ALTER TABLE tax.headcount ALTER COLUMN valid_from SET DEFAULT now(), ALTER COLUMN valid_from SET NOT NULL`);
    await db.query(`
      CREATE TABLE tax.headcount_history (
        tax_code text NOT NULL,
        period text NOT NULL,
        operating_status text NOT NULL,
        employees integer NOT NULL,
        total_wages_vnd bigint NOT NULL,
        province_code char(2) NOT NULL,
        batch_id uuid NOT NULL,
        valid_from timestamptz NOT NULL,
        valid_to timestamptz NOT NULL,
        PRIMARY KEY (tax_code, period, valid_from),
        CHECK (valid_from < valid_to)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE tax.headcount_history`);
    await db.query(`ALTER TABLE tax.headcount DROP COLUMN valid_from`);
  }
}
