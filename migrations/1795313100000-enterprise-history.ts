import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * History of the business register (issue 9): a registry batch that changes an enterprise moves the
 * version it supersedes to registry.enterprise_history with the interval it was the hub's answer
 * [valid_from, valid_to). registry.enterprise keeps only current rows and every index it had, so
 * the hot nested read path is unchanged.
 *
 * valid_from defaults to now(): the demo loader's COPY does not name the column, and now() is the
 * start of its transaction, the instant its seed batch was received. Rows already held take their
 * batch's received time.
 *
 * The history holds no foreign keys and no search key: its rows only ever come from
 * registry.enterprise, whose keys they satisfied, and nobody searches what the registry said before.
 */
export class EnterpriseHistory1795313100000 implements MigrationInterface {
  name = "EnterpriseHistory1795313100000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE registry.enterprise ADD COLUMN valid_from timestamptz`);
    await db.query(`UPDATE registry.enterprise e SET valid_from = b.received_at FROM hub.batch b WHERE b.id = e.batch_id`);
    await db.query(`ALTER TABLE registry.enterprise ALTER COLUMN valid_from SET DEFAULT now(), ALTER COLUMN valid_from SET NOT NULL`);
    await db.query(`
      CREATE TABLE registry.enterprise_history (
        tax_code text NOT NULL,
        parent_tax_code text,
        name text NOT NULL,
        legal_form text NOT NULL,
        status text NOT NULL,
        registered_on date NOT NULL,
        province_code char(2) NOT NULL,
        commune_code char(5),
        sector_code text,
        industrial_zone_code text,
        address text,
        legal_rep_name text,
        legal_rep_id_number char(12),
        batch_id uuid NOT NULL,
        valid_from timestamptz NOT NULL,
        valid_to timestamptz NOT NULL,
        PRIMARY KEY (tax_code, valid_from),
        CHECK (valid_from < valid_to)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE registry.enterprise_history`);
    await db.query(`ALTER TABLE registry.enterprise DROP COLUMN valid_from`);
  }
}
