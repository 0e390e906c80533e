import type { Database } from "../../src/database";
import type { Commune, FormerProvince, IndustrialZone, Province, Sector, Source } from "../../entities";

const PROVINCE_COLUMNS = `code, name, name_ascii AS "nameAscii", kind, to_char(in_force_from, 'YYYY-MM-DD') AS "inForceFrom"`;

/** All provinces in force, by code. */
export function allProvinces(db: Database): Promise<Province[]> {
  return db.query(`SELECT ${PROVINCE_COLUMNS} FROM hub.province ORDER BY code`);
}

export function provincesByCode(db: Database, codes: readonly string[]): Promise<Province[]> {
  return db.query(`SELECT ${PROVINCE_COLUMNS} FROM hub.province WHERE code = ANY($1)`, [codes]);
}

export function formerProvincesBySuccessor(db: Database, successorCodes: readonly string[]): Promise<FormerProvince[]> {
  return db.query(
    `SELECT code, name, successor_code AS "successorCode", to_char(merged_on, 'YYYY-MM-DD') AS "mergedOn"
       FROM hub.former_province WHERE successor_code = ANY($1) ORDER BY code`,
    [successorCodes],
  );
}

export function allSectors(db: Database): Promise<Sector[]> {
  return db.query(`SELECT code, name, name_en AS "nameEn" FROM hub.sector ORDER BY code`);
}

export function sectorsByCode(db: Database, codes: readonly string[]): Promise<Sector[]> {
  return db.query(`SELECT code, name, name_en AS "nameEn" FROM hub.sector WHERE code = ANY($1)`, [codes]);
}

export function communesByCode(db: Database, codes: readonly string[]): Promise<Commune[]> {
  return db.query(`SELECT code, name, kind, province_code AS "provinceCode" FROM hub.commune WHERE code = ANY($1)`, [codes]);
}

export function communesByProvince(db: Database, provinceCodes: readonly string[]): Promise<Commune[]> {
  return db.query(`SELECT code, name, kind, province_code AS "provinceCode" FROM hub.commune WHERE province_code = ANY($1) ORDER BY code`, [provinceCodes]);
}

export function industrialZonesByCode(db: Database, codes: readonly string[]): Promise<IndustrialZone[]> {
  return db.query(`SELECT code, name, province_code AS "provinceCode" FROM hub.industrial_zone WHERE code = ANY($1)`, [codes]);
}

export function industrialZones(db: Database, provinceCode: string | undefined): Promise<IndustrialZone[]> {
  return db.query(
    `SELECT code, name, province_code AS "provinceCode" FROM hub.industrial_zone
      WHERE $1::text IS NULL OR province_code = $1 ORDER BY code`,
    [provinceCode ?? null],
  );
}

/** The provenance of values delivered in the given batches. */
export function sourcesByBatchId(db: Database, batchIds: readonly string[]): Promise<Source[]> {
  return db.query(`SELECT id AS "batchId", agency, received_at AS "asOf", period FROM hub.batch WHERE id = ANY($1::uuid[])`, [batchIds]);
}

/** Batches a coverage figure's numerator is estimated to name, for the cost model. */
const COVERAGE_SOURCES_FAN_OUT = 4;
/** Target rows a scope is estimated to hold (a few documents times a few years), for the cost model. */
const TARGETS_FAN_OUT = 20;

/**
 * The longest list each reference-data field can return today, by schema coordinate: what the
 * operation cost model multiplies by (src/limits/operation-cost.ts).
 */
export async function referenceFanOuts(db: Database): Promise<Map<string, number>> {
  const [row] = await db.query<Record<string, string>>(
    `SELECT (SELECT count(*) FROM hub.province) AS provinces,
            (SELECT count(*) FROM hub.sector) AS sectors,
            (SELECT count(*) FROM hub.industrial_zone) AS zones,
            (SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM hub.commune GROUP BY province_code) c) AS communes,
            (SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM hub.former_province GROUP BY successor_code) f) AS former`,
  );
  return new Map([
    ["Query.provinces", Number(row.provinces)],
    ["Query.sectors", Number(row.sectors)],
    ["Query.industrialZones", Number(row.zones)],
    ["Province.communes", Number(row.communes)],
    ["Province.formerProvinces", Number(row.former)],
    // Coverage's lists (issue 10), bounded by what they can hold rather than read, since targets change with batches.
    // The numerator's batches: the month's enrolment batch and its voluntary batches, a few at most.
    ["Coverage.numeratorSources", COVERAGE_SOURCES_FAN_OUT],
    // The denominator's: one per former province rolled up.
    ["Coverage.denominatorSources", Math.max(1, Number(row.former))],
    ["Province.targets", TARGETS_FAN_OUT],
    ["CoverageProgress.targets", TARGETS_FAN_OUT],
    ["Query.coverageTargets", TARGETS_FAN_OUT],
  ]);
}
