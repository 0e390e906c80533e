import { isObjectType, type GraphQLSchema } from "graphql";
import type { AccessPolicy } from "./access-policy";
import type { FieldClass } from "./field-classes";
import type { Mandate } from "./mandate";

/**
 * Appends to each type's and field's description which agencies may read it, for which purposes,
 * from the mandates file, so GraphiQL's docs answer "who can see this?". Mutates `schema`.
 */
export function describeReaders(schema: GraphQLSchema, policy: AccessPolicy): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    const typeMandates = new Set<Mandate>();
    const kinds = new Set<string>();
    for (const field of Object.values(type.getFields())) {
      const coordinate = `${type.name}.${field.name}`;
      const fieldClass = policy.classes.get(coordinate);
      if (!fieldClass) continue;
      kinds.add(fieldClass.kind);
      const mandates = mandatesGranting(coordinate, fieldClass, policy);
      mandates.forEach((m) => typeMandates.add(m));
      field.description = append(field.description, fieldReaders(coordinate, fieldClass, mandates, policy));
    }
    if (typeMandates.size > 0) type.description = append(type.description, readersLine([...typeMandates], true));
    else if (kinds.size === 1 && kinds.has("carried")) type.description = append(type.description, "Readers: whoever may read the field that returns it.");
    else if (kinds.size === 1 && kinds.has("publish"))
      type.description = append(type.description, "Callers: each owning agency's publishers (role publisher), for their own domain's data only.");
    else if (kinds.has("reference")) type.description = append(type.description, `Open data: anyone may read it (${policy.openData.legalBasis.document}).`);
  }
}

/** The mandates that let someone read a field of an owner-governed class; none for the other classes. */
function mandatesGranting(coordinate: string, fieldClass: FieldClass, policy: AccessPolicy): Mandate[] {
  switch (fieldClass.kind) {
    case "owned":
      return policy.mandates.filter((m) => m.fields.includes(coordinate));
    case "enterprise-rows":
      return policy.mandates.filter((m) => m.granularity === "record" && touchesEnterprise(m, policy));
    case "enterprise-count":
      return policy.mandates.filter((m) => touchesEnterprise(m, policy));
    default:
      return [];
  }
}

function fieldReaders(coordinate: string, fieldClass: FieldClass, mandates: Mandate[], policy: AccessPolicy): string {
  switch (fieldClass.kind) {
    case "reference":
      return policy.open.has(coordinate) ? "Readers: anyone, no token needed (open data)." : "Readers: none (not opened by the mandates file).";
    case "carried":
      return "Readers: whoever may read the object it belongs to.";
    case "audit-readers":
      return "Readers: the hub's operators (every row) and the owning agencies registry, tax, statistics and bhxh (rows touching their data).";
    case "batch-readers":
      return "Readers: the hub's operators (every batch) and the owning agencies registry, tax, statistics and bhxh (their own domain's batches).";
    case "publish":
      return `Callers: publishers (role publisher) of agency ${fieldClass.agency} only.`;
    default:
      return readersLine(mandates);
  }
}

function touchesEnterprise(mandate: Mandate, policy: AccessPolicy): boolean {
  return mandate.fields.some((field) => policy.enterpriseFields.includes(field));
}

/** "Readers: bhxh (enrolment, inspection); ppc (aggregate: target-setting, own province)." */
function readersLine(mandates: Mandate[], someFields = false): string {
  if (mandates.length === 0) return "Readers: none (no mandate covers it).";
  const byAgency = new Map<string, Set<string>>();
  for (const mandate of mandates) {
    const notes = byAgency.get(mandate.grantee.agency) ?? new Set<string>();
    const qualifiers = [mandate.granularity === "aggregate" ? "aggregate" : "", scopeQualifier(mandate)].filter(Boolean);
    for (const purpose of mandate.purposes) notes.add(qualifiers.length > 0 ? `${purpose} [${qualifiers.join(", ")}]` : purpose);
    byAgency.set(mandate.grantee.agency, notes);
  }
  const parts = [...byAgency].sort(([a], [b]) => a.localeCompare(b)).map(([agency, notes]) => `${agency} (${[...notes].sort().join(", ")})`);
  return `${someFields ? "Readers of some fields" : "Readers"}: ${parts.join("; ")}. See myMandates for the legal basis.`;
}

/** "own province", "own province, only 19", "own zones"; empty for a national mandate. */
function scopeQualifier(mandate: Mandate): string {
  const only = mandate.provinces ? `, only ${mandate.provinces.join(", ")}` : "";
  if (mandate.scope === "own-province") return `own province${only}`;
  if (mandate.scope === "own-zones") return `own zones${only}`;
  return "";
}

function append(description: string | undefined | null, line: string): string {
  return description ? `${description}\n\n${line}` : line;
}
