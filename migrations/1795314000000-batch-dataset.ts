import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A domain may take in more than one dataset (issue 10): BHXH's enrolment and its voluntary
 * participants per commune, the hub's coverage targets. The batch record names its dataset (null
 * for a domain's main one, so every batch already held stays as it was), and re-sending is
 * idempotent per domain, dataset and period: the unique index on applied content gains the dataset.
 */
export class BatchDataset1795314000000 implements MigrationInterface {
  name = "BatchDataset1795314000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE hub.batch ADD COLUMN dataset text CHECK (dataset ~ '^[a-z][a-z0-9-]{0,39}$')`);
    await db.query(`DROP INDEX hub.batch_applied_content_idx`);
    // Same name as before: ingest-batch.ts recognises a race between identical uploads by it.
    await db.query(
      `CREATE UNIQUE INDEX batch_applied_content_idx ON hub.batch (domain, coalesce(dataset, ''), coalesce(period, ''), checksum) WHERE status = 'APPLIED'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM hub.batch WHERE dataset IS NOT NULL`);
    await db.query(`DROP INDEX hub.batch_applied_content_idx`);
    await db.query(`CREATE UNIQUE INDEX batch_applied_content_idx ON hub.batch (domain, coalesce(period, ''), checksum) WHERE status = 'APPLIED'`);
    await db.query(`ALTER TABLE hub.batch DROP COLUMN dataset`);
  }
}
