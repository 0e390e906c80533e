import type { ArrearsTotals, FindingCount } from "../../entities/hub/annual-report.entity";
import type { FindingCode } from "../../entities/hub/compliance-finding.entity";
import type { Database } from "../../src/database";

/*
 * The annual report's own figures, each one statement over the hub's analytics: BHXH's participation
 * view for the report's month, the materialised findings (hub.compliance_finding, which carry their
 * employer's province in hub.compliance_subject); the inspection lists handed over are
 * inspection-handover.queries.ts's.
 * `provinceCode` null means the nation.
 */

/**
 * The report's month: the latest month of `year` BHXH reported compulsory enrolment for (in the
 * province, or anywhere) whose coverage has a denominator too (its quarter's or year's labour force,
 * by the pairing rule); else the latest month BHXH reported at all; null if it reported none.
 */
export async function reportMonth(db: Database, year: number, provinceCode: string | null): Promise<string | null> {
  const [row] = await db.query<{ month: string | null }>(
    `SELECT coalesce(
              max(p.period) FILTER (WHERE EXISTS (
                SELECT 1 FROM statistics.labour_force_by_province lf
                 WHERE lf.province_code = p.province_code AND lf.working_age_labour_force IS NOT NULL
                   AND lf.period IN (left(p.period, 4) || '-Q' || ((substr(p.period, 6, 2)::int + 2) / 3), left(p.period, 4)))),
              max(p.period)) AS month
       FROM bhxh.participation_by_province_month p
      WHERE p.period BETWEEN $1 AND $2 AND p.compulsory_insured IS NOT NULL AND ($3::text IS NULL OR p.province_code = $3)`,
    [`${year}-01`, `${year}-12`, provinceCode],
  );
  return row.month;
}

/** Enterprises per finding code in `month`, every code listed (0 when none). */
export function findingCounts(db: Database, month: string, provinceCode: string | null): Promise<FindingCount[]> {
  return db.query<FindingCount & { code: FindingCode }>(
    `SELECT code, coalesce(n, 0)::int AS enterprises
       FROM unnest(ARRAY['NOT_ENROLLED', 'UNDER_DECLARED', 'LATE_PAYMENT', 'EVASION']) WITH ORDINALITY AS codes(code, position)
       LEFT JOIN (
         SELECT f.code, count(DISTINCT f.tax_code) AS n
           FROM hub.compliance_finding f JOIN hub.compliance_subject s ON s.period = f.period AND s.tax_code = f.tax_code
          WHERE f.period = $1 AND ($2::text IS NULL OR s.province_code = $2)
          GROUP BY f.code
       ) counted USING (code)
      ORDER BY position`,
    [month, provinceCode],
  );
}

/** Employers late or evading by not paying in `month`, and what they owe. */
export async function arrearsTotals(db: Database, month: string, provinceCode: string | null): Promise<ArrearsTotals> {
  const [row] = await db.query<ArrearsTotals>(
    `SELECT count(*)::int AS employers, coalesce(sum(arrears_vnd), 0)::float8 AS "arrearsVnd", count(*) FILTER (WHERE evading)::int AS evading
       FROM (
         SELECT f.tax_code, max(f.arrears_vnd) AS arrears_vnd, bool_or(f.code = 'EVASION') AS evading
           FROM hub.compliance_finding f JOIN hub.compliance_subject s ON s.period = f.period AND s.tax_code = f.tax_code
          WHERE f.period = $1 AND ($2::text IS NULL OR s.province_code = $2)
            AND (f.code = 'LATE_PAYMENT' OR (f.code = 'EVASION' AND f.ground = 'UNPAID_AFTER_REMINDER'))
          GROUP BY f.tax_code
       ) owing`,
    [month, provinceCode],
  );
  return row;
}
