import { randomUUID } from "node:crypto";
import pg from "pg";
import { notifyBatchApplied, type BatchAppliedEvent } from "../../src/live/batch-events";

/** What a directly written batch changed, as its event announced it, and when its COMMIT returned (performance.now()). */
export type CommittedBatch = BatchAppliedEvent & { committedAt: number };

/**
 * Not data in: writes a BHXH batch straight into the tables (a hub.batch row, three units of
 * `provinceCode` with one more insured worker in their latest month) and NOTIFYs, in one
 * transaction, skipping data in's checks. Only the latency bench (test/bench/live.ts) uses it:
 * it measures from the moment of COMMIT, which a publish through the hub hides behind its
 * checks, audit row and HTTP answer. Tests publish for real (test/support/publish.ts).
 */
export async function commitEnrolmentBatchDirectly(url: string, provinceCode: string): Promise<CommittedBatch> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    const period = await latestMonth(client, provinceCode);
    const {
      rows: [row],
    } = await client.query<{ id: string; received_at: Date }>(
      `INSERT INTO hub.batch (domain, agency, kind, period, row_count, checksum, applied_at) VALUES ('bhxh', 'bhxh', 'mutation', $1, 0, $2, now()) RETURNING id, received_at`,
      [period, randomUUID()],
    );
    const changed = await client.query<{ tax_code: string; province_code: string }>(
      `UPDATE bhxh.enrolment e SET compulsory_insured = e.compulsory_insured + 1, batch_id = $1
         FROM bhxh.unit u
        WHERE u.code = e.unit_code AND e.period = $2
          AND e.unit_code IN (SELECT code FROM bhxh.unit WHERE province_code = $3 ORDER BY code LIMIT 3)
    RETURNING u.tax_code, u.province_code`,
      [row.id, period, provinceCode],
    );
    await client.query("UPDATE hub.batch SET row_count = $2 WHERE id = $1", [row.id, changed.rowCount]);
    const event: BatchAppliedEvent = {
      batchId: row.id,
      domain: "bhxh",
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

/**
 * Announces events without rows behind them, all in one transaction (PostgreSQL delivers them
 * together at commit): for tests of bursts and of what the listener does with odd events, which
 * no real publish can raise.
 */
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
