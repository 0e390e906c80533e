import { EnterpriseStatus, LegalForm } from "../../entities";
import { communeCodeProblem, industrialZoneCodeProblem, isCalendarDate, provinceCodeProblem, taxCodeProblem } from "../../src/identifiers";
import type { FieldProblem, IngestSpec, StagedCell } from "../../src/ingest/ingest-spec";
import {
  communeInProvinceCheck,
  dissolutionForwardCheck,
  dissolvedInPublisherProvinceCheck,
  industrialZoneInProvinceCheck,
  notYetRegisteredCheck,
  parentKnownCheck,
  sectorKnownCheck,
} from "./enterprise-rows.checks";
import { unknownEnterpriseCheck } from "./enterprise-known.check";
import { mergeDissolutions, mergeEnterpriseRows } from "./enterprise.merge";
import { ENTERPRISE_COLUMNS } from "./enterprise-columns";

/** The CSV columns of an enterprise batch: registry.enterprise's own columns, in its order. */
export const ENTERPRISE_CSV_COLUMNS = ENTERPRISE_COLUMNS;

/** The CSV columns of a dissolution batch (dissolveEnterprises). */
export const DISSOLUTION_CSV_COLUMNS = ["tax_code", "status"] as const;

const STATUSES = Object.values(EnterpriseStatus) as string[];
const LEGAL_FORMS = Object.values(LegalForm) as string[];
/** The statuses a dissolution may set: the way out of the register. */
export const DISSOLUTION_STATUSES: string[] = [EnterpriseStatus.DISSOLVING, EnterpriseStatus.DISSOLVED, EnterpriseStatus.BANKRUPT];
/** registry.enterprise's CHECK on name. */
const MAX_NAME_CHARACTERS = 500;
/** Older than any enterprise the register holds: an earlier date is a typo. */
const EARLIEST_REGISTRATION = "1900-01-01";

/**
 * One enterprise row by itself: tax code shape and check digit, a branch's parent written as its
 * first ten digits, BRANCH exactly for branches, enums, a registration date that exists and is no
 * later than the extract's day, code shapes, and a legal representative named with a 12-digit ID
 * (CCCD) or not at all. Existence and placement (commune, zone, parent) are set-based checks.
 */
function validateEnterpriseRow(fields: Readonly<Record<string, string>>, batch: { period: string }): { cells: StagedCell[] } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const add = (column: string, reason: string | null) => reason && problems.push({ column, reason });
  const taxCode = fields.tax_code;
  const taxCodeWrong = taxCodeProblem(taxCode);
  add("tax_code", taxCodeWrong);
  const branch = !taxCodeWrong && taxCode.length === 14;
  const parent = fields.parent_tax_code || null;
  if (!taxCodeWrong && branch && parent !== taxCode.slice(0, 10))
    add("parent_tax_code", `a branch's parent is the enterprise its tax code begins with: ${taxCode.slice(0, 10)}`);
  if (!taxCodeWrong && !branch && parent !== null) add("parent_tax_code", "only a branch (a 13-character tax code) has a parent; leave it empty");
  if (fields.name === "") add("name", "an enterprise has a registered name");
  else if (fields.name.length > MAX_NAME_CHARACTERS) add("name", `a registered name is at most ${MAX_NAME_CHARACTERS} characters`);
  if (!LEGAL_FORMS.includes(fields.legal_form)) add("legal_form", `the legal form is one of ${LEGAL_FORMS.join(", ")}`);
  else if (!taxCodeWrong && branch !== (fields.legal_form === LegalForm.BRANCH))
    add("legal_form", branch ? "a branch's legal form is BRANCH" : "BRANCH is the legal form of a branch, whose tax code has 13 characters");
  if (!STATUSES.includes(fields.status)) add("status", `the status is one of ${STATUSES.join(", ")}`);
  add("registered_on", registrationDateProblem(fields.registered_on, batch.period));
  add("province_code", provinceCodeProblem(fields.province_code));
  if (fields.commune_code) add("commune_code", communeCodeProblem(fields.commune_code));
  if (fields.sector_code && !/^[A-U]$/.test(fields.sector_code)) add("sector_code", "a sector is a VSIC section, one capital letter from A to U");
  if (fields.industrial_zone_code) add("industrial_zone_code", industrialZoneCodeProblem(fields.industrial_zone_code));
  const idNumber = fields.legal_rep_id_number;
  if (idNumber && !/^\d{12}$/.test(idNumber)) add("legal_rep_id_number", "a personal identification number (CCCD) is 12 digits");
  else if (idNumber && !fields.legal_rep_name) add("legal_rep_name", "an identification number is given for a legal representative with no name");
  else if (!idNumber && fields.legal_rep_name) add("legal_rep_id_number", "a legal representative is named with their 12-digit identification number (CCCD)");
  if (problems.length > 0) return { problems };
  return { cells: ENTERPRISE_CSV_COLUMNS.map((column) => fields[column] || null) };
}

