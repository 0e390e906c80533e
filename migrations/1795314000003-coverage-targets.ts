import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Coverage targets as data with a legal basis (issue 10): the hub's dataset `targets`, published by
 * the labour administration or a People's Committee. A target is for the nation (`VN`), a province
 * in force, or a former province (Resolution 69/NQ-CP's 2022–2025 targets), for a year, with the
 * document and article that set it. Rates are percentages of the working-age labour force. A
 * later batch for the same scope, year and document supersedes a row, which moves to history.
 */
export class CoverageTargets1795314000003 implements MigrationInterface {
  name = "CoverageTargets1795314000003";

  async up(db: QueryRunner): Promise<void> {
    const columns = `
        scope_kind text NOT NULL CHECK (scope_kind IN ('national', 'province', 'former-province')),
        scope_code text NOT NULL,
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        social_insurance_rate numeric(5, 2) CHECK (social_insurance_rate BETWEEN 0 AND 100),
        participants integer CHECK (participants >= 0),
        unemployment_insurance_rate numeric(5, 2) CHECK (unemployment_insurance_rate BETWEEN 0 AND 100),
        voluntary_rate numeric(5, 2) CHECK (voluntary_rate BETWEEN 0 AND 100),
        voluntary_participants integer CHECK (voluntary_participants >= 0),
        legal_basis text NOT NULL CHECK (legal_basis <> ''),
        article text,
        note text,`;
    await db.query(`
      CREATE TABLE hub.coverage_target (${columns}
        batch_id uuid NOT NULL REFERENCES hub.batch (id),
        valid_from timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope_kind, scope_code, year, legal_basis),
        CHECK ((scope_kind = 'national') = (scope_code = 'VN')),
        CHECK (coalesce(social_insurance_rate, participants, unemployment_insurance_rate, voluntary_rate, voluntary_participants) IS NOT NULL)
      )`);
    await db.query(`
      CREATE TABLE hub.coverage_target_history (${columns}
        batch_id uuid NOT NULL,
        valid_from timestamptz NOT NULL,
        valid_to timestamptz NOT NULL,
        PRIMARY KEY (scope_kind, scope_code, year, legal_basis, valid_from),
        CHECK (valid_from < valid_to)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE hub.coverage_target_history`);
    await db.query(`DROP TABLE hub.coverage_target`);
  }
}
