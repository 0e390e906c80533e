import type { SetCheck } from "../../src/ingest/ingest-spec";

/**
 * The registry's answer to another domain's batch: which staged rows name an enterprise it does
 * not know. The shared Enterprise is the registry's; this is the one place another domain's data
 * in asks about it, as one anti-join over the whole batch.
 */
export function unknownEnterpriseCheck(column: string): SetCheck {
  return {
    name: "enterprises the registry knows",
    sql: () => ({
      text: `SELECT s.line, '${column}' AS column, 'the business registry knows no enterprise with tax code ' || s.${column} AS reason
               FROM ingest_rows s
              WHERE NOT EXISTS (SELECT 1 FROM registry.enterprise e WHERE e.tax_code = s.${column})`,
      params: [],
    }),
  };
}
