import type { Coverage, CoverageTarget } from "../../entities/hub/coverage.entity";
import type { Database } from "../../src/database";
import { pairing } from "./coverage-pairing";

/*
 * The hub's coverage analytics read only the owners' interface views, never their tables:
 * bhxh.participation_by_province_month (migration 1795314000002) and
 * statistics.labour_force_by_province (migration 1795314000001, periods before the merger rolled up).
 */

/** The Coverage columns every statement below returns, from `part` (participants) and `lf` (labour force) rows; $1 is the enrolment month, $2 the statistics periods in order of preference. */
const COVERAGE_SELECT = `
  $1::text AS "enrolmentMonth",
  part.compulsory_insured::int AS "compulsoryInsured",
  part.voluntary_insured::int AS "voluntaryInsured",
  part.unemployment_insured::int AS "unemploymentInsured",
  (part.compulsory_insured + coalesce(part.voluntary_insured, 0))::int AS participants,
  lf.period AS "statisticsPeriod",
  lf.working_age_labour_force::int AS "workingAgeLabourForce",
  CASE WHEN cardinality(lf.former_codes) > 0 THEN lf.former_codes END AS "rolledUpFrom",
  round(100.0 * (part.compulsory_insured + coalesce(part.voluntary_insured, 0)) / nullif(lf.working_age_labour_force, 0), 2)::float8 AS rate,
  round(100.0 * part.unemployment_insured / nullif(lf.working_age_labour_force, 0), 2)::float8 AS "unemploymentInsuranceRate",
  CASE WHEN part.compulsory_insured IS NULL THEN 'BHXH has no compulsory enrolment for ' || $1::text
       WHEN lf.period IS NULL THEN 'the statistics office has no working-age labour force for ' || array_to_string($2::text[], ' or ')
            || CASE WHEN hub.period_end(($2::text[])[1]) < DATE '2025-07-01' THEN ' (before 1 July 2025: for every former province merged into it)' ELSE '' END
       WHEN lf.working_age_labour_force = 0 THEN 'the working-age labour force is 0'
  END AS reason,
  coalesce(part.batch_ids, '{}') AS "numeratorBatchIds",
  coalesce(lf.batch_ids, '{}') AS "denominatorBatchIds"`;

/** Coverage of each province in `provinceCodes` for `period` (a month, quarter or year), by the pairing rule: one statement for all. */
export async function provinceCoverage(db: Database, provinceCodes: readonly string[], period: string): Promise<Coverage[]> {
  if (provinceCodes.length === 0) return [];
  const { enrolmentMonth, statisticsPeriods } = pairing(period);
  const rows = await db.query<Coverage>(
    `WITH part AS (
       SELECT province_code, compulsory_insured, voluntary_insured, unemployment_insured,
              array_remove(array_prepend(enrolment_batch_id, coalesce(voluntary_batch_ids, '{}')), NULL) AS batch_ids
         FROM bhxh.participation_by_province_month WHERE period = $1 AND province_code = ANY ($3::text[])
     ), lf AS (
       SELECT DISTINCT ON (province_code) province_code, period, working_age_labour_force, batch_ids, former_codes
         FROM statistics.labour_force_by_province WHERE province_code = ANY ($3::text[]) AND period = ANY ($2::text[])
        ORDER BY province_code, array_position($2::text[], period)
     )
     SELECT a.code AS scope, ${COVERAGE_SELECT}
       FROM unnest($3::text[]) AS a(code)
       LEFT JOIN part ON part.province_code = a.code
       LEFT JOIN lf ON lf.province_code = a.code`,
    [enrolmentMonth, statisticsPeriods, provinceCodes],
  );
  return rows.map((row) => ({ ...row, period }));
}

/**
 * The nation's coverage for `period`: the 34 provinces summed. The denominator is the first
 * statistics period of the pairing rule that every province has, so both sides cover the same country.
 */
