import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Revoked tokens (src/identity/revocations.ts): one row per revocation, either of one token by its
 * jti, or of every token of a subject issued before an instant, written by `npm run token:revoke`.
 * Every hub process reloads the table when its largest id or its row count changes. The operator's
 * reason is kept here in clear for the people who read it; clients are never shown it.
 */
export class TokenRevocation1795311960000 implements MigrationInterface {
  name = "TokenRevocation1795311960000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE hub.token_revocation (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        jti text CHECK (jti <> ''),
        subject text CHECK (subject <> ''),
        issued_before timestamptz,
        reason text NOT NULL CHECK (reason <> ''),
        revoked_by text NOT NULL CHECK (revoked_by <> ''),
        revoked_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((jti IS NOT NULL AND subject IS NULL AND issued_before IS NULL)
            OR (jti IS NULL AND subject IS NOT NULL AND issued_before IS NOT NULL))
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS hub.token_revocation`);
  }
}
