/**
 * `npm run bench -- --analytics-only`: issue 10's "Performance" figures on the national set, through
 * the hub as shipped (access and audit on), each printed beside its target:
 *
 *   coverage      all 34 provinces' coverage, progress and floor in one request (target: under 200 ms)
 *   whole month   the findings of one month for every enterprise after a BHXH batch lands: on a month
 *                 never evaluated (a new month; the bench forgets the month's stored findings first),
 *                 then on a month marked for a whole rebuild (target: within a minute)
 *   incremental   the findings refreshed after a BHXH batch of 100 units (target: within a minute)
 *   lists         a page of inspection candidates (first: 50), nationally and for one province, and the
 *                 next page by cursor (target: under 100 ms p50); the same for the public list
 *
 * The refresh times run from the publish request to the publisher's answer, which waits for the
 * refresh; the bench then checks that the month was refreshed after the request (the hub swallows a
 * failed refresh so that the batch stands). Each BHXH batch it publishes adds one insured worker to
 * 100 randomly drawn units of the month: the national set drifts by that much per run.
 *
 * Options: --enterprises N (default 1,000,000), --data-dir D (as the peer bench's), --requests N
 * (samples per list and coverage figure, default 25), --incremental N (batches, default 5),
 * --skip-whole (leave out the two whole-month evaluations, about 2 minutes on 2 cores).
 * Results also go to bench-results/analytics-<timestamp>.json.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { markStale } from "../../resolvers/hub/compliance.queries";
import { signToken } from "../../src/identity/sign-token";
import { oneMoreInsuredCsv, type EnrolmentReadBack } from "../support/bhxh-ingest";
import { PROJECT_ROOT } from "../support/processes";
import { measureCoverage } from "./coverage";
import { defaultDataDir, openNationalSet } from "./peer/dataset";
import { SECRETS, startServer } from "./peer/systems";

export interface AnalyticsOptions {
  enterprises: number;
  dataDir: string;
  requests: number;
  incrementalBatches: number;
  skipWhole: boolean;
}

/** Reads the analytics options from the command line. */
export function analyticsOptions(argv: readonly string[]): AnalyticsOptions {
  const value = (name: string) => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const enterprises = Number(value("enterprises") ?? 1_000_000);
  return {
    enterprises,
    dataDir: value("data-dir") ?? process.env.LIENTHONG_BENCH_DATA_DIR ?? defaultDataDir(enterprises),
    requests: Math.max(20, Number(value("requests") ?? 25)),
    incrementalBatches: Number(value("incremental") ?? 5),
    skipWhole: argv.includes("--skip-whole"),
  };
}

/** One timed figure with its target, as the table prints it. */
interface Row {
  figure: string;
  measured: string;
  target: string;
  /** Whether the figure meets its target; undefined when the issue sets none. */
  met: boolean | undefined;
}

interface Latency {
  p50: number;
  p99: number;
  max: number;
}

const UNITS_PER_SMALL_BATCH = 100;

const CANDIDATES = `query Candidates($province: String, $period: String!, $after: String) {
  inspectionCandidates(provinceCode: $province, period: $period, first: 50, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { taxEmployees compulsoryInsured uninsuredWorkers arrears enterprise { taxCode name }
      findings { code ground article since evidence { taxEmployees compulsoryInsured arrears daysOverdue registrationDeadline } } } }
  }
}`;

const DEFAULTERS = `query Defaulters($province: String, $period: String!, $after: String) {
  publicDefaulters(provinceCode: $province, period: $period, first: 50, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { taxCode employerName provinceCode arrears findings { code ground article since daysOverdue monthsOverdue } } }
  }
}`;

/** The province the per-province lists read: Hồ Chí Minh City, the largest. */
const PROVINCE = "79";

