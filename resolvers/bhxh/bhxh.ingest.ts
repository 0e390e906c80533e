import { taxCodeProblem } from "../../src/identifiers";
import { periodValueProblem } from "../../src/ingest/batch-period";
import type { FieldProblem, IngestSpec } from "../../src/ingest/ingest-spec";
import { MAX_TAX_CODES_IN_EVENT } from "../../src/live/batch-events";
import { unknownEnterpriseCheck } from "../registry/enterprise-known.check";
import { otherEnterpriseForTaxCodeCheck, otherTaxCodeForUnitCheck, taxCodeTwiceCheck, unitOutsidePublisherProvinceCheck } from "./bhxh-unit.checks";

/** A unit's month as bhxh.enrolment holds it (after its unit_code), and as a batch's CSV carries it. */
export const BHXH_MONTH_COLUMNS = [
  "period",
  "compulsory_insured",
  "unemployment_insured",
  "contribution_due_vnd",
  "contribution_paid_vnd",
  "arrears_vnd",
  "arrears_months",
] as const;

/** The CSV columns of a BHXH enrolment batch, in the order the README and the example file give them: the unit, then its month. */
export const BHXH_ENROLMENT_COLUMNS = ["unit_code", "tax_code", "unit_name", "province_code", "registered_on", ...BHXH_MONTH_COLUMNS] as const;

/**
 * Optional columns: the facts Law 41/2024 needs that only BHXH holds (domain.md, "Late payment and
 * evasion"). oldest_unpaid_period is required once arrears are owed: days overdue count from that
 * month's payment deadline (the last day of the following month, Điều 34 khoản 4).
 */
export const BHXH_COMPLIANCE_COLUMNS = ["oldest_unpaid_period", "reminder_sent_on", "lowest_declared_wage_vnd"] as const;

/** The shape bhxh.unit's own CHECK holds unit codes to (two capital letters, five digits, a letter). */
const UNIT_CODE = /^[A-Z]{2}\d{5}[A-Z]$/;
/** More insured workers than any employer has: a typo, not a workforce. */
const MAX_INSURED = 2_000_000;
/** bhxh.enrolment's own bound on months overdue: fifty years. */
const MAX_ARREARS_MONTHS = 600;
const MAX_VND = 9_000_000_000_000_000n; // below bigint's limit
/** As long as a registered name may be (registry.enterprise holds names to the same bound). */
const MAX_NAME_LENGTH = 500;
/** Hà Nội is UTC+7 all year: "today" for a registration date is the date there. */
const HANOI_OFFSET_MS = 7 * 3600 * 1000;

/**
 * BHXH units and their monthly enrolment in: one row per unit for the batch's month, carrying the
 * unit's registration and that month's figures. A unit's registration is upserted (a changed one
 * moves its former version to bhxh.unit_history); the month's enrolment row supersedes the unit's
 * earlier one for that month (to bhxh.enrolment_history). Units the batch does not name keep theirs.
 */