export async function nationalCoverage(db: Database, period: string): Promise<Coverage> {
  const { enrolmentMonth, statisticsPeriods } = pairing(period);
  const [row] = await db.query<Coverage>(
    `WITH months AS (
       SELECT * FROM bhxh.participation_by_province_month WHERE period = $1
     ), part AS (
       SELECT sum(compulsory_insured) AS compulsory_insured, sum(voluntary_insured) AS voluntary_insured, sum(unemployment_insured) AS unemployment_insured,
              (SELECT array_agg(DISTINCT b) FROM months, unnest(array_prepend(enrolment_batch_id, coalesce(voluntary_batch_ids, '{}'))) AS b WHERE b IS NOT NULL) AS batch_ids
         FROM months
     ), lf AS (
       SELECT l.period, sum(l.working_age_labour_force) AS working_age_labour_force,
              (SELECT array_agg(DISTINCT b) FROM statistics.labour_force_by_province x, unnest(x.batch_ids) AS b WHERE x.period = l.period) AS batch_ids,
              (SELECT array_agg(c ORDER BY c) FROM statistics.labour_force_by_province x, unnest(x.former_codes) AS c WHERE x.period = l.period) AS former_codes
         FROM statistics.labour_force_by_province l
        WHERE l.period = ANY ($2::text[])
        GROUP BY l.period
       HAVING count(*) = (SELECT count(*) FROM hub.province)
        ORDER BY array_position($2::text[], l.period) LIMIT 1
     )
     SELECT 'VN' AS scope, ${COVERAGE_SELECT}
       FROM part LEFT JOIN lf ON true`,
    [enrolmentMonth, statisticsPeriods],
  );
  return { ...row, period };
}

const TARGET_COLUMNS = `t.scope_kind AS "scopeKind", t.scope_code AS "scopeCode", t.year, t.social_insurance_rate::float8 AS "socialInsuranceRate",
  t.participants, t.unemployment_insurance_rate::float8 AS "unemploymentInsuranceRate", t.voluntary_rate::float8 AS "voluntaryRate",
  t.voluntary_participants AS "voluntaryParticipants", t.legal_basis AS "legalBasis", t.article, t.note, t.batch_id AS "batchId"`;

/**
 * Targets of each province in `provinceCodes` (its own, and its former provinces'), optionally
 * for one year, newest published first; `provinceCode` says which asked province a row belongs to.
 */
export function provinceTargets(
  db: Database,
  provinceCodes: readonly string[],
  year: number | undefined,
): Promise<(CoverageTarget & { provinceCode: string })[]> {
  if (provinceCodes.length === 0) return Promise.resolve([]);
  return db.query(
    `SELECT coalesce(f.successor_code, t.scope_code) AS "provinceCode", ${TARGET_COLUMNS}
       FROM hub.coverage_target t
       LEFT JOIN hub.former_province f ON t.scope_kind = 'former-province' AND f.code = t.scope_code
      WHERE t.scope_kind <> 'national' AND coalesce(f.successor_code, t.scope_code) = ANY ($1::text[]) AND ($2::int IS NULL OR t.year = $2)
      ORDER BY t.year, t.scope_kind DESC, t.scope_code, t.valid_from DESC`,
    [provinceCodes, year ?? null],
  );
}

/** The nation's targets, optionally for one year, newest published first. */
export function nationalTargets(db: Database, year: number | undefined): Promise<CoverageTarget[]> {
  return db.query(
    `SELECT ${TARGET_COLUMNS} FROM hub.coverage_target t WHERE t.scope_kind = 'national' AND ($1::int IS NULL OR t.year = $1)
      ORDER BY t.year, t.valid_from DESC`,
    [year ?? null],
  );
}

/** The latest month BHXH has participants for, nationally: the period coverage answers when none is asked. */
export async function latestEnrolmentMonth(db: Database): Promise<string | null> {
  const [row] = await db.query<{ period: string | null }>(
    `SELECT max(period) AS period FROM bhxh.participation_by_province_month WHERE compulsory_insured IS NOT NULL`,
  );
  return row.period;
}
