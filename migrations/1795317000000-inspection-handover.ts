import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The lists of inspection candidates handed over to inspection bodies (Law 41/2024, Điều 35
 * khoản 3; Decree 274/2025: before the 15th of each quarter's first month). The hub is the channel:
 * a list is handed over when an inspection body downloads it, and each handover is kept here so that
 * the annual report can say how many lists and enterprises went to inspection.
 */
export class InspectionHandover1795317000000 implements MigrationInterface {
  name = "InspectionHandover1795317000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE hub.inspection_handover (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        quarter text NOT NULL CHECK (quarter ~ '^\\d{4}-Q[1-4]$'),
        period text NOT NULL CHECK (period ~ '^\\d{4}-(0[1-9]|1[0-2])$'),
        province_code char(2) REFERENCES hub.province (code),
        enterprises integer NOT NULL CHECK (enterprises >= 0),
        recipient_agency text NOT NULL,
        recipient_subject text NOT NULL,
        request_id uuid NOT NULL,
        handed_over_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX inspection_handover_quarter_idx ON hub.inspection_handover (quarter, province_code)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE hub.inspection_handover`);
  }
}
