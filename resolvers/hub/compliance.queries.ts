import type { Database } from "../../src/database";

/**
 * Compliance findings in SQL, next to the data (issue 10). The hub never reads the owners' tables:
 * it reads the views each owner publishes for it (tax.headcount_for_compliance,
 * bhxh.unit_for_compliance, bhxh.enrolment_for_compliance, registry.employer_for_compliance).
 * The rules are those of shared/domain.md, "Late payment and evasion", and are stated for clients
 * in the schema descriptions (entities/hub/compliance-finding.entity.ts).
 */

/** Runs one statement; the ingest connection, the demo loader's and a request's database all fit. */
export type ComplianceQuery = <Row = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<Row[]>;

/** The rules below, one finding each at most: the most findings an enterprise has in a month. */
export const MAX_FINDINGS_PER_MONTH = 6;

/** The columns of a finding row, as hub.compliance_finding holds them and the evaluation gives them. */
const FINDING_COLUMNS = `tax_code, code, ground, article, since, tax_employees, tax_batch_id, compulsory_insured, bhxh_batch_id,
  arrears_vnd, arrears_months, oldest_unpaid_period, payment_deadline, days_overdue, reminder_sent_on,
  lowest_declared_wage_vnd, legal_base_salary_vnd, registration_deadline`;

/**
 * The findings of month $1 evaluated on day $2, with $3 the legal base salary in force that month
 * (null: no wage rule), for the tax codes $4 when `some`, else for every enterprise. One row per
 * finding; an enterprise without any has none.
 */
