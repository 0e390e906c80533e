import { periodValueProblem } from "../../src/ingest/batch-period";
import type { FieldProblem, IngestSpec, SetCheck } from "../../src/ingest/ingest-spec";

/** The CSV columns of a voluntary-participants batch, in the order the README and the example file give them. */
export const BHXH_VOLUNTARY_COLUMNS = ["commune_code", "period", "voluntary_insured"] as const;

/** More voluntary participants than any commune's population: a typo, not a count. */
const MAX_VOLUNTARY = 1_000_000;

/** The commune is one the hub knows (the 3,321 in force since 1 July 2025) and lies in the publisher's province. */
const communeCheck: SetCheck = {
  name: "communes in force and in the publisher's province",
  sql: (batch) => ({
    text: `SELECT s.line, 'commune_code' AS column,
                  CASE WHEN c.code IS NULL THEN 'no commune in force has the code ' || s.commune_code || ' (codes in force since 2025-07-01, five digits)'
                    ELSE 'commune ' || s.commune_code || ' (' || c.name || ') lies in province ' || c.province_code || ', outside your token''s province ' || $1::text
                  END AS reason
             FROM ingest_rows s LEFT JOIN hub.commune c ON c.code = s.commune_code
            WHERE c.code IS NULL OR ($1::text IS NOT NULL AND c.province_code <> $1::text)`,
    params: [batch.publisherProvince ?? null],
  }),
};

/**
 * BHXH's voluntary participants (người tham gia BHXH tự nguyện) per commune and month: one row per
 * commune for the batch's month. A later batch for the same month supersedes a commune's row, which
 * moves to bhxh.voluntary_history; communes the batch does not name keep theirs. The hub reads them
 * only as province totals (bhxh.participation_by_province_month), the numerator's voluntary part.
 */
export const bhxhVoluntaryIngest: IngestSpec = {
  title: "voluntary participants per commune",
  periodKind: "month",
  columns: BHXH_VOLUNTARY_COLUMNS,
  key: ["commune_code"],
  staged: [
    { name: "commune_code", type: "text" },
    { name: "period", type: "text" },
    { name: "voluntary_insured", type: "integer" },
  ],
  validateRow(fields, batch) {
    const problems: FieldProblem[] = [];
    if (!/^\d{5}$/.test(fields.commune_code)) problems.push({ column: "commune_code", reason: "a commune code (mã xã) is five digits, e.g. 00004" });
    const period = fields.period === batch.period ? null : periodValueProblem(fields.period, "month", batch.now);
    if (period) problems.push({ column: "period", reason: period });
    else if (fields.period !== batch.period)
      problems.push({ column: "period", reason: `${fields.period} is not the batch's period ${batch.period}: a batch covers one month` });
    const text = fields.voluntary_insured;
    if (/^-\d+$/.test(text)) problems.push({ column: "voluntary_insured", reason: "a count cannot be negative" });
    else if (!/^\d{1,9}$/.test(text)) problems.push({ column: "voluntary_insured", reason: "a count is a whole number written with digits only, e.g. 42" });
    else if (Number(text) > MAX_VOLUNTARY)
      problems.push({
        column: "voluntary_insured",
        reason: `${text} is more voluntary participants than the hub accepts for a commune (at most ${MAX_VOLUNTARY.toLocaleString("en-US")})`,
      });
    if (problems.length > 0) return { problems };
    return { cells: [fields.commune_code, fields.period, Number(text)] };
  },
  checks: [communeCheck],
  async merge(query, batch) {
    await query(
      `INSERT INTO bhxh.voluntary_history (commune_code, period, voluntary_insured, batch_id, valid_from, valid_to)
       SELECT v.commune_code, v.period, v.voluntary_insured, v.batch_id, v.valid_from, $1
         FROM bhxh.voluntary v JOIN ingest_rows s ON s.commune_code = v.commune_code AND s.period = v.period`,
      [batch.appliedAt],
    );
    await query(
      `UPDATE bhxh.voluntary v SET voluntary_insured = s.voluntary_insured, batch_id = $1, valid_from = $2
         FROM ingest_rows s WHERE v.commune_code = s.commune_code AND v.period = s.period`,
      [batch.id, batch.appliedAt],
    );
    await query(
      `INSERT INTO bhxh.voluntary (commune_code, period, voluntary_insured, batch_id, valid_from)
       SELECT commune_code, period, voluntary_insured, $1, $2 FROM ingest_rows s
        WHERE NOT EXISTS (SELECT 1 FROM bhxh.voluntary v WHERE v.commune_code = s.commune_code AND v.period = s.period)`,
      [batch.id, batch.appliedAt],
    );
    const provinces = await query<{ code: string }>(
      `SELECT DISTINCT c.province_code AS code FROM ingest_rows s JOIN hub.commune c ON c.code = s.commune_code ORDER BY 1`,
    );
    // Totals per commune: no enterprise changed.
    return { provinceCodes: provinces.map((row) => row.code), taxCodes: null };
  },
};
