import type { SetCheck } from "../../src/ingest/ingest-spec";

/**
 * The set-based checks that keep BHXH's register one unit per enterprise: bhxh.unit holds each unit
 * code once and each tax code once, and a unit stays with the enterprise it registered for. Each is
 * one statement over the staged batch (`ingest_rows`), so a bad batch is refused with its lines
 * instead of failing on a constraint in the merge.
 */

/** Two units of one batch for the same enterprise: the register holds one unit per tax code. */
export function taxCodeTwiceCheck(): SetCheck {
  return {
    name: "one unit per enterprise in the batch",
    sql: () => ({
      text: `SELECT line, 'tax_code' AS column, 'the same tax_code as line ' || first_line || ' under another unit code: an enterprise registers one BHXH unit' AS reason
               FROM (SELECT line, unit_code, min(line) OVER (PARTITION BY tax_code) AS first_line FROM ingest_rows) d
              WHERE line > first_line`,
      params: [],
    }),
  };
}

/** A unit code BHXH already holds for another enterprise: a unit code stays with its enterprise. */
export function otherTaxCodeForUnitCheck(): SetCheck {
  return {
    name: "unit codes registered to another tax code",
    sql: () => ({
      text: `SELECT s.line, 'unit_code' AS column,
                    'unit ' || s.unit_code || ' is registered to tax code ' || u.tax_code || ', not ' || s.tax_code || ': a unit code stays with its enterprise' AS reason
               FROM ingest_rows s JOIN bhxh.unit u ON u.code = s.unit_code
              WHERE u.tax_code <> s.tax_code`,
      params: [],
    }),
  };
}

/** An enterprise BHXH already registers under another unit code. */
export function otherEnterpriseForTaxCodeCheck(): SetCheck {
  return {
    name: "enterprises registered under another unit code",
    sql: () => ({
      text: `SELECT s.line, 'tax_code' AS column,
                    'tax code ' || s.tax_code || ' is registered as unit ' || u.code || ', not ' || s.unit_code || ': an enterprise registers one BHXH unit' AS reason
               FROM ingest_rows s JOIN bhxh.unit u ON u.tax_code = s.tax_code
              WHERE u.code <> s.unit_code`,
      params: [],
    }),
  };
}

/**
 * A provincial office may not take over another province's unit by naming its own province in the
 * row: the unit's current province counts too (the generic check only sees the row's).
 */
export function unitOutsidePublisherProvinceCheck(): SetCheck {
  return {
    name: "units of the publisher's province",
    sql: (batch) => ({
      text: `SELECT s.line, 'unit_code' AS column, 'unit ' || s.unit_code || ' is registered in province ' || u.province_code || ', outside your token''s province ' || $1::text AS reason
               FROM ingest_rows s JOIN bhxh.unit u ON u.code = s.unit_code
              WHERE $1::text IS NOT NULL AND u.province_code <> $1::text`,
      params: [batch.publisherProvince ?? null],
    }),
  };
}
