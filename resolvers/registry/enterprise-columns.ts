/**
 * The register's own columns, in the order of registry.enterprise and its history: the CSV columns
 * of an enterprise batch (README "Data in"), what the merge copies and what the demo loads.
 */
export const ENTERPRISE_COLUMNS = [
  "tax_code",
  "parent_tax_code",
  "name",
  "legal_form",
  "status",
  "registered_on",
  "province_code",
  "commune_code",
  "sector_code",
  "industrial_zone_code",
  "address",
  "legal_rep_name",
  "legal_rep_id_number",
] as const;