/** Measures issue 10's performance figures on the national set and prints them beside the targets. */
export async function measureAnalytics(report: (name: string, value: string) => void, options: AnalyticsOptions): Promise<void> {
  const log = (line: string) => process.stderr.write(`analytics: ${line}\n`);
  const loadBefore = uptime();
  const set = await openNationalSet({ enterprises: options.enterprises, dataDir: options.dataDir, mayReplace: false }, log);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "lienthong-bench-analytics-"));
  const db = new pg.Client({ connectionString: set.url });
  await db.connect();
  const rows: Row[] = [];
  try {
    log(`national set: ${set.origin}; starting the hub as shipped (a set seeded before the newest migrations is migrated first)…`);
    const hub = await startServer("hub", set.url, scratch);
    try {
      const month = await latestMonthWithTaxAndBhxh(db);
      log(`month measured: ${month}`);

      const coverage = await measureCoverage(hub.url, options.requests);
      rows.push(timed(`coverage of all 34 provinces in one request (${coverage.statements} SQL statements)`, coverage, options.requests, 200));

      const publisher = `Bearer ${await signToken({ subject: "bench-analytics-publisher", agency: "bhxh", roles: ["publisher"], purposes: ["enrolment"] }, SECRETS.LIENTHONG_JWT_SECRET, 2)}`;
      if (!options.skipWhole) {
        const sql = (text: string, params?: unknown[]) => db.query(text, params).then((r) => r.rows);
        // A new month's first batch: nothing of it is stored, every finding is written. The bench
        // forgets the month's derived rows (never the owners' data) so that the hub meets it as new.
        await db.query("BEGIN");
        for (const table of ["compliance_finding", "compliance_subject", "compliance_count"])
          await db.query(`DELETE FROM hub.${table} WHERE period = $1`, [month]);
        await markStale(sql, [month]);
        await db.query("COMMIT");
        // A new month leaves no dead rows behind in the tables and their indexes: neither may the forgotten one.
        await db.query("VACUUM hub.compliance_finding, hub.compliance_subject, hub.compliance_count");
        const first = await publishAndRefresh(hub.url, db, publisher, month);
        const evaluated = await count(db, "SELECT count(*) FROM hub.compliance_subject WHERE period = $1", [month]);
        rows.push({
          figure: `findings of ${month} evaluated for the first time (${evaluated.toLocaleString("en-US")} enterprises with findings), publish → answer`,
          measured: `${(first / 1000).toFixed(1)} s`,
          target: "< 60 s",
          met: first < 60_000,
        });
        // The hub rebuilds a month whole when a batch names too many enterprises or a refresh of it failed: the state marked here.
        await markStale(sql, [month]);
        const whole = await publishAndRefresh(hub.url, db, publisher, month);
        rows.push({
          figure: `findings of ${month} re-evaluated whole after a batch, publish → answer`,
          measured: `${(whole / 1000).toFixed(1)} s`,
          target: "< 60 s",
          met: whole < 60_000,
        });
      } else if ((await count(db, "SELECT count(*) FROM hub.compliance_period WHERE period = $1", [month])) === 0) {
        throw new Error(`${month} has never been evaluated whole: run without --skip-whole once`);
      }
      const incremental: number[] = [];
      for (let i = 0; i < options.incrementalBatches; i++) incremental.push(await publishAndRefresh(hub.url, db, publisher, month));
      const small = latency(incremental);
      rows.push({
        figure: `findings refreshed after a BHXH batch of ${UNITS_PER_SMALL_BATCH} units, publish → answer (${incremental.length} batches)`,
        measured: `p50 ${small.p50.toFixed(0)} ms, max ${small.max.toFixed(0)} ms`,
        target: "< 60 s",
        met: small.max < 60_000,
      });

      const inspector = await signToken(
        { subject: "bench-analytics-inspector", agency: "bhxh", roles: ["inspector"], purposes: ["inspection"] },
        SECRETS.LIENTHONG_JWT_SECRET,
        2,
      );
      const asInspector = { authorization: `Bearer ${inspector}`, "x-purpose": "inspection" };
      for (const [label, province] of [
        ["nationally", undefined],
        [`province ${PROVINCE}`, PROVINCE],
      ] as const) {
        const pages = await measurePages(hub.url, CANDIDATES, "inspectionCandidates", { period: month, province }, asInspector, options.requests);
        rows.push(timed(`inspectionCandidates(first: 50) ${label}, page 1 (of ${pages.total.toLocaleString("en-US")})`, pages.first, options.requests, 100));
        rows.push(timed(`inspectionCandidates(first: 50) ${label}, page 2 by cursor`, pages.second, options.requests, 100));
      }
      // The public list is open data: read as the public reads it, without a token.
      for (const [label, province] of [
        ["nationally", undefined],
        [`province ${PROVINCE}`, PROVINCE],
      ] as const) {
        const pages = await measurePages(hub.url, DEFAULTERS, "publicDefaulters", { period: month, province }, {}, options.requests);
        rows.push(timed(`publicDefaulters(first: 50) ${label}, page 1 (of ${pages.total.toLocaleString("en-US")})`, pages.first, options.requests, 100));
        rows.push(timed(`publicDefaulters(first: 50) ${label}, page 2 by cursor`, pages.second, options.requests, 100));
      }
    } finally {
      await hub.stop();
    }
  } finally {
    await db.end();
    await set.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  const loadAfter = uptime();
  for (const row of rows) report(row.figure, `${row.measured} (target ${row.target}${row.met === undefined ? "" : row.met ? ", met" : ", MISSED"})`);
  report("machine load (uptime) before / after the analytics figures", `${loadBefore} / ${loadAfter}`);
  printTable(rows, options.enterprises, loadBefore, loadAfter);
  const file = writeJson({ enterprises: options.enterprises, dataSet: set.origin, requests: options.requests, loadBefore, loadAfter, rows });
  process.stdout.write(`Written to ${path.relative(PROJECT_ROOT, file)}\n`);
}

