import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The batch record of data in (issue 9): who published a batch, when it was applied, and its
 * outcome. A batch that was refused (REJECTED) or was already applied (DUPLICATE) is recorded
 * too, so that a publisher can read why, while its rows never reach the owner's tables.
 *
 * Only one APPLIED batch may carry a given content per domain and period: that unique index is
 * what makes re-sending idempotent even when two identical uploads race. A rejected content may
 * be sent again (the registry may know the enterprise by then), so the old UNIQUE (domain,
 * checksum) goes.
 */
export class IngestBatchRecord1795313000000 implements MigrationInterface {
  name = "IngestBatchRecord1795313000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE hub.batch DROP CONSTRAINT batch_domain_checksum_key`);
    await db.query(`
      ALTER TABLE hub.batch
        ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY,
        ADD COLUMN publisher text,
        ADD COLUMN status text NOT NULL DEFAULT 'APPLIED' CHECK (status IN ('APPLIED', 'REJECTED', 'DUPLICATE')),
        ADD COLUMN applied_at timestamptz,
        ADD COLUMN duplicate_of uuid REFERENCES hub.batch (id),
        ADD COLUMN errors jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(errors) = 'array' AND jsonb_array_length(errors) <= 1000),
        ADD COLUMN error_count integer NOT NULL DEFAULT 0 CHECK (error_count >= 0)`);
    // Seed batches were applied in the transaction that received them.
    await db.query(`UPDATE hub.batch SET applied_at = received_at`);
    await db.query(`ALTER TABLE hub.batch ADD CONSTRAINT batch_applied_at_check CHECK ((status = 'APPLIED') = (applied_at IS NOT NULL))`);
    await db.query(`ALTER TABLE hub.batch ADD CONSTRAINT batch_duplicate_of_check CHECK ((status = 'DUPLICATE') = (duplicate_of IS NOT NULL))`);
    await db.query(`CREATE UNIQUE INDEX batch_applied_content_idx ON hub.batch (domain, coalesce(period, ''), checksum) WHERE status = 'APPLIED'`);
    // ingestBatches lists a domain's batches newest first.
    await db.query(`CREATE UNIQUE INDEX batch_seq_idx ON hub.batch (seq)`);
    await db.query(`CREATE INDEX batch_domain_seq_idx ON hub.batch (domain, seq)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM hub.batch WHERE status <> 'APPLIED'`);
    await db.query(`DROP INDEX hub.batch_applied_content_idx`);
    await db.query(
      `ALTER TABLE hub.batch DROP COLUMN seq, DROP COLUMN publisher, DROP COLUMN status, DROP COLUMN applied_at, DROP COLUMN duplicate_of, DROP COLUMN errors, DROP COLUMN error_count`,
    );
    await db.query(`ALTER TABLE hub.batch ADD CONSTRAINT batch_domain_checksum_key UNIQUE (domain, checksum)`);
  }
}
