import type { FieldProblem, IngestSpec, SetCheck } from "../../src/ingest/ingest-spec";
import { PROVINCE_MERGER_EFFECTIVE_DATE } from "../../src/reference-data/provinces";

/** The CSV columns of a coverage-targets batch, in the order the README and the example file give them. */
export const COVERAGE_TARGET_COLUMNS = [
  "scope_kind",
  "scope_code",
  "year",
  "social_insurance_rate",
  "participants",
  "unemployment_insurance_rate",
  "voluntary_rate",
  "voluntary_participants",
  "legal_basis",
  "article",
  "note",
] as const;

const SCOPE_KINDS = ["national", "province", "former-province"] as const;
const TARGETS = ["social_insurance_rate", "participants", "unemployment_insurance_rate", "voluntary_rate", "voluntary_participants"] as const;
/** The last year a former province can have a target for: the merger took effect in 2025. */
const LAST_FORMER_YEAR = Number(PROVINCE_MERGER_EFFECTIVE_DATE.slice(0, 4));
/** More participants than the country's labour force: a typo, not a target. */
const MAX_PARTICIPANTS = 100_000_000;

/** The scope names a place that exists for it: a province in force, or a former province (hub.former_province). */
const scopeKnownCheck: SetCheck = {
  name: "scopes the hub knows",
  sql: () => ({
    text: `SELECT s.line, 'scope_code' AS column,
                  CASE WHEN s.scope_kind = 'province' AND f.code IS NOT NULL
                    THEN 'province ' || s.scope_code || ' (' || f.name || ') merged into ' || f.successor_code || ' on ' || to_char(f.merged_on, 'YYYY-MM-DD') || ': a target under it is scope_kind former-province (until ${LAST_FORMER_YEAR}), or under ' || f.successor_code
                    WHEN s.scope_kind = 'province' THEN 'no province in force has the code ' || s.scope_code
                    ELSE 'no former province had the code ' || s.scope_code
                  END AS reason
             FROM ingest_rows s
             LEFT JOIN hub.province p ON p.code = s.scope_code
             LEFT JOIN hub.former_province f ON f.code = s.scope_code
            WHERE (s.scope_kind = 'province' AND p.code IS NULL) OR (s.scope_kind = 'former-province' AND f.code IS NULL)`,
    params: [],
  }),
};

/** A provincial publisher (a People's Committee, a provincial labour department) sets its own province's targets only. */
const publisherProvinceCheck: SetCheck = {
  name: "publisher's province",
  sql: (batch) => ({
    text: `SELECT s.line, 'scope_code' AS column,
                  CASE WHEN s.scope_kind = 'national' THEN 'national targets are set nationally; your token is for province ' || $1::text
                    WHEN s.scope_kind = 'province' THEN 'province ' || s.scope_code || ' is outside your token''s province ' || $1::text
                    ELSE 'former province ' || s.scope_code || ' did not merge into your token''s province ' || $1::text
                  END AS reason
             FROM ingest_rows s LEFT JOIN hub.former_province f ON f.code = s.scope_code
            WHERE $1::text IS NOT NULL
              AND (s.scope_kind = 'national'
                   OR (s.scope_kind = 'province' AND s.scope_code <> $1::text)
                   OR (s.scope_kind = 'former-province' AND f.successor_code IS DISTINCT FROM $1::text))`,
    params: [batch.publisherProvince ?? null],
  }),
};

/**
 * Coverage targets in (issue 10): the hub's dataset `targets`, published by the labour
 * administration (`labour`) or a People's Committee (`ppc`, its own province only), dated by the
 * day of the batch's period. One row per scope, year and legal basis: the nation (`VN`), a province
 * in force, or a former province for Resolution 69/NQ-CP's 2022–2025 targets. Rates are percent of
 * the working-age labour force. A later batch for the same key supersedes a row (to history).
 */
