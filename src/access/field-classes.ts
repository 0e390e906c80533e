import { isIntrospectionType, isObjectType, type GraphQLSchema } from "graphql";

/**
 * How access to one schema field is decided. Only `owned` fields are granted by mandates; the
 * other classes follow from them, so that the mandates file speaks only of owners' data.
 */
export type FieldClass =
  /** Hub reference data (provinces, sectors…): readable by anyone when the mandates file lists it under `open`. */
  | { kind: "reference" }
  /** Keys, provenance and paging plumbing: readable whenever the object holding them was. */
  | { kind: "carried" }
  /** An owner's data. `aggregate` fields are already counts over a population (province statistics). */
  | { kind: "owned"; owner: string; aggregate: boolean }
  /** Enterprise rows (a lookup, a page of edges): needs a record-level mandate on some Enterprise field. */
  | { kind: "enterprise-rows" }
  /** How many enterprises match: needs any mandate on an Enterprise field; small counts are suppressed for aggregate-only grantees. */
  | { kind: "enterprise-count" }
  /** The audit log: the hub's operators read all of it, owner agencies the rows touching their data (SQL scope in the resolver). */
  | { kind: "audit-readers" }
  /** Ingest batches: the hub's operators read all, an owner agency its own (the root field checks which domain's it follows). */
  | { kind: "batch-readers" };

export const REFERENCE: FieldClass = { kind: "reference" };
export const CARRIED: FieldClass = { kind: "carried" };
export const owned = (owner: string, aggregate = false): FieldClass => ({ kind: "owned", owner, aggregate });

/** The access classes a domain declares: per type, the class of its fields, with exceptions by field name. */
export type TypeAccess = Record<string, { fields?: FieldClass; except?: Record<string, FieldClass> }>;

/**
 * Merges the domains' declarations into one table. A type's default class comes from the one
 * domain that gives it; two defaults for one type are a mistake unless they agree.
 */
export function mergeTypeAccess(declarations: readonly TypeAccess[]): TypeAccess {
  const merged: TypeAccess = {};
  for (const declaration of declarations) {
    for (const [type, entry] of Object.entries(declaration)) {
      const into = (merged[type] ??= {});
      if (entry.fields) {
        if (into.fields && JSON.stringify(into.fields) !== JSON.stringify(entry.fields)) {
          throw new Error(`Two domains give type ${type} different access classes; only its owner gives the default.`);
        }
        into.fields = entry.fields;
      }
      if (entry.except) into.except = { ...into.except, ...entry.except };
    }
  }
  return merged;
}

/** Every field of the schema's object types, by coordinate ("Type.field"). */
export function schemaCoordinates(schema: GraphQLSchema): { type: string; field: string; coordinate: string }[] {
  const coordinates = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    for (const field of Object.keys(type.getFields())) coordinates.push({ type: type.name, field, coordinate: `${type.name}.${field}` });
  }
  return coordinates;
}

/**
 * Classifies every field of `schema`. Throws naming the type when one is missing from the table,
 * so a new type cannot reach clients before someone decides who may read it.
 */
export function classifyFields(schema: GraphQLSchema, typeAccess: TypeAccess): Map<string, FieldClass> {
  const classes = new Map<string, FieldClass>();
  const unclassified = new Set<string>();
  for (const { type, field, coordinate } of schemaCoordinates(schema)) {
    const entry = typeAccess[type];
    const fieldClass = entry?.except?.[field] ?? entry?.fields;
    if (!fieldClass) {
      unclassified.add(coordinate);
      continue;
    }
    classes.set(coordinate, fieldClass);
  }
  if (unclassified.size > 0) {
    throw new Error(`No access class for ${[...unclassified].join(", ")}: declare it in the owning domain's index.ts (\`access\`).`);
  }
  return classes;
}

/** Fields a mandate may withhold: they must be nullable, so a refusal never nulls the parent. */
export function withholdableCoordinates(classes: Map<string, FieldClass>): string[] {
  return [...classes].filter(([, c]) => c.kind !== "carried" && c.kind !== "reference").map(([coordinate]) => coordinate);
}
