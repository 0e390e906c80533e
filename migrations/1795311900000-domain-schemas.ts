import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * One PostgreSQL schema per data owner (shared/design.md, "Data owners and their domains").
 * Foreign keys stay inside a domain, plus references to the hub's reference data and batches,
 * which every domain shares. Domains never reference each other: the tax code joins them.
 */
export class DomainSchemas1795311900000 implements MigrationInterface {
  name = "DomainSchemas1795311900000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    for (const schema of ["hub", "registry", "tax", "statistics", "bhxh"]) {
      await db.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    }

    // Case- and diacritics-folded form of a name: "Công ty May" -> "cong ty may". đ has no
    // decomposition in Unicode, so it is translated before the combining marks are stripped.
    await db.query(`
      CREATE FUNCTION hub.search_key(value text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      RETURN lower(regexp_replace(normalize(translate(value, 'đĐ', 'dD'), NFD), U&'[\\0300-\\036F]', '', 'g'))`);

    // Last day of a period (YYYY-MM, YYYY-Qn or YYYY), so periods of mixed granularity sort in time.
    await db.query(`
      CREATE FUNCTION hub.period_end(period text) RETURNS date
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      RETURN CASE
        WHEN period ~ '^\\d{4}-(0[1-9]|1[0-2])$' THEN (to_date(period, 'YYYY-MM') + interval '1 month' - interval '1 day')::date
        WHEN period ~ '^\\d{4}-Q[1-4]$' THEN (make_date(left(period, 4)::int, right(period, 1)::int * 3, 1) + interval '1 month' - interval '1 day')::date
        WHEN period ~ '^\\d{4}$' THEN make_date(period::int, 12, 31)
      END`);

    await db.query(`
      CREATE TABLE hub.province (
        code char(2) PRIMARY KEY CHECK (code ~ '^\\d{2}$'),
        name text NOT NULL CHECK (name <> ''),
        name_ascii text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('province', 'city')),
        in_force_from date NOT NULL
      )`);
    await db.query(`
      CREATE TABLE hub.former_province (
        code char(2) PRIMARY KEY CHECK (code ~ '^\\d{2}$'),
        name text NOT NULL CHECK (name <> ''),
        successor_code char(2) NOT NULL REFERENCES hub.province (code),
        merged_on date NOT NULL
      )`);
    await db.query(`CREATE INDEX former_province_successor_idx ON hub.former_province (successor_code)`);
    await db.query(`
      CREATE TABLE hub.commune (
        code char(5) PRIMARY KEY CHECK (code ~ '^\\d{5}$'),
        name text NOT NULL CHECK (name <> ''),
        kind text NOT NULL CHECK (kind IN ('xa', 'phuong', 'dac-khu')),
        province_code char(2) NOT NULL REFERENCES hub.province (code)
      )`);
    await db.query(`CREATE INDEX commune_province_idx ON hub.commune (province_code)`);
    await db.query(`
      CREATE TABLE hub.sector (
        code text PRIMARY KEY CHECK (code ~ '^[A-U]$'),
        name text NOT NULL,
        name_en text NOT NULL
      )`);
    await db.query(`
      CREATE TABLE hub.industrial_zone (
        code text PRIMARY KEY CHECK (code ~ '^KCN\\d{2}-\\d{2}$'),
        name text NOT NULL,
        province_code char(2) NOT NULL REFERENCES hub.province (code)
      )`);
    await db.query(`CREATE INDEX industrial_zone_province_idx ON hub.industrial_zone (province_code)`);
    await db.query(`
      CREATE TABLE hub.batch (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        domain text NOT NULL CHECK (domain IN ('registry', 'tax', 'statistics', 'bhxh', 'hub')),
        agency text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('seed', 'import', 'mutation')),
        period text,
        row_count integer NOT NULL CHECK (row_count >= 0),
        checksum text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (domain, checksum)
      )`);

    await db.query(`
      CREATE TABLE registry.enterprise (
        tax_code text PRIMARY KEY CHECK (tax_code ~ '^\\d{10}(-\\d{3})?$'),
        parent_tax_code text REFERENCES registry.enterprise (tax_code),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 500),
        search_key text GENERATED ALWAYS AS (hub.search_key(name)) STORED,
        legal_form text NOT NULL CHECK (legal_form IN ('LLC1', 'LLC2', 'JSC', 'PRIVATE', 'PARTNERSHIP', 'BRANCH')),
        status text NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED', 'DISSOLVING', 'DISSOLVED', 'BANKRUPT')),
        registered_on date NOT NULL,
        province_code char(2) NOT NULL REFERENCES hub.province (code),
        commune_code char(5) REFERENCES hub.commune (code),
        sector_code text REFERENCES hub.sector (code),
        industrial_zone_code text REFERENCES hub.industrial_zone (code),
        address text,
        legal_rep_name text,
        legal_rep_id_number char(12) CHECK (legal_rep_id_number ~ '^\\d{12}$'),
        batch_id uuid NOT NULL REFERENCES hub.batch (id),
        CHECK ((tax_code ~ '-') = (parent_tax_code IS NOT NULL)),
        CHECK (parent_tax_code IS NULL OR parent_tax_code = left(tax_code, 10))
      )`);
    // Every filter of EnterpriseFilter has an index; the composite ones keep keyset pagination by tax code ordered.
    await db.query(`CREATE INDEX enterprise_province_idx ON registry.enterprise (province_code, tax_code)`);
    await db.query(`CREATE INDEX enterprise_commune_idx ON registry.enterprise (commune_code, tax_code)`);
    await db.query(`CREATE INDEX enterprise_sector_idx ON registry.enterprise (sector_code, tax_code)`);
    await db.query(`CREATE INDEX enterprise_status_idx ON registry.enterprise (status, tax_code)`);
    await db.query(`CREATE INDEX enterprise_zone_idx ON registry.enterprise (industrial_zone_code, tax_code) WHERE industrial_zone_code IS NOT NULL`);
    await db.query(`CREATE INDEX enterprise_parent_idx ON registry.enterprise (parent_tax_code) WHERE parent_tax_code IS NOT NULL`);
    await db.query(`CREATE INDEX enterprise_search_idx ON registry.enterprise USING gin (search_key gin_trgm_ops)`);

    await db.query(`
      CREATE TABLE tax.headcount (
        tax_code text NOT NULL CHECK (tax_code ~ '^\\d{10}(-\\d{3})?$'),
        period text NOT NULL CHECK (period ~ '^\\d{4}-Q[1-4]$'),
        operating_status text NOT NULL CHECK (operating_status IN ('OPERATING', 'SUSPENDED', 'CEASED', 'NOT_AT_ADDRESS')),
        employees integer NOT NULL CHECK (employees >= 0),
        total_wages_vnd bigint NOT NULL CHECK (total_wages_vnd >= 0),
        batch_id uuid NOT NULL REFERENCES hub.batch (id),
        PRIMARY KEY (tax_code, period)
      )`);
    await db.query(`CREATE INDEX headcount_period_idx ON tax.headcount (period)`);

    await db.query(`
      CREATE TABLE bhxh.unit (
        code text PRIMARY KEY CHECK (code ~ '^[A-Z]{2}\\d{5}[A-Z]$'),
        tax_code text NOT NULL UNIQUE CHECK (tax_code ~ '^\\d{10}(-\\d{3})?$'),
        name text NOT NULL,
        province_code char(2) NOT NULL REFERENCES hub.province (code),
        registered_on date NOT NULL,
        batch_id uuid NOT NULL REFERENCES hub.batch (id)
      )`);
    await db.query(`CREATE INDEX unit_province_idx ON bhxh.unit (province_code)`);
    await db.query(`
      CREATE TABLE bhxh.enrolment (
        unit_code text NOT NULL REFERENCES bhxh.unit (code),
        period text NOT NULL CHECK (period ~ '^\\d{4}-(0[1-9]|1[0-2])$'),
        compulsory_insured integer NOT NULL CHECK (compulsory_insured >= 0),
        unemployment_insured integer NOT NULL CHECK (unemployment_insured >= 0 AND unemployment_insured <= compulsory_insured),
        contribution_due_vnd bigint NOT NULL CHECK (contribution_due_vnd >= 0),
        contribution_paid_vnd bigint NOT NULL CHECK (contribution_paid_vnd >= 0),
        arrears_vnd bigint NOT NULL CHECK (arrears_vnd >= 0),
        arrears_months integer NOT NULL CHECK (arrears_months BETWEEN 0 AND 600),
        batch_id uuid NOT NULL REFERENCES hub.batch (id),
        PRIMARY KEY (unit_code, period)
      )`);
    await db.query(`CREATE INDEX enrolment_period_idx ON bhxh.enrolment (period)`);

    await db.query(`
      CREATE TABLE statistics.labour_force (
        province_code char(2) NOT NULL REFERENCES hub.province (code),
        period text NOT NULL CHECK (period ~ '^\\d{4}(-Q[1-4])?$'),
        population integer NOT NULL CHECK (population >= 0),
        working_age_population integer NOT NULL CHECK (working_age_population BETWEEN 0 AND population),
        labour_force integer NOT NULL CHECK (labour_force >= 0),
        working_age_labour_force integer NOT NULL CHECK (working_age_labour_force BETWEEN 0 AND labour_force),
        employed integer NOT NULL CHECK (employed >= 0),
        unemployed integer NOT NULL CHECK (unemployed >= 0),
        away_from_home integer NOT NULL CHECK (away_from_home >= 0),
        batch_id uuid NOT NULL REFERENCES hub.batch (id),
        PRIMARY KEY (province_code, period),
        CHECK (employed + unemployed = labour_force)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const schema of ["statistics", "bhxh", "tax", "registry", "hub"]) {
      await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    }
  }
}
