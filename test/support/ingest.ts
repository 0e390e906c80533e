import pg from "pg";
import { loadDemoData } from "../../src/demo/load-demo";
import { BATCH_APPLIED_CHANNEL, parseBatchAppliedEvent, type BatchAppliedEvent } from "../../src/live/batch-events";
import { freshDatabase, onServer, queryAt } from "./fresh-database";
import { startTestHub, type TestHub } from "./hub";
import { headersFor, type TestClaims } from "./tokens";

/** The tax authority's national publisher, as the ingest tests publish. */
export const TAX_PUBLISHER: TestClaims = { agency: "tax", roles: ["publisher"], purposes: ["statistics"], sub: "tax-publisher-test" };

/** The business registration office's national publisher. */
export const REGISTRY_PUBLISHER: TestClaims = { agency: "registry", roles: ["publisher"], purposes: ["statistics"], sub: "registry-publisher-test" };

/** A hub over a database of its own with a small demo: ingest tests write, and other files compute expectations from the shared one. */
export interface IngestHub {
  hub: TestHub;
  url: string;
  /** POSTs a CSV body to /ingest/{domain}; `as` is the publisher (TAX_PUBLISHER by default), null for no token. */
  post(
    domain: string,
    period: string,
    body: string | Buffer,
    options?: { as?: TestClaims | null; contentType?: string },
  ): Promise<{ status: number; body: any; requestId: string | null }>;
  sql<Row = any>(text: string, params?: unknown[]): Promise<Row[]>;
  /** Everything a batch could change, as one comparable value: owner rows, history and applied batches. */
  state(): Promise<unknown>;
}

/** Starts an ingest hub before the file's tests (database `name`, dropped after). Use inside tests only. */
export function useIngestHub(name: string, enterprises = 300, env: Record<string, string> = {}): IngestHub {
  const database = `${name}_${process.pid}`;
  const ingest = {} as IngestHub;
  beforeAll(async () => {
    const url = await freshDatabase(database);
    const hub = await startTestHub({ DATABASE_URL: url, ...env });
    await loadDemoData(url, { enterprises });
    Object.assign(ingest, {
      hub,
      url,
      sql: (text: string, params?: unknown[]) => queryAt(url, text, params),
      async post(domain: string, period: string, body: string | Buffer, options: { as?: TestClaims | null; contentType?: string } = {}) {
        const who = options.as === undefined ? TAX_PUBLISHER : options.as;
        const headers: Record<string, string> = { "content-type": options.contentType ?? "text/csv; charset=utf-8", ...(who ? await headersFor(who) : {}) };
        const response = await fetch(`${hub.url}/ingest/${domain}?period=${encodeURIComponent(period)}`, {
          method: "POST",
          headers,
          body: typeof body === "string" ? body : new Uint8Array(body),
        });
        const text = await response.text();
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // Left as text: the test shows what came back.
        }
        return { status: response.status, body: parsed, requestId: response.headers.get("x-request-id") };
      },
      async state() {
        const [row] = await queryAt(
          url,
          `SELECT (SELECT md5(string_agg(h::text, '|' ORDER BY tax_code, period)) FROM tax.headcount h) AS headcount,
                  (SELECT count(*) FROM tax.headcount_history) AS history,
                  (SELECT md5(string_agg(e::text, '|' ORDER BY tax_code)) FROM registry.enterprise e) AS enterprises,
                  (SELECT count(*) FROM registry.enterprise_history) AS enterprise_history,
                  (SELECT count(*) FROM hub.batch WHERE status = 'APPLIED') AS applied`,
        );
        return row;
      },
    });
  });
  afterAll(async () => {
    await ingest.hub?.stop();
    await onServer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });
  return ingest;
}

/** A tax headcount CSV: the header and one line per row (fields as given, joined by commas). */
export function taxCsv(rows: (string | number)[][], header = "tax_code,period,operating_status,employees,total_wages_vnd,province_code"): string {
  return [header, ...rows.map((row) => row.join(","))].join("\n") + "\n";
}

/** Enterprises of the demo with the province their tax rows carry, parents only, in tax-code order. */
export async function demoEnterprises(ingest: IngestHub, count: number): Promise<{ taxCode: string; province: string }[]> {
  const rows = await ingest.sql(`SELECT tax_code, province_code FROM registry.enterprise WHERE parent_tax_code IS NULL ORDER BY tax_code LIMIT $1`, [count]);
  return rows.map((row) => ({ taxCode: row.tax_code, province: row.province_code }));
}

/** Collects the batch-applied events the database at `url` announces while `run` runs. */
export async function eventsDuring(url: string, run: () => Promise<unknown>): Promise<BatchAppliedEvent[]> {
  const listener = new pg.Client({ connectionString: url });
  await listener.connect();
  const events: BatchAppliedEvent[] = [];
  listener.on("notification", (message) => {
    const event = parseBatchAppliedEvent(message.payload);
    if (event) events.push(event);
  });
  await listener.query(`LISTEN ${BATCH_APPLIED_CHANNEL}`);
  try {
    await run();
    // A round trip after the run, so that a notification sent at its commit has arrived.
    await listener.query("SELECT 1");
    return events;
  } finally {
    await listener.end();
  }
}
