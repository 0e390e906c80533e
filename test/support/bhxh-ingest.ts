import { completeTaxCode } from "../../src/identifiers";
import type { IngestHub } from "./ingest";
import type { TestClaims } from "./tokens";

/** Vietnam Social Security's national publisher, as the BHXH ingest tests publish. */
export const BHXH_PUBLISHER: TestClaims = { agency: "bhxh", roles: ["publisher"], purposes: ["enrolment"], sub: "bhxh-publisher-test" };

export const BHXH_HEADER =
  "unit_code,tax_code,unit_name,province_code,registered_on,period,compulsory_insured,unemployment_insured,contribution_due_vnd,contribution_paid_vnd,arrears_vnd,arrears_months";

/** The columns of BHXH_HEADER by name, so that a test changes a field by what it is. */
export const COLUMN = Object.fromEntries(BHXH_HEADER.split(",").map((name, i) => [name, i])) as Record<string, number>;

/** A BHXH enrolment CSV: the header and one line per row (fields as given, joined by commas). */
export function bhxhCsv(rows: (string | number)[][], header = BHXH_HEADER): string {
  return [header, ...rows.map((row) => row.join(","))].join("\n") + "\n";
}

/** A unit's month as read back from the database (its unit, figures and the optional columns as text, '' for none). */
export interface EnrolmentReadBack {
  code: string;
  tax_code: string;
  name: string;
  province_code: string;
  registered_on: string;
  compulsory_insured: number;
  unemployment_insured: number;
  due: string;
  paid: string;
  arrears: string;
  arrears_months: number;
  oldest: string;
  reminder: string;
  lowest: string;
}

/** BHXH's batch for `period` publishing each of `rows` again with one more compulsorily insured worker. */
export function oneMoreInsuredCsv(rows: readonly EnrolmentReadBack[], period: string): string {
  return bhxhCsv(
    rows.map((r) => [
      r.code,
      r.tax_code,
      `"${r.name.replace(/"/g, '""')}"`,
      r.province_code,
      r.registered_on,
      period,
      r.compulsory_insured + 1,
      r.unemployment_insured,
      r.due,
      r.paid,
      r.arrears,
      r.arrears_months,
      r.oldest,
      r.reminder,
      r.lowest,
    ]),
    `${BHXH_HEADER},oldest_unpaid_period,reminder_sent_on,lowest_declared_wage_vnd`,
  );
}

/**
 * Demo units with their registration, as a row for `period` with plausible figures (no arrears):
 * `count` units in unit-code order, parents' units only.
 */
export async function demoUnitRows(ingest: IngestHub, period: string, count: number, where = "true"): Promise<(string | number)[][]> {
  const units = await ingest.sql(
    `SELECT code, tax_code, name, province_code, to_char(registered_on, 'YYYY-MM-DD') AS registered_on FROM bhxh.unit
      WHERE tax_code !~ '-' AND registered_on < '2026-01-01' AND ${where} ORDER BY code LIMIT $1`,
    [count],
  );
  return units.map((u, i) => [u.code, u.tax_code, u.name, u.province_code, u.registered_on, period, 10 + i, 9 + i, 32_000_000 + i, 32_000_000 + i, 0, 0]);
}

/** Everything a BHXH batch could change, as one comparable value: units, enrolment, their histories and applied batches. */
export async function bhxhState(ingest: IngestHub): Promise<unknown> {
  const [row] = await ingest.sql(
    `SELECT (SELECT md5(string_agg(u::text, '|' ORDER BY code)) FROM bhxh.unit u) AS units,
            (SELECT md5(string_agg(e::text, '|' ORDER BY unit_code, period)) FROM bhxh.enrolment e) AS enrolment,
            (SELECT count(*) FROM bhxh.unit_history) AS unit_history,
            (SELECT count(*) FROM bhxh.enrolment_history) AS enrolment_history,
            (SELECT count(*) FROM hub.batch WHERE status = 'APPLIED') AS applied`,
  );
  return row;
}

/** A well-formed tax code (check digit right) that the business registry does not know. */
export async function unknownTaxCode(ingest: IngestHub): Promise<string> {
  for (let n = 100_000_000; ; n++) {
    const code = completeTaxCode(`0${n}`.slice(0, 9));
    if (code && (await ingest.sql(`SELECT 1 FROM registry.enterprise WHERE tax_code = $1`, [code])).length === 0) return code;
  }
}