export const coverageTargetsIngest: IngestSpec = {
  title: "coverage targets",
  publishers: ["labour", "ppc"],
  periodKind: "day",
  columns: COVERAGE_TARGET_COLUMNS,
  key: ["scope_kind", "scope_code", "year", "legal_basis"],
  staged: [
    { name: "scope_kind", type: "text" },
    { name: "scope_code", type: "text" },
    { name: "year", type: "integer" },
    { name: "social_insurance_rate", type: "numeric(5,2)" },
    { name: "participants", type: "integer" },
    { name: "unemployment_insurance_rate", type: "numeric(5,2)" },
    { name: "voluntary_rate", type: "numeric(5,2)" },
    { name: "voluntary_participants", type: "integer" },
    { name: "legal_basis", type: "text" },
    { name: "article", type: "text" },
    { name: "note", type: "text" },
  ],
  validateRow(fields) {
    const problems: FieldProblem[] = [];
    const kind = fields.scope_kind as (typeof SCOPE_KINDS)[number];
    if (!SCOPE_KINDS.includes(kind)) problems.push({ column: "scope_kind", reason: `a scope is ${SCOPE_KINDS.join(", ")}` });
    else if (kind === "national" && fields.scope_code !== "VN") problems.push({ column: "scope_code", reason: "a national target's scope_code is VN" });
    else if (kind !== "national" && !/^\d{2}$/.test(fields.scope_code))
      problems.push({ column: "scope_code", reason: "a province code is two digits, e.g. 40 (Nghệ An)" });
    const year = /^\d{4}$/.test(fields.year) ? Number(fields.year) : undefined;
    if (year === undefined || year < 2000 || year > 2100) problems.push({ column: "year", reason: "a target's year is written YYYY, from 2000 to 2100" });
    else if (kind === "former-province" && year > LAST_FORMER_YEAR)
      problems.push({
        column: "year",
        reason: `former provinces merged on ${PROVINCE_MERGER_EFFECTIVE_DATE}: a target for ${year} is set for a province in force`,
      });
    const cells: Record<string, string | number | null> = {};
    for (const column of TARGETS) {
      const text = fields[column];
      if (text === "") cells[column] = null;
      else if (column.endsWith("_rate")) {
        if (!/^\d{1,3}(\.\d{1,2})?$/.test(text) || Number(text) > 100)
          problems.push({ column, reason: "a rate is a percentage of the working-age labour force from 0 to 100, at most two decimals, e.g. 45 or 2.5" });
        else cells[column] = text;
      } else if (/^-\d+$/.test(text)) problems.push({ column, reason: "a count cannot be negative" });
      else if (!/^\d{1,9}$/.test(text) || Number(text) > MAX_PARTICIPANTS)
        problems.push({ column, reason: "a count is a whole number of participants written with digits only, e.g. 29334000" });
      else cells[column] = Number(text);
    }
    if (TARGETS.every((column) => fields[column] === ""))
      problems.push({ column: "social_insurance_rate", reason: `a row sets at least one target: ${TARGETS.join(", ")}` });
    if (typeof cells.voluntary_participants === "number" && typeof cells.participants === "number" && cells.voluntary_participants > cells.participants) {
      problems.push({
        column: "voluntary_participants",
        reason: `${cells.voluntary_participants} voluntary participants are more than the ${cells.participants} participants they are part of`,
      });
    }
    const legalBasis = fields.legal_basis.trim();
    if (legalBasis === "") problems.push({ column: "legal_basis", reason: "a target has the document that sets it, e.g. 28-NQ/TW, 69/NQ-CP, 403/NQ-CP" });
    else if (legalBasis.length > 100) problems.push({ column: "legal_basis", reason: "a document number is at most 100 characters" });
    if (fields.article.length > 200) problems.push({ column: "article", reason: "an article reference is at most 200 characters" });
    if (fields.note.length > 500) problems.push({ column: "note", reason: "a note is at most 500 characters" });
    if (problems.length > 0) return { problems };
    return {
      cells: [
        kind,
        fields.scope_code,
        year!,
        cells.social_insurance_rate,
        cells.participants,
        cells.unemployment_insurance_rate,
        cells.voluntary_rate,
        cells.voluntary_participants,
        legalBasis,
        fields.article || null,
        fields.note || null,
      ],
    };
  },
  checks: [scopeKnownCheck, publisherProvinceCheck],
  async merge(query, batch) {
    const columns = COVERAGE_TARGET_COLUMNS.join(", ");
    const key = "t.scope_kind = s.scope_kind AND t.scope_code = s.scope_code AND t.year = s.year AND t.legal_basis = s.legal_basis";
    await query(
      `INSERT INTO hub.coverage_target_history (${columns}, batch_id, valid_from, valid_to)
       SELECT ${COVERAGE_TARGET_COLUMNS.map((c) => `t.${c}`).join(", ")}, t.batch_id, t.valid_from, $1
         FROM hub.coverage_target t JOIN ingest_rows s ON ${key}`,
      [batch.appliedAt],
    );
    await query(`DELETE FROM hub.coverage_target t USING ingest_rows s WHERE ${key}`);
    await query(`INSERT INTO hub.coverage_target (${columns}, batch_id, valid_from) SELECT ${columns}, $1, $2 FROM ingest_rows`, [batch.id, batch.appliedAt]);
    const provinces = await query<{ code: string }>(
      `SELECT DISTINCT coalesce(f.successor_code, s.scope_code) AS code FROM ingest_rows s
         LEFT JOIN hub.former_province f ON s.scope_kind = 'former-province' AND f.code = s.scope_code
        WHERE s.scope_kind <> 'national' ORDER BY 1`,
    );
    return { provinceCodes: provinces.map((row) => row.code), taxCodes: null };
  },
};