/** The newest BHXH month whose quarter the tax authority has delivered: the month every rule can be evaluated on. */
async function latestMonthWithTaxAndBhxh(db: pg.Client): Promise<string> {
  const { rows } = await db.query<{ period: string | null }>(
    `SELECT max(b.period) AS period FROM hub.batch b
      WHERE b.domain = 'bhxh' AND b.status = 'APPLIED' AND b.period ~ '^\\d{4}-\\d{2}$'
        AND EXISTS (SELECT 1 FROM hub.batch t WHERE t.domain = 'tax' AND t.status = 'APPLIED'
                     AND t.period = left(b.period, 4) || '-Q' || ((substr(b.period, 6, 2)::int + 2) / 3))`,
  );
  if (!rows[0].period) throw new Error("the national set holds no BHXH month whose tax quarter was delivered");
  return rows[0].period;
}

/**
 * Publishes BHXH's figures for `month` of 100 units drawn at random, each with one more insured
 * worker, through POST /ingest/bhxh; returns the milliseconds from request to answer after checking
 * that the month's findings were refreshed in between.
 */
async function publishAndRefresh(hubUrl: string, db: pg.Client, authorization: string, month: string): Promise<number> {
  const { rows } = await db.query(
    `SELECT u.code, u.tax_code, u.name, u.province_code, to_char(u.registered_on, 'YYYY-MM-DD') AS registered_on,
            e.compulsory_insured, e.unemployment_insured, e.contribution_due_vnd::text AS due, e.contribution_paid_vnd::text AS paid,
            e.arrears_vnd::text AS arrears, e.arrears_months,
            -- A set seeded before BHXH published the oldest unpaid month lacks it; the demo relates it to the months in arrears.
            coalesce(e.oldest_unpaid_period,
                     CASE WHEN e.arrears_vnd > 0 THEN to_char(to_date(e.period, 'YYYY-MM') - make_interval(months => greatest(e.arrears_months, 1)), 'YYYY-MM') END,
                     '') AS oldest,
            coalesce(to_char(e.reminder_sent_on, 'YYYY-MM-DD'), '') AS reminder, coalesce(e.lowest_declared_wage_vnd::text, '') AS lowest
       FROM bhxh.enrolment e TABLESAMPLE SYSTEM (1) JOIN bhxh.unit u ON u.code = e.unit_code
      WHERE e.period = $1 AND u.tax_code !~ '-'
      ORDER BY random() LIMIT ${UNITS_PER_SMALL_BATCH}`,
    [month],
  );
  if (rows.length === 0) throw new Error(`no BHXH unit has figures for ${month}`);
  const csv = oneMoreInsuredCsv(rows as EnrolmentReadBack[], month);
  const { rows: clock } = await db.query<{ now: Date }>("SELECT clock_timestamp() AS now");
  const started = process.hrtime.bigint();
  const response = await fetch(`${hubUrl}/ingest/bhxh?period=${month}`, {
    method: "POST",
    headers: { "content-type": "text/csv; charset=utf-8", authorization, "x-purpose": "enrolment" },
    body: csv,
  });
  const body = (await response.json().catch(() => null)) as { status?: string } | null;
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (response.status !== 200 || body?.status !== "APPLIED") throw new Error(`POST /ingest/bhxh answered ${response.status}: ${JSON.stringify(body)}`);
  const refreshed = await count(db, "SELECT count(*) FROM hub.compliance_period WHERE period = $1 AND refreshed_at >= $2", [month, clock[0].now]);
  if (refreshed !== 1) throw new Error(`the hub answered the batch for ${month} but did not refresh its findings (see the hub's log)`);
  return elapsed;
}

