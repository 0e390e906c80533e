import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The audit log (nhật ký truy cập): one row per request, append-only and hash-chained
 * (src/audit/chain.ts), plus the anchor of the chain's head.
 *
 * `entry` is the canonical JSON the chain hash covers. Everything queryable is a STORED column
 * generated from it, so no one can make a row look different to queries than to the verifier.
 * The hub writes `at` as UTC ISO 8601 with a "Z" suffix, whose parsing depends on neither TimeZone
 * nor DateStyle: that is why hub.audit_entry_at may be declared IMMUTABLE although the text →
 * timestamptz cast in general is only STABLE.
 */
export class AuditLog1795311900002 implements MigrationInterface {
  name = "AuditLog1795311900002";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION hub.audit_entry_at(entry text) RETURNS timestamptz
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      RETURN ((entry::jsonb) ->> 'at')::timestamptz`);
    await db.query(`
      CREATE FUNCTION hub.audit_entry_text(entry text, name text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      RETURN (entry::jsonb) ->> name`);
    // A generated column may not hold a subquery; wrapped in a function, the array is allowed.
    await db.query(`
      CREATE FUNCTION hub.audit_entry_list(entry text, name text) RETURNS text[]
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      RETURN ARRAY(SELECT jsonb_array_elements_text((entry::jsonb) -> name))`);

    await db.query(`
      CREATE TABLE hub.audit_log (
        seq bigint PRIMARY KEY CHECK (seq > 0),
        entry text NOT NULL,
        prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
        hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
        at timestamptz NOT NULL GENERATED ALWAYS AS (hub.audit_entry_at(entry)) STORED,
        request_id text GENERATED ALWAYS AS (hub.audit_entry_text(entry, 'requestId')) STORED,
        subject text GENERATED ALWAYS AS (hub.audit_entry_text(entry, 'subject')) STORED,
        agency text GENERATED ALWAYS AS (hub.audit_entry_text(entry, 'agency')) STORED,
        outcome text NOT NULL GENERATED ALWAYS AS (hub.audit_entry_text(entry, 'outcome')) STORED,
        domains text[] NOT NULL GENERATED ALWAYS AS (hub.audit_entry_list(entry, 'domains')) STORED
      )`);
    // auditLog reads newest first (seq DESC, the primary key) within these filters.
    await db.query(`CREATE INDEX audit_log_domains_idx ON hub.audit_log USING gin (domains)`);
    await db.query(`CREATE INDEX audit_log_at_idx ON hub.audit_log (at)`);
    await db.query(`CREATE INDEX audit_log_agency_idx ON hub.audit_log (agency, seq)`);
    await db.query(`CREATE INDEX audit_log_subject_idx ON hub.audit_log (subject, seq)`);

    // Statement-level, so that even an UPDATE or DELETE matching no row is refused, and TRUNCATE too.
    await db.query(`
      CREATE FUNCTION hub.audit_log_refuse_change() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'hub.audit_log is append-only: % is refused', TG_OP
          USING ERRCODE = 'insufficient_privilege',
                HINT = 'Audit rows are never changed or removed; npm run audit:verify detects any attempt that bypasses this trigger.';
      END
      $$`);
    await db.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON hub.audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION hub.audit_log_refuse_change()`);

    // The head of the chain, kept apart from the log so that removing the newest rows is detected.
    await db.query(`
      CREATE TABLE hub.audit_head (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        seq bigint NOT NULL CHECK (seq > 0),
        hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
        mac text NOT NULL CHECK (mac ~ '^[0-9a-f]{64}$'),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE FUNCTION hub.audit_head_forward_only() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          IF NEW.seq > OLD.seq THEN
            RETURN NEW;
          END IF;
          RAISE EXCEPTION 'hub.audit_head only moves forward: seq % may not become %', OLD.seq, NEW.seq
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RAISE EXCEPTION 'hub.audit_head only moves forward: % is refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await db.query(`
      CREATE TRIGGER audit_head_forward_only BEFORE UPDATE OR DELETE ON hub.audit_head
      FOR EACH ROW EXECUTE FUNCTION hub.audit_head_forward_only()`);
    await db.query(`
      CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON hub.audit_head
      FOR EACH STATEMENT EXECUTE FUNCTION hub.audit_head_forward_only()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS hub.audit_head`);
    await db.query(`DROP TABLE IF EXISTS hub.audit_log`);
    await db.query(`DROP FUNCTION IF EXISTS hub.audit_head_forward_only()`);
    await db.query(`DROP FUNCTION IF EXISTS hub.audit_log_refuse_change()`);
    await db.query(`DROP FUNCTION IF EXISTS hub.audit_entry_list(text, text)`);
    await db.query(`DROP FUNCTION IF EXISTS hub.audit_entry_text(text, text)`);
    await db.query(`DROP FUNCTION IF EXISTS hub.audit_entry_at(text)`);
  }
}