/** Why `value` cannot be a registration date in an extract taken on `extractedOn`, or null. */
function registrationDateProblem(value: string, extractedOn: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !isCalendarDate(value)) return "a registration date is a day of the calendar written YYYY-MM-DD, e.g. 2019-04-01";
  if (value > extractedOn) return `${value} is after the extract's day ${extractedOn}: an enterprise is registered before it is listed`;
  if (value < EARLIEST_REGISTRATION) return `${value} is earlier than any registration (${EARLIEST_REGISTRATION})`;
  return null;
}

const ENTERPRISE_ROWS = {
  periodKind: "day",
  columns: ENTERPRISE_CSV_COLUMNS,
  key: ["tax_code"],
  staged: ENTERPRISE_CSV_COLUMNS.map((name) => ({ name, type: name === "registered_on" ? "date" : "text" })),
  provinceColumn: "province_code",
  validateRow: validateEnterpriseRow,
  merge: mergeEnterpriseRows,
} as const;

const PLACEMENT = [communeInProvinceCheck, sectorKnownCheck, industrialZoneInProvinceCheck, parentKnownCheck];

/**
 * The business register in: full enterprise rows from an extract of the register, dated by the day
 * it was taken (the batch's period, `YYYY-MM-DD`, not in the future). A tax code the registry does
 * not hold is registered; one it holds is changed, its former version kept in
 * registry.enterprise_history. Enterprises the batch does not name keep their rows. This is the
 * CSV path (`npm run import`, `POST /ingest/registry`).
 */
export const registryIngest: IngestSpec = { ...ENTERPRISE_ROWS, title: "enterprise rows", checks: PLACEMENT };

/** registerEnterprises: the same rows, each a tax code the registry does not hold yet. */
export const registerEnterprisesIngest: IngestSpec = { ...ENTERPRISE_ROWS, title: "new enterprise rows", checks: [notYetRegisteredCheck, ...PLACEMENT] };

/** changeEnterprises: the same rows, each a tax code the registry holds. */
export const changeEnterprisesIngest: IngestSpec = {
  ...ENTERPRISE_ROWS,
  title: "changed enterprise rows",
  checks: [unknownEnterpriseCheck("tax_code"), ...PLACEMENT],
};

/** dissolveEnterprises: a tax code the registry holds and the status it goes to (dissolving, dissolved or bankrupt). */
export const dissolveEnterprisesIngest: IngestSpec = {
  title: "dissolutions",
  periodKind: "day",
  columns: DISSOLUTION_CSV_COLUMNS,
  key: ["tax_code"],
  staged: [
    { name: "tax_code", type: "text" },
    { name: "status", type: "text" },
  ],
  validateRow(fields) {
    const problems: FieldProblem[] = [];
    const taxCode = taxCodeProblem(fields.tax_code);
    if (taxCode) problems.push({ column: "tax_code", reason: taxCode });
    if (!DISSOLUTION_STATUSES.includes(fields.status))
      problems.push({ column: "status", reason: `a dissolution sets the status to ${DISSOLUTION_STATUSES.join(", ")}` });
    return problems.length > 0 ? { problems } : { cells: [fields.tax_code, fields.status] };
  },
  checks: [unknownEnterpriseCheck("tax_code"), dissolvedInPublisherProvinceCheck, dissolutionForwardCheck],
  merge: mergeDissolutions,
};
