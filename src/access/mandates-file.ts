import fs from "node:fs";
import { parseDocument } from "yaml";
import { AGENCIES, PURPOSES, ROLES, type Agency, type Purpose, type Role } from "../identity/principal";
import { FORMER_PROVINCES, PROVINCES } from "../reference-data/provinces";
import type { FieldClass } from "./field-classes";
import type { Granularity, LegalBasis, Mandate, MandateScope, MandateSet, OpenData } from "./mandate";

/** Legal dates are Vietnamese dates: a date alone means midnight in Hà Nội (UTC+7). */
const VIETNAM_OFFSET = "+07:00";
const MANDATE_KEYS = ["id", "grantee", "owner", "fields", "granularity", "scope", "provinces", "purposes", "legalBasis", "validFrom", "validTo", "note"];
const LEGAL_BASIS_KEYS = ["document", "date", "article", "title"];
/** A legal basis date for a document whose copy carries none (domain.md: "MOLISA letter on coordination (undated)"); never invented. */
const UNDATED = "undated";

/** The mandates file is wrong; `problems` name the mandate and what is wrong with it, one per line. */
export class MandatesFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file} has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Reads and validates the mandates file against the schema's fields; throws MandatesFileError listing every problem. */
/**
 * `othersOwners: "skip"` is for a subgraph served alone: it holds part of the graph, and the file's
 * mandates on other owners' fields (another domain, another agency's subgraph) are the gateway's to
 * check, not its own.
 */
export interface MandateReading {
  othersOwners?: "refuse" | "skip";
}

export function loadMandates(file: string, classes: Map<string, FieldClass>, reading: MandateReading = {}): MandateSet {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new MandatesFileError(file, [`cannot be read: ${(error as Error).message}`]);
  }
  return parseMandates(text, file, classes, reading);
}

/** Validates mandates YAML text; `source` names it in messages. */
export function parseMandates(text: string, source: string, classes: Map<string, FieldClass>, reading: MandateReading = {}): MandateSet {
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    throw new MandatesFileError(
      source,
      document.errors.map((e) => `YAML: ${e.message.split("\n")[0]}`),
    );
  }
  const root: unknown = document.toJS();
  const problems: string[] = [];
  if (!isRecord(root)) throw new MandatesFileError(source, ["the file must be a mapping with `open` and `mandates`"]);
  for (const key of Object.keys(root)) if (key !== "open" && key !== "mandates") problems.push(`unknown top-level key "${key}"`);

  const open = readOpen(root.open, classes, problems);
  const mandates: Mandate[] = [];
  if (!Array.isArray(root.mandates) || root.mandates.length === 0) problems.push("`mandates` must be a non-empty list");
  else {
    const seen = new Set<string>();
    root.mandates.forEach((raw: unknown, index: number) => {
      if (reading.othersOwners === "skip" && isRecord(raw) && typeof raw.owner === "string" && !ownersOf(classes).includes(raw.owner)) return;
      const mandate = readMandate(raw, index, classes, problems);
      if (!mandate) return;
      if (seen.has(mandate.id)) problems.push(`mandate "${mandate.id}": the id is used twice`);
      seen.add(mandate.id);
      mandates.push(mandate);
    });
  }
  if (problems.length > 0) throw new MandatesFileError(source, problems);
  return { open: open!, mandates };
}

function readOpen(raw: unknown, classes: Map<string, FieldClass>, problems: string[]): OpenData | undefined {
  const where = "open data (`open`)";
  if (!isRecord(raw)) {
    problems.push(`${where}: must be a mapping with fields and legalBasis`);
    return undefined;
  }
  const fields = expandFields(raw.fields, where, classes, problems, (coordinate, fieldClass) =>
    fieldClass.kind === "reference" ? undefined : `${coordinate} is not hub reference data, so it cannot be open; grant it through a mandate`,
  );
  const legalBasis = readLegalBasis(raw.legalBasis, where, problems);
  return legalBasis ? { fields, legalBasis } : undefined;
}

