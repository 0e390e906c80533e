import { completeTaxCode } from "../../src/identifiers";
import type { IngestHub } from "./ingest";
import { ENTERPRISE_COLUMNS } from "../../resolvers/registry/enterprise-columns";

/** The registry's CSV columns, in the order the README and the example file give them. */
export const REGISTRY_COLUMNS = ENTERPRISE_COLUMNS;

export type RegistryRow = Record<(typeof REGISTRY_COLUMNS)[number], string>;

/** A registry CSV: the header and one line per row, fields quoted where they hold a comma. */
export function registryCsv(rows: readonly RegistryRow[]): string {
  const field = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return [REGISTRY_COLUMNS.join(","), ...rows.map((row) => REGISTRY_COLUMNS.map((column) => field(row[column])).join(","))].join("\n") + "\n";
}

/** Demo enterprises (parents, in tax-code order) as registry rows, exactly as the register holds them. */
export async function registeredRows(ingest: IngestHub, count: number): Promise<RegistryRow[]> {
  return ingest.sql<RegistryRow>(
    `SELECT tax_code, coalesce(parent_tax_code, '') AS parent_tax_code, name, legal_form, status, to_char(registered_on, 'YYYY-MM-DD') AS registered_on,
            province_code, coalesce(commune_code, '') AS commune_code, coalesce(sector_code, '') AS sector_code,
            coalesce(industrial_zone_code, '') AS industrial_zone_code, coalesce(address, '') AS address,
            coalesce(legal_rep_name, '') AS legal_rep_name, coalesce(legal_rep_id_number, '') AS legal_rep_id_number
       FROM registry.enterprise WHERE parent_tax_code IS NULL ORDER BY tax_code LIMIT $1`,
    [count],
  );
}

/** A valid tax code the register does not hold, from `start` (nine digits) upwards. */
export async function unregisteredTaxCode(ingest: IngestHub, start = 100_000_000): Promise<string> {
  for (let n = start; ; n++) {
    const code = completeTaxCode(`0${n}`.slice(-9));
    if (code && (await ingest.sql(`SELECT 1 FROM registry.enterprise WHERE tax_code = $1`, [code])).length === 0) return code;
  }
}
