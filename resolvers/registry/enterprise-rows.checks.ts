import type { SetCheck } from "../../src/ingest/ingest-spec";

/*
 * The registry's set-based checks on staged enterprise rows (`ingest_rows`), each one statement
 * over the whole batch. Reference data (communes, sectors, industrial zones) is the hub's, read
 * here because the registry is the one domain that places enterprises on it.
 */

/** Only rows whose province is in force are checked for their commune and zone: a former province is reported once, by the province check. */
const PROVINCE_IN_FORCE = `EXISTS (SELECT 1 FROM hub.province p WHERE p.code = s.province_code)`;

/** The commune exists and lies in the row's province. */
export const communeInProvinceCheck: SetCheck = {
  name: "communes in their province",
  sql: () => ({
    text: `SELECT s.line, 'commune_code' AS column,
                  CASE WHEN c.code IS NULL THEN 'no commune has the code ' || s.commune_code || ' (codes in force since 2025-07-01)'
                    ELSE 'commune ' || s.commune_code || ' (' || c.name || ') lies in province ' || c.province_code || ' (' || p.name || '), not in ' || s.province_code
                  END AS reason
             FROM ingest_rows s
             LEFT JOIN hub.commune c ON c.code = s.commune_code
             LEFT JOIN hub.province p ON p.code = c.province_code
            WHERE s.commune_code IS NOT NULL AND ${PROVINCE_IN_FORCE} AND (c.code IS NULL OR c.province_code <> s.province_code)`,
    params: [],
  }),
};

/** The sector is a VSIC section the hub knows. */
export const sectorKnownCheck: SetCheck = {
  name: "VSIC sections",
  sql: () => ({
    text: `SELECT s.line, 'sector_code' AS column, 'no VSIC section has the code ' || s.sector_code AS reason
             FROM ingest_rows s
            WHERE s.sector_code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM hub.sector x WHERE x.code = s.sector_code)`,
    params: [],
  }),
};

/** The industrial zone exists and lies in the row's province. */
export const industrialZoneInProvinceCheck: SetCheck = {
  name: "industrial zones in their province",
  sql: () => ({
    text: `SELECT s.line, 'industrial_zone_code' AS column,
                  CASE WHEN z.code IS NULL THEN 'no industrial zone has the code ' || s.industrial_zone_code
                    ELSE 'industrial zone ' || s.industrial_zone_code || ' (' || z.name || ') lies in province ' || z.province_code || ', not in ' || s.province_code
                  END AS reason
             FROM ingest_rows s
             LEFT JOIN hub.industrial_zone z ON z.code = s.industrial_zone_code
            WHERE s.industrial_zone_code IS NOT NULL AND ${PROVINCE_IN_FORCE} AND (z.code IS NULL OR z.province_code <> s.province_code)`,
    params: [],
  }),
};

/** A branch's parent is registered already or in the same batch. */
export const parentKnownCheck: SetCheck = {
  name: "branches' parents",
  sql: () => ({
    text: `SELECT s.line, 'parent_tax_code' AS column,
                  'the business registry knows no enterprise with tax code ' || s.parent_tax_code || ', and this batch does not register it: a branch belongs to a registered enterprise' AS reason
             FROM ingest_rows s
            WHERE s.parent_tax_code IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM registry.enterprise e WHERE e.tax_code = s.parent_tax_code)
              AND NOT EXISTS (SELECT 1 FROM ingest_rows p WHERE p.tax_code = s.parent_tax_code)`,
    params: [],
  }),
};

/** For registering: the tax code is not registered yet (a change goes through changeEnterprises). */
export const notYetRegisteredCheck: SetCheck = {
  name: "enterprises not yet registered",
  sql: () => ({
    text: `SELECT s.line, 'tax_code' AS column,
                  'the business registry already has tax code ' || s.tax_code || ' (registered ' || to_char(e.registered_on, 'YYYY-MM-DD') || '): change it with changeEnterprises' AS reason
             FROM ingest_rows s JOIN registry.enterprise e ON e.tax_code = s.tax_code`,
    params: [],
  }),
};

/** For dissolving: a provincial publisher dissolves its own province's enterprises only, as it registers only those. */
export const dissolvedInPublisherProvinceCheck: SetCheck = {
  name: "publisher's province",
  sql: (batch) => ({
    text: `SELECT s.line, 'tax_code' AS column, 'enterprise ' || s.tax_code || ' is registered in province ' || e.province_code || ', outside your token''s province ' || $1::text AS reason
             FROM ingest_rows s JOIN registry.enterprise e ON e.tax_code = s.tax_code
            WHERE $1::text IS NOT NULL AND e.province_code <> $1::text`,
    params: [batch.publisherProvince ?? null],
  }),
};

/** For dissolving: a dissolution goes forward only (dissolving → dissolved or bankrupt), never back from an end. */
export const dissolutionForwardCheck: SetCheck = {
  name: "dissolutions go forward",
  sql: () => ({
    text: `SELECT s.line, 'status' AS column, 'enterprise ' || s.tax_code || ' is ' || e.status || ' already; it cannot go back to ' || s.status AS reason
             FROM ingest_rows s JOIN registry.enterprise e ON e.tax_code = s.tax_code
            WHERE e.status IN ('DISSOLVED', 'BANKRUPT') AND s.status <> e.status`,
    params: [],
  }),
};
