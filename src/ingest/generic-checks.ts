import type { IngestSpec, SetCheck } from "./ingest-spec";

/**
 * The checks every domain gets from what it declares: duplicate keys within the batch, and, when
 * it has a province column, provinces in force (a former province is named with the one it merged
 * into) and the publisher's own province.
 */
export function genericChecks(spec: IngestSpec): SetCheck[] {
  const checks: SetCheck[] = [duplicateKeyCheck(spec)];
  if (spec.provinceColumn && spec.formerProvincesBefore) {
    checks.push(
      provinceOfThePeriodCheck(spec.provinceColumn, spec.formerProvincesBefore),
      publisherProvinceOfThePeriodCheck(spec.provinceColumn, spec.formerProvincesBefore),
    );
  } else if (spec.provinceColumn) {
    checks.push(provinceInForceCheck(spec.provinceColumn), publisherProvinceCheck(spec.provinceColumn));
  }
  return checks;
}

function duplicateKeyCheck(spec: IngestSpec): SetCheck {
  const key = spec.key.join(", ");
  return {
    name: "duplicate keys",
    sql: () => ({
      // One sort over the batch: every row after the first with the same key is reported, naming the first.
      text: `SELECT line, '${spec.key[0]}' AS column, 'the same ${spec.key.join(" and ")} as line ' || first_line || ': a batch holds one row per key' AS reason
               FROM (SELECT line, min(line) OVER (PARTITION BY ${key}) AS first_line FROM ingest_rows) d
              WHERE line > first_line`,
      params: [],
    }),
  };
}

function provinceInForceCheck(column: string): SetCheck {
  return {
    name: "provinces in force",
    sql: () => ({
      text: `SELECT s.line, '${column}' AS column,
                    CASE WHEN f.code IS NOT NULL
                      THEN 'province ' || f.code || ' (' || f.name || ') merged into ' || f.successor_code || ' (' || p2.name || ') on ' || to_char(f.merged_on, 'YYYY-MM-DD') || ': report it under ' || f.successor_code
                      ELSE 'no province has the code ' || s.${column} || ' (codes in force since 2025-07-01: 34 provinces, e.g. 01 Hà Nội, 79 Thành phố Hồ Chí Minh)'
                    END AS reason
               FROM ingest_rows s
               LEFT JOIN hub.province p ON p.code = s.${column}
               LEFT JOIN hub.former_province f ON f.code = s.${column}
               LEFT JOIN hub.province p2 ON p2.code = f.successor_code
              WHERE p.code IS NULL`,
      params: [],
    }),
  };
}

function publisherProvinceCheck(column: string): SetCheck {
  return {
    name: "publisher's province",
    sql: (batch) => ({
      // A provincial office publishes its own province's rows only, as it reads only those.
      text: `SELECT line, '${column}' AS column, 'province ' || ${column} || ' is outside your token''s province ' || $1::text AS reason
               FROM ingest_rows WHERE $1::text IS NOT NULL AND ${column} <> $1::text`,
      params: [batch.publisherProvince ?? null],
    }),
  };
}

/** Provinces of the batch's period: the former ones for a period ending before `mergedOn`, else those in force (a former code named with its successor). */
function provinceOfThePeriodCheck(column: string, mergedOn: string): SetCheck {
  const inForce = provinceInForceCheck(column);
  return {
    name: "provinces of the period",
    sql: (batch) => ({
      text: `SELECT * FROM (${inForce.sql(batch).text}) in_force WHERE NOT (hub.period_end($1::text) < $2::date)
             UNION ALL
             SELECT s.line, '${column}' AS column,
                    'no province had the code ' || s.${column} || ' before ' || $2::text || ': figures for ' || $1::text || ' are reported under the 63 provinces of the time (e.g. 06 Bắc Kạn, 19 Thái Nguyên)' AS reason
               FROM ingest_rows s
              WHERE hub.period_end($1::text) < $2::date AND NOT EXISTS (SELECT 1 FROM hub.former_province f WHERE f.code = s.${column})`,
      params: [batch.period, mergedOn],
    }),
  };
}

/** A provincial publisher's rows: its province, or before `mergedOn` the former provinces merged into it. */
function publisherProvinceOfThePeriodCheck(column: string, mergedOn: string): SetCheck {
  return {
    name: "publisher's province",
    sql: (batch) => ({
      text: `SELECT s.line, '${column}' AS column,
                    CASE WHEN hub.period_end($2::text) < $3::date
                      THEN 'former province ' || s.${column} || ' did not merge into your token''s province ' || $1::text
                      ELSE 'province ' || s.${column} || ' is outside your token''s province ' || $1::text
                    END AS reason
               FROM ingest_rows s
              WHERE $1::text IS NOT NULL
                AND CASE WHEN hub.period_end($2::text) < $3::date
                      THEN NOT EXISTS (SELECT 1 FROM hub.former_province f WHERE f.code = s.${column} AND f.successor_code = $1::text)
                      ELSE s.${column} <> $1::text
                    END`,
      params: [batch.publisherProvince ?? null, batch.period, mergedOn],
    }),
  };
}
