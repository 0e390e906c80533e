import type { PeriodKind } from "../../src/identifiers";
import { periodValueProblem } from "../../src/ingest/batch-period";
import type { FieldProblem, IngestSpec } from "../../src/ingest/ingest-spec";
import { PROVINCE_MERGER_EFFECTIVE_DATE } from "../../src/reference-data/provinces";

/** The CSV columns of a labour-force batch, in the order the README and the example file give them. */
export const LABOUR_FORCE_COLUMNS = [
  "province_code",
  "period",
  "population",
  "working_age_population",
  "labour_force",
  "working_age_labour_force",
  "employed",
  "unemployed",
  "away_from_home",
] as const;

/** The figures of a row: whole numbers of people, in the staged table's order after province and period. */
const FIGURES = LABOUR_FORCE_COLUMNS.slice(2);
type Figure = (typeof FIGURES)[number];

/** The statistics office publishes per quarter and per year; a batch covers one period of either. */
const PERIOD_KINDS: readonly PeriodKind[] = ["quarter", "year"];

/** More people than any province has (Hà Nội and Hồ Chí Minh City hold about 14 million): a typo, not a population. */
const MAX_PEOPLE = 100_000_000;

/**
 * Labour-force figures in: one row per province for the batch's period, a quarter (YYYY-Qn) or a
 * year (YYYY), from the labour-force survey. A period ending before 1 July 2025 is reported under
 * the 63 provinces of the time (a former province's code), as the statistics office published it. A later batch for the same period supersedes a
 * province's row; the former one moves to statistics.labour_force_history. Provinces the batch does
 * not name keep their rows. The figures are already aggregates: they name no enterprise.
 */
export const statisticsIngest: IngestSpec = {
  title: "labour-force figures",
  periodKind: "quarter",
  periodKinds: PERIOD_KINDS,
  columns: LABOUR_FORCE_COLUMNS,
  // The period is the batch's in every row, so this is one row per province; both are named so the message reads as the table's key.
  key: ["province_code", "period"],
  staged: [{ name: "province_code", type: "text" }, { name: "period", type: "text" }, ...FIGURES.map((name) => ({ name, type: "integer" }))],
  // Provinces of the period (in force, or before the merger the 63 of the time) and the publisher's own province come with it.
  provinceColumn: "province_code",
  formerProvincesBefore: PROVINCE_MERGER_EFFECTIVE_DATE,
  validateRow(fields, batch) {
    const problems: FieldProblem[] = [];
    if (!/^\d{2}$/.test(fields.province_code))
      problems.push({ column: "province_code", reason: "a province code is two digits, e.g. 01 (Hà Nội) or 79 (Thành phố Hồ Chí Minh)" });
    // The batch's own period was checked once on arrival; only a row that differs needs its own check.
    const period = fields.period === batch.period ? null : periodValueProblem(fields.period, PERIOD_KINDS, batch.now);
    if (period) problems.push({ column: "period", reason: period });
    else if (fields.period !== batch.period)
      problems.push({ column: "period", reason: `${fields.period} is not the batch's period ${batch.period}: a batch covers one quarter or one year` });
    const figures = {} as Record<Figure, number | undefined>;
    for (const column of FIGURES) figures[column] = people(fields[column], column, problems);
    problems.push(...inconsistencies(figures));
    if (problems.length > 0) return { problems };
    return { cells: [fields.province_code, fields.period, ...FIGURES.map((column) => figures[column]!)] };
  },
  checks: [],
  async merge(query, batch) {
    // As for tax headcounts: the versions about to be superseded are copied to history, updated in
    // place, and the rest inserted; two plain statements rather than an upsert's speculative insertion per row.
    const figures = FIGURES.join(", ");
    await query(
      `INSERT INTO statistics.labour_force_history (province_code, period, ${figures}, batch_id, valid_from, valid_to)
       SELECT l.province_code, l.period, ${FIGURES.map((f) => `l.${f}`).join(", ")}, l.batch_id, l.valid_from, $1
         FROM statistics.labour_force l JOIN ingest_rows s ON s.province_code = l.province_code AND s.period = l.period`,
      [batch.appliedAt],
    );
    await query(
      `UPDATE statistics.labour_force l SET ${FIGURES.map((f) => `${f} = s.${f}`).join(", ")}, batch_id = $1, valid_from = $2
         FROM ingest_rows s WHERE l.province_code = s.province_code AND l.period = s.period`,
      [batch.id, batch.appliedAt],
    );
    await query(
      `INSERT INTO statistics.labour_force (province_code, period, ${figures}, batch_id, valid_from)
       SELECT province_code, period, ${figures}, $1, $2 FROM ingest_rows s
        WHERE NOT EXISTS (SELECT 1 FROM statistics.labour_force l WHERE l.province_code = s.province_code AND l.period = s.period)`,
      [batch.id, batch.appliedAt],
    );
    const provinces = await query<{ code: string }>(`SELECT DISTINCT province_code AS code FROM ingest_rows ORDER BY 1`);
    // Aggregates per province: no enterprise changed, so subscriptions by tax code hear nothing.
    return { provinceCodes: provinces.map((row) => row.code), taxCodes: null };
  },
};

/** A whole number of people from 0 to MAX_PEOPLE, or undefined with the problem recorded. */
function people(text: string, column: string, problems: FieldProblem[]): number | undefined {
  if (/^-\d+$/.test(text)) problems.push({ column, reason: "a figure cannot be negative" });
  else if (!/^\d{1,9}$/.test(text)) problems.push({ column, reason: "a figure is a whole number of people written with digits only, e.g. 1250000" });
  else if (Number(text) > MAX_PEOPLE)
    problems.push({ column, reason: `${text} is more people than any province has (at most ${MAX_PEOPLE.toLocaleString("en-US")})` });
  else return Number(text);
  return undefined;
}

/**
 * Where the figures contradict each other, each reported on the column that breaks the rule with
 * the numbers involved; a rule whose figures are not all readable is left to their own problems.
 */
function inconsistencies(f: Record<Figure, number | undefined>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const known = (...values: (number | undefined)[]) => values.every((value) => value !== undefined);
  if (known(f.employed, f.unemployed, f.labour_force) && f.employed! + f.unemployed! !== f.labour_force) {
    problems.push({
      column: "labour_force",
      reason: `employed ${f.employed} + unemployed ${f.unemployed} = ${f.employed! + f.unemployed!}, not the labour force ${f.labour_force}: the labour force is the employed and the unemployed`,
    });
  }
  const atMost = (part: Figure, whole: Figure, why: string) => {
    if (known(f[part], f[whole]) && f[part]! > f[whole]!)
      problems.push({ column: part, reason: `${part} ${f[part]} is more than ${whole} ${f[whole]}: ${why}` });
  };
  atMost("working_age_labour_force", "labour_force", "the working-age labour force is part of the labour force");
  atMost("working_age_labour_force", "working_age_population", "the working-age labour force is part of the working-age population");
  atMost("working_age_population", "population", "the working-age population is part of the population");
  atMost("labour_force", "population", "the labour force is part of the population");
  return problems;
}