export const bhxhIngest: IngestSpec = {
  title: "BHXH units and monthly enrolment",
  periodKind: "month",
  columns: BHXH_ENROLMENT_COLUMNS,
  optionalColumns: BHXH_COMPLIANCE_COLUMNS,
  key: ["unit_code"],
  staged: [
    { name: "unit_code", type: "text" },
    { name: "tax_code", type: "text" },
    { name: "unit_name", type: "text" },
    { name: "province_code", type: "text" },
    { name: "registered_on", type: "date" },
    { name: "period", type: "text" },
    { name: "compulsory_insured", type: "integer" },
    { name: "unemployment_insured", type: "integer" },
    { name: "contribution_due_vnd", type: "bigint" },
    { name: "contribution_paid_vnd", type: "bigint" },
    { name: "arrears_vnd", type: "bigint" },
    { name: "arrears_months", type: "integer" },
    { name: "oldest_unpaid_period", type: "text" },
    { name: "reminder_sent_on", type: "date" },
    { name: "lowest_declared_wage_vnd", type: "bigint" },
  ],
  provinceColumn: "province_code",
  validateRow(fields, batch) {
    const problems: FieldProblem[] = [];
    if (!UNIT_CODE.test(fields.unit_code))
      problems.push({ column: "unit_code", reason: "a BHXH unit code (mã đơn vị) is two capital letters, five digits and a letter, e.g. HJ00042A" });
    const taxCode = taxCodeProblem(fields.tax_code);
    if (taxCode) problems.push({ column: "tax_code", reason: taxCode });
    const name = fields.unit_name.trim();
    if (name === "") problems.push({ column: "unit_name", reason: "a unit has a name" });
    else if (name.length > MAX_NAME_LENGTH) problems.push({ column: "unit_name", reason: `a unit name is at most ${MAX_NAME_LENGTH} characters` });
    if (!/^\d{2}$/.test(fields.province_code))
      problems.push({ column: "province_code", reason: "a province code is two digits, e.g. 01 (Hà Nội) or 79 (Thành phố Hồ Chí Minh)" });
    // The batch's own period was checked once on arrival; only a row that differs needs its own check.
    const period = fields.period === batch.period ? null : periodValueProblem(fields.period, "month", batch.now);
    if (period) problems.push({ column: "period", reason: period });
    else if (fields.period !== batch.period)
      problems.push({ column: "period", reason: `${fields.period} is not the batch's period ${batch.period}: a batch covers one month` });
    const registered = registrationProblem(fields.registered_on, batch.period, batch.now);
    if (registered) problems.push({ column: "registered_on", reason: registered });

    const compulsory = count(fields.compulsory_insured, "compulsory_insured", problems);
    const unemployment = count(fields.unemployment_insured, "unemployment_insured", problems);
    if (compulsory !== undefined && unemployment !== undefined && unemployment > compulsory) {
      problems.push({
        column: "unemployment_insured",
        reason: `${unemployment} in unemployment insurance but ${compulsory} in compulsory social insurance: every worker in unemployment insurance (BHTN) is also in compulsory BHXH`,
      });
    }
    const due = wholeVnd(fields.contribution_due_vnd, "contribution_due_vnd", problems);
    const paid = wholeVnd(fields.contribution_paid_vnd, "contribution_paid_vnd", problems);
    const arrears = wholeVnd(fields.arrears_vnd, "arrears_vnd", problems);
    const arrearsMonths = count(fields.arrears_months, "arrears_months", problems, MAX_ARREARS_MONTHS, "months overdue");
    // Arrears are contributions unpaid after their deadline, and the months count from that
    // deadline (domain.md, "Late payment and evasion"): an amount owed is at least a month overdue,
    // and months overdue with nothing owed contradict each other.
    if (arrears !== undefined && arrearsMonths !== undefined && (arrears === 0n) !== (arrearsMonths === 0)) {
      problems.push({
        column: "arrears_months",
        reason:
          arrears === 0n
            ? "months overdue are given but no arrears are owed"
            : "arrears are owed but no month overdue is given: arrears are at least one month overdue",
      });
    }
    const facts = complianceFacts(fields, batch.period, batch.now, arrears, problems);
    if (problems.length > 0) return { problems };
    return {
      cells: [
        fields.unit_code,
        fields.tax_code,
        name,
        fields.province_code,
        fields.registered_on,
        fields.period,
        compulsory!,
        unemployment!,
        due!.toString(),
        paid!.toString(),
        arrears!.toString(),
        arrearsMonths!,
        facts.oldestUnpaidPeriod,
        facts.reminderSentOn,
        facts.lowestDeclaredWage,
      ],
    };
  },
  checks: [
    unknownEnterpriseCheck("tax_code"),
    taxCodeTwiceCheck(),
    otherTaxCodeForUnitCheck(),
    otherEnterpriseForTaxCodeCheck(),
    unitOutsidePublisherProvinceCheck(),
  ],
  async merge(query, batch) {
    // The provinces whose totals change: the rows' own, and the former province of a unit the batch moves.
    const provinces = await query<{ code: string }>(
      `SELECT province_code AS code FROM ingest_rows
        UNION SELECT u.province_code FROM bhxh.unit u JOIN ingest_rows s ON s.unit_code = u.code ORDER BY 1`,
    );
    // A unit that moves takes all its months to another province's totals; otherwise only this month's change.
    const [{ moved }] = await query<{ moved: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM bhxh.unit u JOIN ingest_rows s ON s.unit_code = u.code WHERE u.province_code <> s.province_code) AS moved`,
    );
    await mergeUnits(query, batch);
    await mergeEnrolment(query, batch);
    await query(`SELECT bhxh.refresh_province_month($1::text[], $2::text[])`, [provinces.map((row) => row.code), moved ? null : [batch.period]]);
    const taxCodes = await query<{ tax_code: string }>(`SELECT tax_code FROM ingest_rows ORDER BY line LIMIT ${MAX_TAX_CODES_IN_EVENT + 1}`);
    return {
      provinceCodes: provinces.map((row) => row.code),
      taxCodes: taxCodes.length > MAX_TAX_CODES_IN_EVENT ? null : taxCodes.map((row) => row.tax_code),
    };
  },
};

type Merge = Parameters<IngestSpec["merge"]>;

/**
 * Units: a registration the batch changes is copied to history, then updated in place; an
 * unchanged one is left alone, keeping the batch it came in as its source; new units are inserted.
 * The tax code never changes here: the checks refuse a unit code under another tax code.
 */
async function mergeUnits(query: Merge[0], batch: Merge[1]): Promise<void> {
  const changed = `(u.name, u.province_code, u.registered_on) IS DISTINCT FROM (s.unit_name, s.province_code::char(2), s.registered_on)`;
  await query(
    `INSERT INTO bhxh.unit_history (code, tax_code, name, province_code, registered_on, batch_id, valid_from, valid_to)
     SELECT u.code, u.tax_code, u.name, u.province_code, u.registered_on, u.batch_id, u.valid_from, $1
       FROM bhxh.unit u JOIN ingest_rows s ON s.unit_code = u.code WHERE ${changed}`,
    [batch.appliedAt],
  );
  await query(
    `UPDATE bhxh.unit u SET name = s.unit_name, province_code = s.province_code, registered_on = s.registered_on, batch_id = $1, valid_from = $2
       FROM ingest_rows s WHERE u.code = s.unit_code AND ${changed}`,
    [batch.id, batch.appliedAt],
  );
  await query(
    `INSERT INTO bhxh.unit (code, tax_code, name, province_code, registered_on, batch_id, valid_from)
     SELECT unit_code, tax_code, unit_name, province_code, registered_on, $1, $2 FROM ingest_rows s
      WHERE NOT EXISTS (SELECT 1 FROM bhxh.unit u WHERE u.code = s.unit_code)`,
    [batch.id, batch.appliedAt],
  );
}

/**
 * The month's enrolment: as tax's headcounts, history copy, update in place and insert of the
 * rest, not an upsert, which pays a speculative insertion per row.
 */
async function mergeEnrolment(query: Merge[0], batch: Merge[1]): Promise<void> {
  await query(
    `INSERT INTO bhxh.enrolment_history (unit_code, period, compulsory_insured, unemployment_insured, contribution_due_vnd,
            contribution_paid_vnd, arrears_vnd, arrears_months, oldest_unpaid_period, reminder_sent_on, lowest_declared_wage_vnd,
            batch_id, valid_from, valid_to)
     SELECT e.unit_code, e.period, e.compulsory_insured, e.unemployment_insured, e.contribution_due_vnd,
            e.contribution_paid_vnd, e.arrears_vnd, e.arrears_months, e.oldest_unpaid_period, e.reminder_sent_on, e.lowest_declared_wage_vnd,
            e.batch_id, e.valid_from, $1
       FROM bhxh.enrolment e JOIN ingest_rows s ON s.unit_code = e.unit_code AND s.period = e.period`,
    [batch.appliedAt],
  );
  await query(
    `UPDATE bhxh.enrolment e SET compulsory_insured = s.compulsory_insured, unemployment_insured = s.unemployment_insured,
            contribution_due_vnd = s.contribution_due_vnd, contribution_paid_vnd = s.contribution_paid_vnd,
            arrears_vnd = s.arrears_vnd, arrears_months = s.arrears_months, oldest_unpaid_period = s.oldest_unpaid_period,
            reminder_sent_on = s.reminder_sent_on, lowest_declared_wage_vnd = s.lowest_declared_wage_vnd, batch_id = $1, valid_from = $2
       FROM ingest_rows s WHERE e.unit_code = s.unit_code AND e.period = s.period`,
    [batch.id, batch.appliedAt],
  );
  await query(
    `INSERT INTO bhxh.enrolment (unit_code, period, compulsory_insured, unemployment_insured, contribution_due_vnd,
            contribution_paid_vnd, arrears_vnd, arrears_months, oldest_unpaid_period, reminder_sent_on, lowest_declared_wage_vnd, batch_id, valid_from)
     SELECT unit_code, period, compulsory_insured, unemployment_insured, contribution_due_vnd,
            contribution_paid_vnd, arrears_vnd, arrears_months, oldest_unpaid_period, reminder_sent_on, lowest_declared_wage_vnd, $1, $2 FROM ingest_rows s
      WHERE NOT EXISTS (SELECT 1 FROM bhxh.enrolment e WHERE e.unit_code = s.unit_code AND e.period = s.period)`,
    [batch.id, batch.appliedAt],
  );
}

/** The optional compliance columns of one row, checked against its arrears and month; problems recorded. */
function complianceFacts(
  fields: Readonly<Record<string, string>>,
  period: string,
  now: Date,
  arrears: bigint | undefined,
  problems: FieldProblem[],
): { oldestUnpaidPeriod: string | null; reminderSentOn: string | null; lowestDeclaredWage: string | null } {
  const oldest = fields.oldest_unpaid_period ?? "";
  const reminder = fields.reminder_sent_on ?? "";
  const wage = fields.lowest_declared_wage_vnd ?? "";
  const owing = arrears !== undefined && arrears > 0n;
  if (oldest === "") {
    if (owing)
      problems.push({
        column: "oldest_unpaid_period",
        reason: "arrears are owed: give the oldest month still unpaid (YYYY-MM), from whose payment deadline days overdue count",
      });
  } else if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(oldest)) {
    problems.push({ column: "oldest_unpaid_period", reason: "a month is written YYYY-MM, e.g. 2026-03" });
  } else if (oldest > period) {
    problems.push({ column: "oldest_unpaid_period", reason: `${oldest} is after the month ${period} the row reports` });
  } else if (arrears === 0n) {
    problems.push({ column: "oldest_unpaid_period", reason: "an oldest unpaid month is given but no arrears are owed" });
  }
  if (reminder !== "") {
    const problem = dateProblem(reminder, now);
    if (problem) problems.push({ column: "reminder_sent_on", reason: problem });
    else if (arrears === 0n) problems.push({ column: "reminder_sent_on", reason: "a written reminder is for arrears, and none are owed" });
    else if (/^\d{4}-\d{2}$/.test(oldest) && reminder <= paymentDeadline(oldest)) {
      problems.push({
        column: "reminder_sent_on",
        reason: `a reminder for arrears comes after the payment deadline of ${oldest}, ${paymentDeadline(oldest)} (Law 41/2024, Điều 34 khoản 4)`,
      });
    }
  }
  let lowestDeclaredWage: string | null = null;
  if (wage !== "") {
    const value = wholeVnd(wage, "lowest_declared_wage_vnd", problems);
    if (value === 0n) problems.push({ column: "lowest_declared_wage_vnd", reason: "a declared monthly salary is more than 0 VND" });
    else if (value !== undefined) lowestDeclaredWage = value.toString();
  }
  return { oldestUnpaidPeriod: oldest === "" ? null : oldest, reminderSentOn: reminder === "" ? null : reminder, lowestDeclaredWage };
}

/** The last day of the month after `month` (YYYY-MM): when that month's contributions are due (Điều 34 khoản 4). */
export function paymentDeadline(month: string): string {
  const [year, monthNumber] = month.split("-").map(Number);
  return new Date(Date.UTC(year, monthNumber + 1, 0)).toISOString().slice(0, 10);
}

/** Why `text` is not a calendar day that has come in Hà Nội, or null. */
function dateProblem(text: string, now: Date): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return "a date is written YYYY-MM-DD, e.g. 2026-04-05";
  const date = new Date(`${text}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) return `${text} is not a day of the calendar`;
  if (text > new Date(now.getTime() + HANOI_OFFSET_MS).toISOString().slice(0, 10)) return `${text} has not come yet`;
  return null;
}