function readMandate(raw: unknown, index: number, classes: Map<string, FieldClass>, problems: string[]): Mandate | undefined {
  if (!isRecord(raw)) {
    problems.push(`mandate #${index + 1}: must be a mapping`);
    return undefined;
  }
  const id = typeof raw.id === "string" && /^[a-z0-9][a-z0-9-]*$/.test(raw.id) ? raw.id : undefined;
  const where = id ? `mandate "${id}"` : `mandate #${index + 1}`;
  const before = problems.length;
  const problem = (text: string) => problems.push(`${where}: ${text}`);
  if (!id) problem("`id` must be lower-case letters, digits and hyphens");
  for (const key of Object.keys(raw)) if (!MANDATE_KEYS.includes(key)) problem(`unknown key "${key}"`);

  const grantee = isRecord(raw.grantee) ? raw.grantee : undefined;
  if (!grantee) problem("`grantee` must be a mapping with agency and roles");
  const agency = oneOf<Agency>(grantee?.agency, AGENCIES, "grantee.agency", problem);
  const roles = listOf<Role>(grantee?.roles, ROLES, "grantee.roles", problem);
  if (roles?.includes("operator")) problem("grantee.roles: operators run the hub and read no data; remove `operator`");
  // Owners are whoever owns fields of this graph: the hosted domains and the agencies' own subgraphs (gateway.yaml).
  const owner = oneOf<string>(raw.owner, ownersOf(classes), "owner", problem);
  const granularity = oneOf<Granularity>(raw.granularity, ["record", "aggregate"], "granularity", problem);
  const scope = oneOf<MandateScope>(raw.scope, ["national", "own-province", "own-zones"], "scope", problem);
  const purposes = listOf<Purpose>(raw.purposes, PURPOSES, "purposes", problem);
  const provinces = raw.provinces === undefined ? undefined : readProvinces(raw.provinces, problem);
  if (provinces && scope === "national")
    problem("`provinces` limits a mandate to principals of those provinces, so its rows must be theirs too: use scope own-province");
  // The protected table of counts has no zone dimension: a zone's count would be a cell no suppression has judged.
  if (scope === "own-zones" && granularity === "aggregate")
    problem("scope own-zones is for record mandates only: aggregate-only counts come from the fixed table by province and commune, which has no zones");
  const fields = expandFields(
    raw.fields,
    where,
    classes,
    problems,
    (coordinate, fieldClass) => {
      if (fieldClass.kind !== "owned") return `${coordinate} is not an owner's data field (keys, provenance and reference data follow from other fields)`;
      if (owner && fieldClass.owner !== owner) return `${coordinate} belongs to ${fieldClass.owner}, not to the owner ${owner}`;
      // Only the registry's enterprise rows are limited to zones; a root or a province's field reads past them.
      if (scope === "own-zones" && /^(Query|Mutation|Subscription|Province)\./.test(coordinate)) {
        return `${coordinate} reads beyond an enterprise, and scope own-zones limits only enterprises to the principal's zones: list fields reached through Enterprise`;
      }
      return undefined;
    },
    owner,
  );
  const legalBasis = readLegalBasis(raw.legalBasis, where, problems);
  const validFrom = readInstant(raw.validFrom, "validFrom", problem, true);
  const validTo = raw.validTo === null || raw.validTo === undefined ? undefined : readInstant(raw.validTo, "validTo", problem, false);
  if (validFrom && validTo && validTo.instant <= validFrom.instant) problem(`validTo (${validTo.text}) is not after validFrom (${validFrom.text})`);

  if (problems.length > before || !id || !agency || !roles || !owner || !granularity || !scope || !purposes || !legalBasis || !validFrom) return undefined;
  return {
    id,
    grantee: { agency, roles },
    owner,
    fields,
    granularity,
    scope,
    provinces,
    purposes,
    legalBasis,
    validFrom: validFrom.instant,
    validTo: validTo?.instant,
    validFromText: validFrom.text,
    validToText: validTo?.text,
  };
}

/**
 * Codes of provinces in force. A former province's code is refused with its successor named: a
 * provincial text from before 1 July 2025 binds the province that province became.
 */
function readProvinces(raw: unknown, problem: (text: string) => void): string[] | undefined {
  if (!Array.isArray(raw) || raw.length === 0) {
    problem('`provinces` must be a non-empty list of two-digit province codes in force (quoted, e.g. "19")');
    return undefined;
  }
  const codes: string[] = [];
  for (const value of raw) {
    const code = typeof value === "number" ? String(value).padStart(2, "0") : value;
    if (typeof code !== "string" || !/^\d{2}$/.test(code)) {
      problem(`provinces: "${String(value)}" is not a two-digit province code`);
      continue;
    }
    if (PROVINCES.some((province) => province.code === code)) {
      codes.push(code);
      continue;
    }
    const former = FORMER_PROVINCES.find((province) => province.code === code);
    const successor = former && PROVINCES.find((province) => province.code === former.successorCode);
    problem(
      former && successor
        ? `provinces: ${code} is ${former.name}, a former province merged into ${successor.code} ${successor.name} on 1 July 2025; name ${successor.code}`
        : `provinces: no province in force has the code ${code}`,
    );
  }
  return codes.length === raw.length ? [...new Set(codes)] : undefined;
}

/** The owners of the graph's data fields, sorted. */
function ownersOf(classes: Map<string, FieldClass>): string[] {
  return [...new Set([...classes.values()].flatMap((fieldClass) => (fieldClass.kind === "owned" ? [fieldClass.owner] : [])))].sort();
}

