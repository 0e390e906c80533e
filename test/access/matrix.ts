import {
  getNamedType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type GraphQLType,
} from "graphql";
import type { FieldClass, Mandate, MandateSet } from "../../src/access";
import type { Agency, Purpose, Role } from "../../src/identity/principal";
import { OWNER_DOMAINS } from "../../src/domains";

/**
 * The access matrix's oracle: what the mandates file says a principal may read, written from
 * shared/design.md independently of src/access/request-access.ts, so the two can disagree.
 */
export interface MatrixPrincipal {
  agency: Agency;
  role: Role;
  purpose: Purpose;
  province?: string;
  /** Industrial zones of `province` the token is limited to (claim zones). */
  zones?: string[];
}

/** Statistics are counts over a population already, so an aggregate mandate lets them be read as they are. */
const isAggregateField = (coordinate: string) =>
  coordinate === "Province.labourForce" ||
  coordinate.startsWith("LabourForceStat.") ||
  coordinate === "Province.enrolment" ||
  coordinate.startsWith("ProvinceEnrolment.") ||
  // Coverage and progress against targets (issue 10): participants over the labour force, per province or nationally.
  ["Query.coverage", "Query.coverageProgress", "Province.coverage", "Province.progress", "Province.belowCoverageFloor"].includes(coordinate) ||
  coordinate.startsWith("Coverage.") ||
  coordinate.startsWith("CoverageProgress.") ||
  // The yearly report (issue 10): the same aggregates, plus counts of enterprises by finding, arrears and lists handed over.
  coordinate === "Query.annualReport" ||
  ["AnnualReport.", "FindingCount.", "ArrearsTotals.", "InspectionHandoverTotals."].some((type) => coordinate.startsWith(type));

export function applying(set: MandateSet, who: MatrixPrincipal | null, now: Date): Mandate[] {
  if (!who) return [];
  return set.mandates.filter(
    (m) =>
      m.grantee.agency === who.agency &&
      m.grantee.roles.includes(who.role) &&
      m.purposes.includes(who.purpose) &&
      m.validFrom <= now &&
      (!m.validTo || now < m.validTo) &&
      (m.scope === "national" || who.province !== undefined) &&
      // An own-zones mandate (industrial-zone boards) applies to tokens naming zones only.
      (m.scope !== "own-zones" || (who.zones !== undefined && who.zones.length > 0)) &&
      // A mandate resting on a provincial text binds that text's province only.
      (!m.provinces || (who.province !== undefined && m.provinces.includes(who.province))),
  );
}

/** Whether the mandates let `who` read `coordinate` (its parent being readable). */
export function mayRead(coordinate: string, fieldClass: FieldClass, set: MandateSet, mandates: Mandate[], who: MatrixPrincipal | null): boolean {
  const onEnterprise = (m: Mandate) => m.fields.some((f) => f.startsWith("Enterprise."));
  switch (fieldClass.kind) {
    case "carried":
      return true;
    case "reference":
      return set.open.fields.includes(coordinate);
    case "audit-readers":
      // The audit log (issue 3): operators read all of it, owners the rows touching their data, no one else.
      return who !== null && (who.role === "operator" || OWNER_DOMAINS.includes(who.agency));
    case "batch-readers":
      // Delivered batches (issue 9): operators read all, owners their own domain's, no one else.
      return who !== null && (who.role === "operator" || OWNER_DOMAINS.includes(who.agency));
    case "publish":
      // Writing (issue 9): the owning agency's publishers only, whatever the mandates say.
      return who !== null && who.role === "publisher" && who.agency === fieldClass.agency;
    case "owned":
      return mandates.some((m) => m.fields.includes(coordinate) && (m.granularity === "record" || isAggregateField(coordinate)));
    case "enterprise-rows":
      return mandates.some((m) => m.granularity === "record" && onEnterprise(m));
    case "enterprise-count":
      return mandates.some(onEnterprise);
  }
}

/** One field in the generated document: where its value lands in the response, and what it is. */
export interface Probe {
  coordinate: string;
  /** Response path with list positions as 0 (the first item stands for all). */
  path: (string | number)[];
  /** Probe index of the enclosing field, or -1 at the root. */
  parent: number;
}

/** Root fields with the arguments the matrix gives them. Everything below them is generated. */
export interface MatrixRoot {
  field: string;
  alias?: string;
  args?: string;
  /** Select only these sub-fields (e.g. only totalCount for the filter probes). */
  only?: string[];
}

/**
 * A document selecting every field reachable from `roots`, and the probes to read its answer.
 * A type already on the path is not entered again, so cycles (Province → FormerProvince →
 * Province) end; fields with required arguments other than the roots' are left out.
 */
export function matrixDocument(schema: GraphQLSchema, roots: MatrixRoot[], variables: string): { document: string; probes: Probe[] } {
  const probes: Probe[] = [];
  const query = schema.getQueryType()!;
  const lines = roots.map((root) => {
    const field = query.getFields()[root.field];
    const name = root.alias ?? root.field;
    probes.push({ coordinate: `Query.${root.field}`, path: [name], parent: -1 });
    const self = probes.length - 1;
    const selection = selectionOf(field.type, [name], self, new Set(["Query"]), probes, root.only);
    return `  ${root.alias ? `${root.alias}: ` : ""}${root.field}${root.args ? `(${root.args})` : ""}${selection}`;
  });
  return { document: `query Matrix${variables} {\n${lines.join("\n")}\n}`, probes };
}

/** Nested fields with required arguments the matrix still reaches, with the arguments it gives them. */
const NESTED_ARGUMENTS: Record<string, string> = { "Enterprise.compliance": "period: $period" };

/** Entities reached again under another root, whose own fields the matrix already probes there: only their key is selected, keeping the document within the anonymous token limit. */
const KEY_ONLY: Record<string, string[]> = {
  "InspectionCandidate.enterprise": ["taxCode"],
  "InspectionCandidate.province": ["code"],
  "InspectionCandidate.findings": ["code"],
};

function selectionOf(type: GraphQLType, path: (string | number)[], parent: number, seen: Set<string>, probes: Probe[], only?: string[]): string {
  const named = getNamedType(type);
  if (!isObjectType(named)) return "";
  const listPath = isList(type) ? [...path, 0] : path;
  const within = new Set(seen).add(named.name);
  const parts: string[] = [];
  for (const field of Object.values((named as GraphQLObjectType).getFields()) as GraphQLField<unknown, unknown>[]) {
    if (only && !only.includes(field.name)) continue;
    const nestedArgs = NESTED_ARGUMENTS[`${named.name}.${field.name}`];
    if (!nestedArgs && field.args.some((a) => isNonNullType(a.type))) continue;
    const child = getNamedType(field.type);
    if (isObjectType(child) && within.has(child.name)) continue;
    probes.push({ coordinate: `${named.name}.${field.name}`, path: [...listPath, field.name], parent });
    const self = probes.length - 1;
    parts.push(
      `${field.name}${nestedArgs ? `(${nestedArgs})` : ""}${selectionOf(field.type, [...listPath, field.name], self, within, probes, KEY_ONLY[`${named.name}.${field.name}`])}`,
    );
  }
  return ` { ${parts.join(" ")} }`;
}

function isList(type: GraphQLType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

/** The value at `path`, or undefined when some step is missing or null. */
export function valueAt(data: unknown, path: (string | number)[]): unknown {
  let value: unknown = data;
  for (const step of path) {
    if (value === null || value === undefined) return undefined;
    value = (value as Record<string | number, unknown>)[step];
  }
  return value;
}
