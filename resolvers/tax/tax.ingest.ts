import { TaxOperatingStatus } from "../../entities";
import { taxCodeProblem } from "../../src/identifiers";
import { periodValueProblem } from "../../src/ingest/batch-period";
import type { FieldProblem, IngestSpec } from "../../src/ingest/ingest-spec";
import { MAX_TAX_CODES_IN_EVENT } from "../../src/live/batch-events";
import { unknownEnterpriseCheck } from "../registry/enterprise-known.check";

/** The CSV columns of a tax headcount batch, in the order the README and the example file give them. */
export const TAX_HEADCOUNT_COLUMNS = ["tax_code", "period", "operating_status", "employees", "total_wages_vnd", "province_code"] as const;

const STATUSES = Object.values(TaxOperatingStatus) as string[];
/** More employees than any enterprise has: a typo, not a workforce. */
const MAX_EMPLOYEES = 2_000_000;
const MAX_WAGES = 9_000_000_000_000_000n; // below bigint's limit

/**
 * Tax headcounts in: one row per enterprise for the batch's quarter, from PIT withholding
 * declarations. A later batch for the same quarter supersedes an enterprise's row; the former one
 * moves to tax.headcount_history. Enterprises the batch does not name keep their rows.
 */
export const taxIngest: IngestSpec = {
  title: "tax headcounts",
  periodKind: "quarter",
  columns: TAX_HEADCOUNT_COLUMNS,
  key: ["tax_code"],
  staged: [
    { name: "tax_code", type: "text" },
    { name: "period", type: "text" },
    { name: "operating_status", type: "text" },
    { name: "employees", type: "integer" },
    { name: "total_wages_vnd", type: "bigint" },
    { name: "province_code", type: "text" },
  ],
  provinceColumn: "province_code",
  validateRow(fields, batch) {
    const problems: FieldProblem[] = [];
    const taxCode = taxCodeProblem(fields.tax_code);
    if (taxCode) problems.push({ column: "tax_code", reason: taxCode });
    // The batch's own period was checked once on arrival; only a row that differs needs its own check.
    const period = fields.period === batch.period ? null : periodValueProblem(fields.period, "quarter", batch.now);
    if (period) problems.push({ column: "period", reason: period });
    else if (fields.period !== batch.period)
      problems.push({ column: "period", reason: `${fields.period} is not the batch's period ${batch.period}: a batch covers one quarter` });
    if (!STATUSES.includes(fields.operating_status))
      problems.push({ column: "operating_status", reason: `the operating status is one of ${STATUSES.join(", ")}` });
    const employees = count(fields.employees, "employees", MAX_EMPLOYEES, problems);
    const wages = wholeVnd(fields.total_wages_vnd, problems);
    if (employees !== undefined && wages !== undefined && (employees === 0) !== (wages === 0n)) {
      problems.push({
        column: "total_wages_vnd",
        reason: employees === 0 ? "wages are paid but no employee is declared" : "employees are declared but no wages paid",
      });
    }
    if (!/^\d{2}$/.test(fields.province_code))
      problems.push({ column: "province_code", reason: "a province code is two digits, e.g. 01 (Hà Nội) or 79 (Thành phố Hồ Chí Minh)" });
    if (problems.length > 0) return { problems };
    return { cells: [fields.tax_code, fields.period, fields.operating_status, employees!, wages!.toString(), fields.province_code] };
  },
  checks: [unknownEnterpriseCheck("tax_code")],
  async merge(query, batch) {
    // The versions about to be superseded are copied to history first; then they are updated in
    // place (their keys and index entries untouched, only the changed batch_id's foreign key
    // checked), and the rest inserted. Two plain statements, not an upsert: an upsert pays a
    // speculative insertion per row even where every row is new or every row exists.
    await query(
      `INSERT INTO tax.headcount_history (tax_code, period, operating_status, employees, total_wages_vnd, province_code, batch_id, valid_from, valid_to)
       SELECT h.tax_code, h.period, h.operating_status, h.employees, h.total_wages_vnd, h.province_code, h.batch_id, h.valid_from, $1
         FROM tax.headcount h JOIN ingest_rows s ON s.tax_code = h.tax_code AND s.period = h.period`,
      [batch.appliedAt],
    );
    await query(
      `UPDATE tax.headcount h SET operating_status = s.operating_status, employees = s.employees, total_wages_vnd = s.total_wages_vnd,
              province_code = s.province_code, batch_id = $1, valid_from = $2
         FROM ingest_rows s WHERE h.tax_code = s.tax_code AND h.period = s.period`,
      [batch.id, batch.appliedAt],
    );
    await query(
      `INSERT INTO tax.headcount (tax_code, period, operating_status, employees, total_wages_vnd, province_code, batch_id, valid_from)
       SELECT tax_code, period, operating_status, employees, total_wages_vnd, province_code, $1, $2 FROM ingest_rows s
        WHERE NOT EXISTS (SELECT 1 FROM tax.headcount h WHERE h.tax_code = s.tax_code AND h.period = s.period)`,
      [batch.id, batch.appliedAt],
    );
    const provinces = await query<{ code: string }>(`SELECT DISTINCT province_code AS code FROM ingest_rows ORDER BY 1`);
    const taxCodes = await query<{ tax_code: string }>(`SELECT tax_code FROM ingest_rows ORDER BY line LIMIT ${MAX_TAX_CODES_IN_EVENT + 1}`);
    return {
      provinceCodes: provinces.map((row) => row.code),
      taxCodes: taxCodes.length > MAX_TAX_CODES_IN_EVENT ? null : taxCodes.map((row) => row.tax_code),
    };
  },
};

/** A whole number of people from 0 to `max`, or undefined with the problem recorded. */
function count(text: string, column: string, max: number, problems: FieldProblem[]): number | undefined {
  if (/^-\d+$/.test(text)) problems.push({ column, reason: "a count cannot be negative" });
  else if (!/^\d{1,9}$/.test(text)) problems.push({ column, reason: "a count is a whole number written with digits only, e.g. 42" });
  else if (Number(text) > max) problems.push({ column, reason: `${text} is more than any enterprise employs (at most ${max.toLocaleString("en-US")})` });
  else return Number(text);
  return undefined;
}

/** Whole VND, not negative, or undefined with the problem recorded. */
function wholeVnd(text: string, problems: FieldProblem[]): bigint | undefined {
  const column = "total_wages_vnd";
  if (/^-\d+$/.test(text)) problems.push({ column, reason: "wages cannot be negative" });
  else if (!/^\d{1,19}$/.test(text)) problems.push({ column, reason: "wages are whole VND written with digits only, no separators, e.g. 1500000000" });
  else if (BigInt(text) > MAX_WAGES) problems.push({ column, reason: "the amount is larger than the hub stores" });
  else return BigInt(text);
  return undefined;
}