/** Expands `Type.field` and `Type.*` into coordinates; `reject` says why a field may not be listed here. */
function expandFields(
  raw: unknown,
  where: string,
  classes: Map<string, FieldClass>,
  problems: string[],
  reject: (coordinate: string, fieldClass: FieldClass) => string | undefined,
  owner?: string,
): string[] {
  if (!Array.isArray(raw) || raw.length === 0 || !raw.every((f) => typeof f === "string")) {
    problems.push(`${where}: \`fields\` must be a non-empty list of Type.field or Type.*`);
    return [];
  }
  const fields = new Set<string>();
  for (const entry of raw as string[]) {
    const match = /^([A-Z][A-Za-z0-9]*)\.(\*|[a-z][A-Za-z0-9]*)$/.exec(entry);
    if (!match) {
      problems.push(`${where}: "${entry}" is not of the form Type.field or Type.*`);
      continue;
    }
    const [, type, field] = match;
    if (field === "*") {
      const ofType = [...classes].filter(([c]) => c.startsWith(`${type}.`));
      if (ofType.length === 0) {
        problems.push(`${where}: unknown type ${type}`);
        continue;
      }
      // A wildcard takes what may be listed here (an owner's own fields) and leaves the rest.
      const eligible = ofType.filter(([c, fc]) => !reject(c, fc));
      if (eligible.length === 0) problems.push(`${where}: ${entry} has no field that can be listed here${owner ? ` for the owner ${owner}` : ""}`);
      for (const [coordinate] of eligible) fields.add(coordinate);
      continue;
    }
    const fieldClass = classes.get(entry);
    if (!fieldClass) {
      problems.push(`${where}: unknown field ${entry}${[...classes.keys()].some((c) => c.startsWith(`${type}.`)) ? "" : ` (no type ${type})`}`);
      continue;
    }
    const reason = reject(entry, fieldClass);
    if (reason) problems.push(`${where}: ${reason}`);
    else fields.add(entry);
  }
  return [...fields];
}

function readLegalBasis(raw: unknown, where: string, problems: string[]): LegalBasis | undefined {
  if (!isRecord(raw)) {
    problems.push(`${where}: the legal basis (\`legalBasis\` with document, date, article, title) is missing`);
    return undefined;
  }
  const before = problems.length;
  for (const key of Object.keys(raw)) if (!LEGAL_BASIS_KEYS.includes(key)) problems.push(`${where}: unknown key "legalBasis.${key}"`);
  for (const key of LEGAL_BASIS_KEYS) {
    const value = key === "date" ? dateText(raw[key]) : raw[key];
    if (typeof value !== "string" || value.trim() === "") problems.push(`${where}: legalBasis.${key} is missing`);
  }
  const date = dateText(raw.date);
  if (date !== undefined && date !== UNDATED && !isCalendarDate(date))
    problems.push(`${where}: legalBasis.date must be a real date as YYYY-MM-DD (or ${UNDATED} when the copy held carries none), not "${date}"`);
  if (problems.length > before) return undefined;
  return { document: String(raw.document), date: date!, article: String(raw.article), title: String(raw.title) };
}

/** A date (Vietnamese midnight) or a date-time with an offset. `validTo` dates mean "until the end of that day". */
function readInstant(raw: unknown, name: string, problem: (text: string) => void, isStart: boolean): { instant: Date; text: string } | undefined {
  const text = dateText(raw);
  if (text === undefined) {
    problem(`${name} is missing`);
    return undefined;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const midnight = new Date(`${text}T00:00:00${VIETNAM_OFFSET}`);
    if (!isCalendarDate(text)) {
      problem(`${name} "${text}" is not a date`);
      return undefined;
    }
    return { instant: isStart ? midnight : new Date(midnight.getTime() + 86_400_000), text };
  }
  const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) ? new Date(text) : new Date(NaN);
  if (Number.isNaN(instant.getTime())) {
    problem(`${name} "${text}" must be a date (YYYY-MM-DD) or a date-time with an offset (2026-01-01T08:00:00+07:00)`);
    return undefined;
  }
  return { instant, text };
}

/** YYYY-MM-DD naming a day that exists: JavaScript would roll 2025-02-30 over to 1 March. */
function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return day.toISOString().slice(0, 10) === text;
}

/** YAML turns an unquoted 2025-07-01 into a Date; give it back as written. */
function dateText(raw: unknown): string | undefined {
  if (raw instanceof Date) return raw.toISOString().slice(0, 10);
  return typeof raw === "string" ? raw.trim() : undefined;
}

function oneOf<T extends string>(raw: unknown, allowed: readonly string[], name: string, problem: (text: string) => void): T | undefined {
  if (typeof raw === "string" && allowed.includes(raw)) return raw as T;
  problem(raw === undefined ? `${name} is missing` : `${name} "${String(raw)}" is unknown; use one of ${allowed.join(", ")}`);
  return undefined;
}

function listOf<T extends string>(raw: unknown, allowed: readonly string[], name: string, problem: (text: string) => void): T[] | undefined {
  if (!Array.isArray(raw) || raw.length === 0) {
    problem(`${name} must be a non-empty list`);
    return undefined;
  }
  const unknown = raw.filter((value) => typeof value !== "string" || !allowed.includes(value));
  if (unknown.length > 0) {
    problem(`${name}: ${unknown.map((u) => `"${String(u)}"`).join(", ")} unknown; use ${allowed.join(", ")}`);
    return undefined;
  }
  return [...new Set(raw as T[])];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