/** Why `text` cannot be the registration date of a unit reporting `period` at `now`, or null. */
function registrationProblem(text: string, period: string, now: Date): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return "a date is written YYYY-MM-DD, e.g. 2019-04-01";
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (date.toISOString().slice(0, 10) !== text) return `${text} is not a day of the calendar`;
  if (text > new Date(now.getTime() + HANOI_OFFSET_MS).toISOString().slice(0, 10)) return `${text} has not come yet`;
  // A unit has no enrolment for a month that ended before it registered.
  if (text.slice(0, 7) > period) return `the unit registered on ${text}, after the month ${period} it reports`;
  return null;
}

/** A whole number from 0 to `max`, or undefined with the problem recorded. */
function count(text: string, column: string, problems: FieldProblem[], max = MAX_INSURED, what = "insured workers"): number | undefined {
  if (/^-\d+$/.test(text)) problems.push({ column, reason: "a count cannot be negative" });
  else if (!/^\d{1,9}$/.test(text)) problems.push({ column, reason: "a count is a whole number written with digits only, e.g. 42" });
  else if (Number(text) > max) problems.push({ column, reason: `${text} is more ${what} than the hub accepts (at most ${max.toLocaleString("en-US")})` });
  else return Number(text);
  return undefined;
}

/** Whole VND, not negative, or undefined with the problem recorded. */
function wholeVnd(text: string, column: string, problems: FieldProblem[]): bigint | undefined {
  if (/^-\d+$/.test(text)) problems.push({ column, reason: "an amount cannot be negative" });
  else if (!/^\d{1,19}$/.test(text)) problems.push({ column, reason: "an amount is whole VND written with digits only, no separators, e.g. 1500000000" });
  else if (BigInt(text) > MAX_VND) problems.push({ column, reason: "the amount is larger than the hub stores" });
  else return BigInt(text);
  return undefined;
}