export function evaluationSql(some: boolean): string {
  const only = (column: string) => (some ? `AND ${column} = ANY($4::text[])` : "");
  return `
WITH p AS (
  SELECT $1::text AS period, $2::date AS on_day, $3::bigint AS base_salary, to_date($1, 'YYYY-MM') AS first_day,
         left($1, 4) || '-Q' || ((substr($1, 6, 2)::int + 2) / 3) AS quarter
),
-- Employment is known from the end of the first quarter the tax authority saw employees: the
-- 30 days to register (Điều 28 khoản 1) run from there, the earliest date the data we hold gives.
-- One grouped pass rather than a lookup per enterprise: a national month has a million of them.
first_employed AS (
  SELECT f.tax_code, min(f.period) AS first_quarter
    FROM tax.headcount_for_compliance f, p WHERE f.employees > 0 AND f.period <= p.quarter ${only("f.tax_code")}
   GROUP BY f.tax_code
),
tax AS (
  SELECT h.tax_code, h.employees, h.batch_id, fe.first_quarter
    FROM tax.headcount_for_compliance h CROSS JOIN p LEFT JOIN first_employed fe ON fe.tax_code = h.tax_code
   WHERE h.period = p.quarter ${only("h.tax_code")}
),
enrolment AS (
  SELECT e.* FROM bhxh.enrolment_for_compliance e, p WHERE e.period = p.period ${only("e.tax_code")}
),
facts AS (
  SELECT coalesce(t.tax_code, e.tax_code) AS tax_code, t.employees AS tax_employees, t.batch_id AS tax_batch_id,
         e.compulsory_insured, e.arrears_vnd, e.arrears_months, e.oldest_unpaid_period, e.reminder_sent_on,
         e.lowest_declared_wage_vnd, e.batch_id AS bhxh_batch_id, u.registered_on AS unit_registered_on,
         CASE WHEN t.employees > 0
              THEN (make_date(left(t.first_quarter, 4)::int, right(t.first_quarter, 1)::int * 3, 1) + interval '1 month' - interval '1 day')::date + 30
         END AS registration_deadline,
         -- Contributions of a month are due by the last day of the following month (Điều 34 khoản 4).
         CASE WHEN e.arrears_vnd > 0 THEN (to_date(e.oldest_unpaid_period, 'YYYY-MM') + interval '2 months' - interval '1 day')::date END AS payment_deadline
    FROM tax t
    FULL JOIN enrolment e ON e.tax_code = t.tax_code
    LEFT JOIN bhxh.unit_for_compliance u ON u.tax_code = coalesce(t.tax_code, e.tax_code)
),
-- Materialised: the rules below read each enterprise's facts six times, and inlined they would be computed six times.
clocks AS MATERIALIZED (
  SELECT f.*, p.on_day - f.payment_deadline AS days_overdue, p.on_day - f.registration_deadline AS days_unregistered,
         f.tax_employees > 0 AND (f.unit_registered_on IS NULL OR f.unit_registered_on > p.on_day) AS unregistered,
         f.reminder_sent_on <= p.on_day AS reminded, p.base_salary, p.first_day
    FROM facts f, p
),
-- One branch per rule, each a filter over the facts. (A LATERAL VALUES list of the rules is shorter, but
-- PostgreSQL prepares its expressions again for every enterprise: five times slower on a national month.)
found AS (
  SELECT c.*, 'NOT_ENROLLED' AS code, '' AS ground,
         CASE WHEN c.days_unregistered > 60 THEN 'Điều 28 khoản 1; Điều 39' ELSE 'Điều 28 khoản 1; Điều 38' END AS article, c.registration_deadline + 1 AS since
    FROM clocks c WHERE c.unregistered AND c.days_unregistered > 0
  UNION ALL
  SELECT c.*, 'EVASION', 'UNREGISTERED', 'Điều 28 khoản 1; Điều 39', c.registration_deadline + 61
    FROM clocks c WHERE c.unregistered AND c.days_unregistered > 60
  UNION ALL
  SELECT c.*, 'UNDER_DECLARED', '', 'Điều 28 khoản 1; Điều 38', c.first_day
    FROM clocks c WHERE c.tax_employees > c.compulsory_insured
  UNION ALL
  SELECT c.*, 'LATE_PAYMENT', '', 'Điều 34 khoản 4; Điều 38', c.payment_deadline + 1
    FROM clocks c WHERE c.days_overdue > 0 AND (c.days_overdue <= 60 OR c.reminded IS NOT TRUE)
  UNION ALL
  SELECT c.*, 'EVASION', 'UNPAID_AFTER_REMINDER', 'Điều 34 khoản 4; Điều 39', greatest(c.payment_deadline + 61, c.reminder_sent_on)
    FROM clocks c WHERE c.days_overdue > 60 AND c.reminded
  UNION ALL
  SELECT c.*, 'EVASION', 'WAGE_BELOW_BASE', 'Điều 31 khoản 1; Điều 39', c.first_day
    FROM clocks c WHERE c.lowest_declared_wage_vnd < c.base_salary
)
SELECT x.tax_code, x.code, x.ground, x.article, x.since, x.tax_employees, x.tax_batch_id, x.compulsory_insured, x.bhxh_batch_id,
       x.arrears_vnd, x.arrears_months, x.oldest_unpaid_period, x.payment_deadline, x.days_overdue, x.reminder_sent_on,
       x.lowest_declared_wage_vnd, x.base_salary AS legal_base_salary_vnd, x.registration_deadline
  FROM found x`;
}

/** One finding with its evidence, as the graph's resolvers read it. */
export interface FindingRow {
  taxCode: string;
  code: string;
  ground: string;
  article: string;
  since: string;
  taxEmployees: number | null;
  taxBatchId: string | null;
  compulsoryInsured: number | null;
  bhxhBatchId: string | null;
  arrears: string | null;
  arrearsMonths: number | null;
  oldestUnpaidPeriod: string | null;
  paymentDeadline: string | null;
  daysOverdue: number | null;
  reminderSentOn: string | null;
  lowestDeclaredWage: string | null;
  legalBaseSalary: string | null;
  registrationDeadline: string | null;
}

