import type { IngestBatch, IngestError, IngestKind, IngestStatus } from "../../entities/hub/batch.entity";
import type { IngestQuery } from "./ingest-spec";

/** The columns of hub.batch as the IngestBatch type names them. */
export const BATCH_COLUMNS = `id, domain, dataset, agency, publisher, kind, period, row_count AS "rowCount", checksum, received_at AS "receivedAt",
  applied_at AS "appliedAt", status, duplicate_of AS "duplicateOf", errors, error_count AS "errorCount"`;

/** A batch record about to be written. */
export interface NewBatchRecord {
  id: string;
  domain: string;
  /** Which of the domain's datasets; null for its main one. */
  dataset: string | null;
  agency: string;
  publisher: string;
  kind: IngestKind;
  period: string;
  rowCount: number;
  checksum: string;
  receivedAt: Date;
  status: IngestStatus;
  appliedAt: Date | null;
  duplicateOf: string | null;
  errors: IngestError[];
  errorCount: number;
}

/** Writes a batch record and returns it as stored. */
export async function insertBatchRecord(query: IngestQuery, record: NewBatchRecord): Promise<IngestBatch> {
  const [row] = await query<IngestBatch>(
    `INSERT INTO hub.batch (id, domain, agency, publisher, kind, period, row_count, checksum, received_at, status, applied_at, duplicate_of, errors, error_count, dataset)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14, $15)
     RETURNING ${BATCH_COLUMNS}`,
    [
      record.id,
      record.domain,
      record.agency,
      record.publisher,
      record.kind,
      record.period,
      record.rowCount,
      record.checksum,
      record.receivedAt,
      record.status,
      record.appliedAt,
      record.duplicateOf,
      JSON.stringify(record.errors),
      record.errorCount,
      record.dataset,
    ],
  );
  return row;
}

/** The applied batch that already carries this content for the domain, dataset and period, if any. */
export async function appliedBatchWithContent(
  query: IngestQuery,
  domain: string,
  dataset: string | null,
  period: string,
  checksum: string,
): Promise<string | undefined> {
  const [row] = await query<{ id: string }>(
    `SELECT id FROM hub.batch WHERE domain = $1 AND coalesce(dataset, '') = $2 AND coalesce(period, '') = $3 AND checksum = $4 AND status = 'APPLIED'`,
    [domain, dataset ?? "", period, checksum],
  );
  return row?.id;
}
