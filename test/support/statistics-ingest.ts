import type { IngestHub } from "./ingest";
import type { TestClaims } from "./tokens";

/** The statistics office's national publisher, as the statistics ingest tests publish. */
export const STATISTICS_PUBLISHER: TestClaims = { agency: "statistics", roles: ["publisher"], purposes: ["statistics"], sub: "statistics-publisher-test" };

/** The labour-force CSV header, in the README's order. */
export const LABOUR_FORCE_HEADER =
  "province_code,period,population,working_age_population,labour_force,working_age_labour_force,employed,unemployed,away_from_home";

/** A labour-force CSV: the header and one line per row (fields as given, joined by commas). */
export function labourForceCsv(rows: (string | number)[][], header = LABOUR_FORCE_HEADER): string {
  return [header, ...rows.map((row) => row.join(","))].join("\n") + "\n";
}

/**
 * A consistent row for `province` and `period`, in the header's order: employed + unemployed is
 * the labour force, the working-age labour force within it and within the working-age population.
 */
export function labourForceRow(province: string, period: string, labourForce = 100_000, unemployed = 2_500): (string | number)[] {
  const population = Math.round(labourForce / 0.52);
  return [
    province,
    period,
    population,
    Math.round(population * 0.64),
    labourForce,
    Math.round(labourForce * 0.88),
    labourForce - unemployed,
    unemployed,
    Math.round(labourForce * 0.05),
  ];
}

/** Everything a statistics batch could change, as one comparable value: the figures, their history and the applied batches. */
export async function statisticsState(ingest: IngestHub): Promise<unknown> {
  const [row] = await ingest.sql(
    `SELECT (SELECT md5(string_agg(l::text, '|' ORDER BY province_code, period)) FROM statistics.labour_force l) AS figures,
            (SELECT md5(coalesce(string_agg(h::text, '|' ORDER BY province_code, period, valid_from), '')) FROM statistics.labour_force_history h) AS history,
            (SELECT count(*) FROM hub.batch WHERE status = 'APPLIED') AS applied`,
  );
  return row;
}