const FINDING_SELECT = `tax_code AS "taxCode", code, ground, article, to_char(since, 'YYYY-MM-DD') AS since,
  tax_employees AS "taxEmployees", tax_batch_id AS "taxBatchId", compulsory_insured AS "compulsoryInsured", bhxh_batch_id AS "bhxhBatchId",
  arrears_vnd::text AS arrears, arrears_months AS "arrearsMonths", oldest_unpaid_period AS "oldestUnpaidPeriod",
  to_char(payment_deadline, 'YYYY-MM-DD') AS "paymentDeadline", days_overdue AS "daysOverdue",
  to_char(reminder_sent_on, 'YYYY-MM-DD') AS "reminderSentOn", lowest_declared_wage_vnd::text AS "lowestDeclaredWage",
  legal_base_salary_vnd::text AS "legalBaseSalary", to_char(registration_deadline, 'YYYY-MM-DD') AS "registrationDeadline"`;

/** Orders findings the same way wherever they are read: by code, then ground. */
const FINDING_ORDER = `ORDER BY tax_code, array_position(ARRAY['EVASION', 'LATE_PAYMENT', 'NOT_ENROLLED', 'UNDER_DECLARED'], code), ground`;

/** Memory for each sort and hash of a refresh: a national month's million enterprises fit without spilling. */
const REFRESH_WORK_MEM = "128MB";