/** p50 and p99 of page 1 and of page 2 (by page 1's endCursor) of a list, requested one after another. */
async function measurePages(url: string, query: string, field: string, variables: Record<string, unknown>, headers: Record<string, string>, requests: number) {
  const page = (after?: string) =>
    graphql(url, query, { ...variables, after }, headers).then((data) => data[field] as { totalCount: number; pageInfo: { endCursor: string | null } });
  const first = await page();
  const cursor = first.pageInfo.endCursor ?? undefined;
  for (let i = 0; i < 3; i++) await page(cursor); // warm-up
  const firstTimes: number[] = [];
  const secondTimes: number[] = [];
  for (let i = 0; i < requests; i++) {
    firstTimes.push(await timedRequest(() => page()));
    secondTimes.push(await timedRequest(() => page(cursor)));
  }
  return { total: first.totalCount, first: latency(firstTimes), second: latency(secondTimes) };
}

async function timedRequest(request: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await request();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function graphql(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<Record<string, unknown>> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(`HTTP ${response.status}: ${JSON.stringify(body.errors ?? body)}`);
  return body.data;
}

function latency(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  return { p50: at(50), p99: at(99), max: sorted[sorted.length - 1] };
}

function timed(figure: string, measured: Latency, requests: number, targetMs: number): Row {
  return {
    figure: `${figure}, ${requests} requests`,
    measured: `p50 ${measured.p50.toFixed(1)} ms, p99 ${measured.p99.toFixed(1)} ms`,
    target: `p50 < ${targetMs} ms`,
    met: measured.p50 < targetMs,
  };
}

async function count(db: pg.Client, sql: string, params: unknown[]): Promise<number> {
  const { rows } = await db.query<{ count: string }>(sql, params);
  return Number(rows[0].count);
}

/** The load averages as `uptime` prints them. */
function uptime(): string {
  try {
    return execFileSync("uptime", { encoding: "utf8" })
      .trim()
      .replace(/^.*load average:\s*/, "load ");
  } catch {
    return `load ${os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(", ")}`;
  }
}

function printTable(rows: Row[], enterprises: number, loadBefore: string, loadAfter: string): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`\nIssue 10 performance, national set (${enterprises.toLocaleString("en-US")} enterprises), hub as shipped with access and audit on`);
  out(`Machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${loadBefore} before, ${loadAfter} after`);
  const width = Math.max(...rows.map((row) => row.figure.length));
  out(`  ${"figure".padEnd(width)}  ${"measured".padEnd(34)}  ${"target".padEnd(14)}  met`);
  for (const row of rows)
    out(`  ${row.figure.padEnd(width)}  ${row.measured.padEnd(34)}  ${row.target.padEnd(14)}  ${row.met === undefined ? "—" : row.met ? "yes" : "NO"}`);
}

function writeJson(results: object): string {
  const dir = path.join(PROJECT_ROOT, "bench-results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `analytics-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  const machine = { cores: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version };
  fs.writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), machine, ...results }, null, 2)}\n`);
  return file;
}
