import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * BHXH's participation for coverage (issue 10): voluntary participants per commune and month (the
 * dataset `voluntary`), with history like BHXH's other tables, and each province's monthly totals
 * of compulsory and unemployment insurance kept at ingest, so that coverage for every province never
 * sums millions of enrolment months per request.
 *
 * `bhxh.participation_by_province_month` is BHXH's interface for the hub's analytics: per province
 * in force and month, the compulsory, unemployment and voluntary participants and the batches they
 * came in. The hub's coverage SQL reads it, never BHXH's tables.
 */
export class BhxhParticipation1795314000002 implements MigrationInterface {
  name = "BhxhParticipation1795314000002";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE bhxh.voluntary (
        commune_code char(5) NOT NULL REFERENCES hub.commune (code),
        period text NOT NULL CHECK (period ~ '^\\d{4}-(0[1-9]|1[0-2])$'),
        voluntary_insured integer NOT NULL CHECK (voluntary_insured >= 0),
        batch_id uuid NOT NULL REFERENCES hub.batch (id),
        valid_from timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (commune_code, period)
      )`);
    await db.query(`CREATE INDEX voluntary_period_idx ON bhxh.voluntary (period)`);
    await db.query(`
      CREATE TABLE bhxh.voluntary_history (
        commune_code char(5) NOT NULL,
        period text NOT NULL,
        voluntary_insured integer NOT NULL,
        batch_id uuid NOT NULL,
        valid_from timestamptz NOT NULL,
        valid_to timestamptz NOT NULL,
        PRIMARY KEY (commune_code, period, valid_from),
        CHECK (valid_from < valid_to)
      )`);
    await db.query(`
      CREATE TABLE bhxh.province_month (
        province_code char(2) NOT NULL,
        period text NOT NULL,
        units integer NOT NULL,
        compulsory_insured bigint NOT NULL,
        unemployment_insured bigint NOT NULL,
        units_in_arrears integer NOT NULL,
        batch_id uuid NOT NULL,
        PRIMARY KEY (province_code, period)
      )`);
    // Recomputes the totals of the given provinces and months (NULL: all), from the enrolment rows; the ingest merge and the demo loader call it.
    await db.query(`
      CREATE FUNCTION bhxh.refresh_province_month(provinces text[], periods text[]) RETURNS void
      LANGUAGE sql AS $$
        DELETE FROM bhxh.province_month
         WHERE (provinces IS NULL OR province_code = ANY (provinces)) AND (periods IS NULL OR period = ANY (periods));
        INSERT INTO bhxh.province_month (province_code, period, units, compulsory_insured, unemployment_insured, units_in_arrears, batch_id)
        SELECT u.province_code, e.period, count(*), sum(e.compulsory_insured), sum(e.unemployment_insured),
               count(*) FILTER (WHERE e.arrears_months > 0), (array_agg(e.batch_id ORDER BY e.valid_from DESC, e.batch_id))[1]
          FROM bhxh.unit u JOIN bhxh.enrolment e ON e.unit_code = u.code
         WHERE (provinces IS NULL OR u.province_code = ANY (provinces)) AND (periods IS NULL OR e.period = ANY (periods))
         GROUP BY u.province_code, e.period;
      $$`);
    await db.query(`SELECT bhxh.refresh_province_month(NULL, NULL)`);
    await db.query(`
      CREATE VIEW bhxh.participation_by_province_month AS
      WITH voluntary AS (
        SELECT c.province_code, v.period, sum(v.voluntary_insured)::bigint AS voluntary_insured, array_agg(DISTINCT v.batch_id) AS batch_ids
          FROM bhxh.voluntary v JOIN hub.commune c ON c.code = v.commune_code
         GROUP BY c.province_code, v.period
      )
      SELECT coalesce(m.province_code, v.province_code) AS province_code, coalesce(m.period, v.period) AS period,
             m.units, m.compulsory_insured, m.unemployment_insured, v.voluntary_insured,
             m.batch_id AS enrolment_batch_id, v.batch_ids AS voluntary_batch_ids
        FROM bhxh.province_month m
        FULL JOIN voluntary v ON v.province_code = m.province_code AND v.period = m.period`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP VIEW bhxh.participation_by_province_month`);
    await db.query(`DROP FUNCTION bhxh.refresh_province_month(text[], text[])`);
    await db.query(`DROP TABLE bhxh.province_month`);
    await db.query(`DROP TABLE bhxh.voluntary_history`);
    await db.query(`DROP TABLE bhxh.voluntary`);
  }
}