/** The day a month is evaluated on unless a caller picks another: its last day. */
export function lastDayOf(period: string): string {
  const [year, month] = period.split("-").map(Number);
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** The materialised findings of `period` for `taxCodes`, limited to a province's enterprises when scoped. */
export function storedFindings(db: Database, period: string, taxCodes: readonly string[], scopeProvinceCode: string | undefined): Promise<FindingRow[]> {
  // The page's tax codes are repeated on the subject, so the plan starts from them: with the
  // province alone, fresh-month statistics had it walk every subject of the province (118 ms, not 5).
  const scoped =
    scopeProvinceCode === undefined
      ? ""
      : ` AND EXISTS (SELECT 1 FROM hub.compliance_subject s WHERE s.period = f.period AND s.tax_code = f.tax_code AND s.tax_code = ANY($2) AND s.province_code = $3)`;
  return db.query<FindingRow>(
    `SELECT ${FINDING_SELECT} FROM hub.compliance_finding f WHERE f.period = $1 AND f.tax_code = ANY($2)${scoped} ${FINDING_ORDER}`,
    scopeProvinceCode === undefined ? [period, taxCodes] : [period, taxCodes, scopeProvinceCode],
  );
}

/** Findings of `period` evaluated now on `onDay` for `taxCodes`, not stored: a caller's own evaluation day. */
export function evaluatedFindings(
  db: Database,
  period: string,
  onDay: string,
  baseSalary: bigint | null,
  taxCodes: readonly string[],
  scopeProvinceCode: string | undefined,
): Promise<FindingRow[]> {
  // The page's tax codes are repeated on the subject, so the plan starts from them: with the
  // province alone, fresh-month statistics had it walk every subject of the province (118 ms, not 5).
  const scoped =
    scopeProvinceCode === undefined
      ? ""
      : ` WHERE EXISTS (SELECT 1 FROM registry.employer_for_compliance r WHERE r.tax_code = found.tax_code AND r.province_code = $5)`;
  const params: unknown[] = [period, onDay, baseSalary?.toString() ?? null, taxCodes];
  if (scopeProvinceCode !== undefined) params.push(scopeProvinceCode);
  return db.query<FindingRow>(`SELECT ${FINDING_SELECT} FROM (${evaluationSql(true)}) found${scoped} ${FINDING_ORDER}`, params);
}

/** The months of `periods` evaluated whole (their findings are stored), with the day they were evaluated on. */
export function evaluatedPeriods(db: Database, periods: readonly string[]): Promise<{ period: string; on: string }[]> {
  return db.query(`SELECT period, to_char(evaluated_on, 'YYYY-MM-DD') AS on FROM hub.compliance_period WHERE period = ANY($1)`, [periods]);
}

/** The columns of a subject row besides its key, as the refresh compares and stores them. */
const SUBJECT_COLUMNS = ["employer_name", "province_code", "tax_employees", "compulsory_insured", "uninsured", "arrears_vnd", "publicly_listed"];

/** The columns of a finding row besides its key (tax_code, code, ground). */
const FINDING_VALUES = FINDING_COLUMNS.split(",")
  .map((column) => column.trim())
  .filter((column) => !["tax_code", "code", "ground"].includes(column));

/**
 * Makes `table`'s rows of the month (of `taxCodes` when given) those of the temporary `found`:
 * deletes the rows no longer found, inserts the new ones and updates the changed ones, leaving the
 * unchanged untouched. Most of a month's findings survive a batch, and rewriting them all (delete,
 * then insert) cost a national month half a minute of index writes.
 */
async function storeChanges(
  query: ComplianceQuery,
  table: string,
  found: string,
  keys: string[],
  columns: string[],
  scope: { period: string; taxCodes: readonly string[] | null },
): Promise<void> {
  const params: unknown[] = scope.taxCodes === null ? [scope.period] : [scope.period, scope.taxCodes];
  const scoped = scope.taxCodes === null ? "" : " AND s.tax_code = ANY($2)";
  const sameKey = keys.map((key) => `n.${key} = s.${key}`).join(" AND ");
  await query(`DELETE FROM ${table} s WHERE s.period = $1${scoped} AND NOT EXISTS (SELECT 1 FROM ${found} n WHERE ${sameKey})`, params);
  const row = (alias: string) => `(${columns.map((column) => `${alias}.${column}`).join(", ")})`;
  await query(
    `INSERT INTO ${table} AS s (period, ${keys.join(", ")}, ${columns.join(", ")})
     SELECT $1, ${keys.map((key) => `n.${key}`).join(", ")}, ${columns.map((column) => `n.${column}`).join(", ")} FROM ${found} n
      WHERE NOT EXISTS (SELECT 1 FROM ${table} s WHERE s.period = $1 AND ${sameKey} AND ${row("s")} IS NOT DISTINCT FROM ${row("n")})
      ORDER BY n.tax_code
     ON CONFLICT (period, ${keys.join(", ")}) DO UPDATE SET ${columns.map((column) => `${column} = excluded.${column}`).join(", ")}`,
    [scope.period],
  );
}

/**
 * Re-evaluates `period` on its last day and stores the result: for `taxCodes` only when the month
 * was evaluated whole before, else (or with null) the whole month. One transaction; an advisory
 * lock per month, so two processes never refresh the same month at once (the second waits, then
 * evaluates the data as it is by then).
 */
export async function refreshPeriod(query: ComplianceQuery, period: string, taxCodes: readonly string[] | null, baseSalary: bigint | null): Promise<void> {
  await query("BEGIN");
  try {
    await query("SELECT pg_advisory_xact_lock(hashtext('lienthong-compliance:' || $1))", [period]);
    // A whole national month hashes and sorts a million enterprises: with the default 4 MB each step
    // spills to disk. Only this transaction gets more, and one month refreshes at a time (the lock).
    await query(`SET LOCAL work_mem = '${REFRESH_WORK_MEM}'`);
    const [known] = await query(`SELECT 1 FROM hub.compliance_period WHERE period = $1`, [period]);
    const some = taxCodes !== null && known !== undefined;
    const params: unknown[] = [period, lastDayOf(period), baseSalary?.toString() ?? null];
    if (some) params.push(taxCodes);
    await query(`CREATE TEMPORARY TABLE compliance_found ON COMMIT DROP AS ${evaluationSql(some)}`, params);
    // Indexed and analysed (autovacuum never sees a temporary table), so that comparing it with the
    // stored month is planned soundly even when the stored month's statistics are stale: a month
    // just emptied but counted as full, or the reverse, once planned a nested loop of 500,000².
    await query(`CREATE INDEX ON compliance_found (tax_code, code, ground)`);
    await query(`ANALYZE compliance_found`);
    await query(
      `CREATE TEMPORARY TABLE compliance_subject_found ON COMMIT DROP AS
       SELECT f.tax_code, r.name AS employer_name, r.province_code, max(f.tax_employees) AS tax_employees, max(f.compulsory_insured) AS compulsory_insured,
              greatest(coalesce(max(f.tax_employees), 0) - coalesce(max(f.compulsory_insured), 0), 0) AS uninsured,
              coalesce(max(f.arrears_vnd), 0) AS arrears_vnd, bool_or(f.code IN ('LATE_PAYMENT', 'EVASION')) AS publicly_listed
         FROM compliance_found f JOIN registry.employer_for_compliance r ON r.tax_code = f.tax_code
        GROUP BY f.tax_code, r.name, r.province_code`,
    );
    await query(`CREATE INDEX ON compliance_subject_found (tax_code)`);
    await query(`ANALYZE compliance_subject_found`);
    const scope = some ? { period, taxCodes } : { period, taxCodes: null };
    await storeChanges(query, "hub.compliance_subject", "compliance_subject_found", ["tax_code"], SUBJECT_COLUMNS, scope);
    await storeChanges(query, "hub.compliance_finding", "compliance_found", ["tax_code", "code", "ground"], FINDING_VALUES, scope);
    await recount(query, [period]);
    await query(
      `INSERT INTO hub.compliance_period (period, evaluated_on, refreshed_at) VALUES ($1, $2, clock_timestamp())
       ON CONFLICT (period) DO UPDATE SET evaluated_on = excluded.evaluated_on, refreshed_at = excluded.refreshed_at`,
      [period, lastDayOf(period)],
    );
    await query("COMMIT");
  } catch (error) {
    await query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/** Carries the registry's changed names and provinces into the stored lists (every month), for `taxCodes` or all. */
export async function refreshEmployers(query: ComplianceQuery, taxCodes: readonly string[] | null): Promise<void> {
  await query("BEGIN");
  try {
    const moved = await query<{ period: string }>(
      `UPDATE hub.compliance_subject s SET employer_name = r.name, province_code = r.province_code
         FROM registry.employer_for_compliance r
        WHERE r.tax_code = s.tax_code AND (s.employer_name, s.province_code) IS DISTINCT FROM (r.name, r.province_code)
          ${taxCodes === null ? "" : "AND s.tax_code = ANY($1)"}
        RETURNING s.period`,
      taxCodes === null ? [] : [taxCodes],
    );
    await recount(query, [...new Set(moved.map((row) => row.period))]);
    await query("COMMIT");
  } catch (error) {
    await query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/** Counts the stored lists of `periods` per province again (hub.compliance_count: the lists' totalCount). */
async function recount(query: ComplianceQuery, periods: readonly string[]): Promise<void> {
  if (periods.length === 0) return;
  await query(`DELETE FROM hub.compliance_count WHERE period = ANY($1)`, [periods]);
  await query(
    `INSERT INTO hub.compliance_count (period, province_code, candidates, publicly_listed)
     SELECT period, province_code, count(*), count(*) FILTER (WHERE publicly_listed) FROM hub.compliance_subject WHERE period = ANY($1) GROUP BY period, province_code`,
    [periods],
  );
}

/** Forgets that `periods` were evaluated whole, so that their next refresh rebuilds them. */
export async function markStale(query: ComplianceQuery, periods: readonly string[]): Promise<void> {
  await query(`DELETE FROM hub.compliance_period WHERE period = ANY($1)`, [periods]);
}

/** The months tax or BHXH delivered data for: every month of a tax quarter, each BHXH month. */
export async function periodsWithData(query: ComplianceQuery): Promise<string[]> {
  const rows = await query<{ period: string }>(
    `SELECT DISTINCT period FROM hub.batch WHERE domain = 'bhxh' AND status = 'APPLIED' AND period ~ '^\\d{4}-\\d{2}$'
     UNION
     SELECT left(period, 4) || '-' || lpad(((right(period, 1)::int - 1) * 3 + m)::text, 2, '0')
       FROM (SELECT DISTINCT period FROM hub.batch WHERE domain = 'tax' AND status = 'APPLIED' AND period ~ '^\\d{4}-Q[1-4]$') q, generate_series(1, 3) m
     ORDER BY 1`,
  );
  return rows.map((row) => row.period);
}

/** A page of a ranked list: the rows after the keyset `after` (the last row's sort values), one more than asked. */
interface PageQuery {
  period: string;
  provinceCode: string | undefined;
  limit: number;
  after: (string | number)[] | undefined;
}

/** Inspection candidates of a month: ranked by uninsured workers, then arrears, then tax code (all descending, so one index serves the keyset). */
export function candidatePage(db: Database, page: PageQuery) {
  const params: unknown[] = [page.period];
  let where = "period = $1";
  if (page.provinceCode !== undefined) where += ` AND province_code = $${params.push(page.provinceCode)}`;
  if (page.after)
    where += ` AND (uninsured, arrears_vnd, tax_code) < ($${params.push(page.after[0])}::int, $${params.push(page.after[1])}::bigint, $${params.push(page.after[2])}::text)`;
  return db.query<{
    taxCode: string;
    period: string;
    provinceCode: string;
    taxEmployees: number | null;
    compulsoryInsured: number | null;
    uninsuredWorkers: number;
    arrears: string;
  }>(
    `SELECT tax_code AS "taxCode", period, province_code AS "provinceCode", tax_employees AS "taxEmployees", compulsory_insured AS "compulsoryInsured",
            uninsured AS "uninsuredWorkers", arrears_vnd::text AS arrears
       FROM hub.compliance_subject WHERE ${where}
      ORDER BY uninsured DESC, arrears_vnd DESC, tax_code DESC LIMIT ${page.limit}`,
    params,
  );
}

/** How many enterprises of the month (in the province) have findings, or are publicly listed: the counts the refresh keeps. */
export async function candidateCount(db: Database, period: string, provinceCode: string | undefined, publicOnly = false): Promise<number> {
  const params: unknown[] = [period];
  let where = "period = $1";
  if (provinceCode !== undefined) where += ` AND province_code = $${params.push(provinceCode)}`;
  const [row] = await db.query<{ count: number }>(
    `SELECT coalesce(sum(${publicOnly ? "publicly_listed" : "candidates"}), 0)::int AS count FROM hub.compliance_count WHERE ${where}`,
    params,
  );
  return row.count;
}

/** The public list of a month: employers with LATE_PAYMENT or EVASION, by arrears then tax code (descending), each with those findings only. */
export function defaulterPage(db: Database, page: PageQuery) {
  const params: unknown[] = [page.period];
  let where = "s.period = $1 AND s.publicly_listed";
  if (page.provinceCode !== undefined) where += ` AND s.province_code = $${params.push(page.provinceCode)}`;
  if (page.after) where += ` AND (s.arrears_vnd, s.tax_code) < ($${params.push(page.after[0])}::bigint, $${params.push(page.after[1])}::text)`;
  return db.query<{ taxCode: string; employerName: string; provinceCode: string; arrears: string; period: string; findings: unknown[] }>(
    `SELECT s.tax_code AS "taxCode", s.employer_name AS "employerName", s.province_code AS "provinceCode", s.arrears_vnd::text AS arrears, s.period,
            (SELECT json_agg(json_build_object('code', f.code, 'ground', f.ground, 'article', f.article, 'since', to_char(f.since, 'YYYY-MM-DD'),
                                               'daysOverdue', CASE WHEN f.ground IN ('', 'UNPAID_AFTER_REMINDER') THEN f.days_overdue END,
                                               'monthsOverdue', CASE WHEN f.ground IN ('', 'UNPAID_AFTER_REMINDER') THEN f.arrears_months END)
                             ORDER BY f.code, f.ground)
               FROM hub.compliance_finding f
              WHERE f.period = s.period AND f.tax_code = s.tax_code AND f.code IN ('LATE_PAYMENT', 'EVASION')) AS findings
       FROM hub.compliance_subject s WHERE ${where}
      ORDER BY s.arrears_vnd DESC, s.tax_code DESC LIMIT ${page.limit}`,
    params,
  );
}
