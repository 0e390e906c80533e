import { isObjectType, type GraphQLSchema } from "graphql";
import type { AccessPolicy } from "./access-policy";
import type { Mandate } from "./mandate";

/**
 * Appends to each type's and field's description which agencies may read it, for which purposes,
 * from the mandates file, so GraphiQL's docs answer "who can see this?". Mutates `schema`.
 */
export function describeReaders(schema: GraphQLSchema, policy: AccessPolicy): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    const typeMandates = new Set<Mandate>();
    let open = false;
    for (const field of Object.values(type.getFields())) {
      const coordinate = `${type.name}.${field.name}`;
      const fieldClass = policy.classes.get(coordinate);
      let mandates: Mandate[] = [];
      if (fieldClass?.kind === "owned") mandates = policy.mandates.filter((m) => m.fields.includes(coordinate));
      else if (fieldClass?.kind === "enterprise-rows") mandates = policy.mandates.filter((m) => m.granularity === "record" && touchesEnterprise(m, policy));
      else if (fieldClass?.kind === "enterprise-count") mandates = policy.mandates.filter((m) => touchesEnterprise(m, policy));
      else if (fieldClass?.kind === "reference" && policy.open.has(coordinate)) open = true;
      else if (fieldClass?.kind === "reference") field.description = append(field.description, "Readers: none (not opened by the mandates file).");
      if (fieldClass?.kind === "owned" || fieldClass?.kind === "enterprise-rows" || fieldClass?.kind === "enterprise-count") {
        field.description = append(field.description, readersLine(mandates));
        mandates.forEach((m) => typeMandates.add(m));
      }
    }
    if (typeMandates.size > 0) type.description = append(type.description, readersLine([...typeMandates], true));
    else if (open) type.description = append(type.description, `Open data: anyone may read it (${policy.openData.legalBasis.document}).`);
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
    const qualifiers = [mandate.granularity === "aggregate" ? "aggregate" : "", mandate.scope === "own-province" ? "own province" : ""].filter(Boolean);
    for (const purpose of mandate.purposes) notes.add(qualifiers.length > 0 ? `${purpose} [${qualifiers.join(", ")}]` : purpose);
    byAgency.set(mandate.grantee.agency, notes);
  }
  const parts = [...byAgency].sort(([a], [b]) => a.localeCompare(b)).map(([agency, notes]) => `${agency} (${[...notes].sort().join(", ")})`);
  return `${someFields ? "Readers of some fields" : "Readers"}: ${parts.join("; ")}. See myMandates for the legal basis.`;
}

function append(description: string | undefined | null, line: string): string {
  return description ? `${description}\n\n${line}` : line;
}

