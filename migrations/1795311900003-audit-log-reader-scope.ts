import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Columns the audit log's readers are scoped and searched by, generated from the hash-covered
 * `entry` like the others (1795311900002-audit-log.ts), so a row cannot look different to queries
 * than to the verifier:
 *
 * - `province_code`: the province the requesting principal was limited to;
 * - `provinces_returned`: provinces of the owner records the response carried. A province-scoped
 *   owner reads the rows of its own province's principals and of requests that returned its rows;
 * - `client_request_id`: the x-request-id a client sent, now kept beside the hub's own id.
 *
 * Rows written before these keys existed get null and an empty array. Adding stored columns
 * rewrites the table but changes no `entry`, so the chain verifies as before.
 */
export class AuditLogReaderScope1795311900003 implements MigrationInterface {
  name = "AuditLogReaderScope1795311900003";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE hub.audit_log
        ADD COLUMN province_code text GENERATED ALWAYS AS (hub.audit_entry_text(entry, 'provinceCode')) STORED,
        ADD COLUMN provinces_returned text[] NOT NULL GENERATED ALWAYS AS (hub.audit_entry_list(entry, 'provincesReturned')) STORED,
        ADD COLUMN client_request_id text GENERATED ALWAYS AS (hub.audit_entry_text(entry, 'clientRequestId')) STORED`);
    await db.query(`CREATE INDEX audit_log_province_code_idx ON hub.audit_log (province_code, seq)`);
    await db.query(`CREATE INDEX audit_log_provinces_returned_idx ON hub.audit_log USING gin (provinces_returned)`);
    await db.query(`CREATE INDEX audit_log_client_request_id_idx ON hub.audit_log (client_request_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE hub.audit_log DROP COLUMN client_request_id, DROP COLUMN provinces_returned, DROP COLUMN province_code`);
  }
}
