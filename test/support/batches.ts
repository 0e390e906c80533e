import { randomUUID } from "node:crypto";
import pg from "pg";
import { notifyBatchApplied, type BatchAppliedEvent } from "../../src/live/batch-events";

/** What a test batch changed, as its event announced it, and when its COMMIT returned (performance.now(), for the latency bench). */
export type AppliedBatch = BatchAppliedEvent & { committedAt: number };

/**
 * Applies a small batch the way data in does until it merges (then this gives way to its real
 * publish): a hub.batch row, the owner's rows changed to point at it, and the NOTIFY, in one
 * transaction. BHXH: three units of `provinceCode` get one more insured worker in their latest
 * month. Registry: the enterprises `taxCodes` get a new address.
 */
export async function applyTestBatch(url: string, batch: { domain: "bhxh"; provinceCode: string } | { domain: "registry"; taxCodes: string[] }): Promise<AppliedBatch> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    const period = batch.domain === "bhxh" ? await latestMonth(client, batch.provinceCode) : null;
    const {
      rows: [row],
    } = await client.query<{ id: string; received_at: Date }>(
      `INSERT INTO hub.batch (domain, agency, kind, period, row_count, checksum, applied_at) VALUES ($1, $1, 'mutation', $2, 0, $3, now()) RETURNING id, received_at`,
      [batch.domain, period, randomUUID()],
    );
    const changed =
      batch.domain === "bhxh"
        ? await client.query<{ tax_code: string; province_code: string }>(
            `UPDATE bhxh.enrolment e SET compulsory_insured = e.compulsory_insured + 1, batch_id = $1
               FROM bhxh.unit u
              WHERE u.code = e.unit_code AND e.period = $2
                AND e.unit_code IN (SELECT code FROM bhxh.unit WHERE province_code = $3 ORDER BY code LIMIT 3)
          RETURNING u.tax_code, u.province_code`,
            [row.id, period, batch.provinceCode],
          )
        : await client.query<{ tax_code: string; province_code: string }>(
            `UPDATE registry.enterprise SET address = 'Số ' || (floor(random() * 900) + 1)::int || ' Đường Thử', batch_id = $1
              WHERE tax_code = ANY($2) RETURNING tax_code, province_code`,
            [row.id, batch.taxCodes],
          );
    await client.query("UPDATE hub.batch SET row_count = $2 WHERE id = $1", [row.id, changed.rowCount]);
    const event: BatchAppliedEvent = {
      batchId: row.id,
      domain: batch.domain,
      period,
      appliedAt: row.received_at.toISOString(),
      provinceCodes: [...new Set(changed.rows.map((r) => r.province_code))],
      taxCodes: changed.rows.map((r) => r.tax_code),
    };
    await notifyBatchApplied((sql, parameters) => client.query(sql, parameters), event);
    await client.query("COMMIT");
    return { ...event, committedAt: performance.now() };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

async function latestMonth(client: pg.Client, provinceCode: string): Promise<string> {
  const { rows } = await client.query<{ period: string }>(
    "SELECT max(e.period) AS period FROM bhxh.enrolment e JOIN bhxh.unit u ON u.code = e.unit_code WHERE u.province_code = $1",
    [provinceCode],
  );
  if (!rows[0]?.period) throw new Error(`the demo has no BHXH enrolment in province ${provinceCode}`);
  return rows[0].period;
}

/** Announces events without rows behind them, all in one transaction (PostgreSQL delivers them together at commit): for tests of bursts. */
export async function announceBurst(url: string, events: BatchAppliedEvent[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    for (const event of events) await notifyBatchApplied((sql, parameters) => client.query(sql, parameters), event);
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
}
