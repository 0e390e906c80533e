import { isIntrospectionType, isObjectType, type GraphQLSchema } from "graphql";
import type { OwnerAgency } from "../identity/principal";

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
  | { kind: "owned"; owner: OwnerAgency; aggregate: boolean }
  /** Enterprise rows (a lookup, a page of edges): needs a record-level mandate on some Enterprise field. */
  | { kind: "enterprise-rows" }
  /** How many enterprises match: needs any mandate on an Enterprise field; small counts are suppressed for aggregate-only grantees. */
  | { kind: "enterprise-count" }
  /** The audit log: the hub's operators read all of it, owner agencies the rows touching their data (SQL scope in the resolver). */
  | { kind: "audit-readers" };

const REFERENCE: FieldClass = { kind: "reference" };
const CARRIED: FieldClass = { kind: "carried" };
const owned = (owner: OwnerAgency, aggregate = false): FieldClass => ({ kind: "owned", owner, aggregate });

/** Per type: the class of its fields, with exceptions by field name. Every object type must appear. */
const TYPE_CLASSES: Record<string, { fields: FieldClass; except?: Record<string, FieldClass> }> = {
  Query: {
    fields: REFERENCE,
    except: {
      enterprise: { kind: "enterprise-rows" },
      // The connection object carries no data; its edges and count are decided on their own.
      enterprises: CARRIED,
      myMandates: CARRIED,
      auditLog: { kind: "audit-readers" },
    },
  },
  Province: { fields: REFERENCE, except: { labourForce: owned("statistics", true) } },
  Sector: { fields: REFERENCE },
  Commune: { fields: REFERENCE },
  IndustrialZone: { fields: REFERENCE },
  FormerProvince: { fields: REFERENCE },
  Enterprise: {
    fields: owned("registry"),
    except: { taxCode: CARRIED, source: CARRIED, taxHeadcount: owned("tax"), bhxhUnit: owned("bhxh") },
  },
  LegalRepresentative: { fields: owned("registry") },
  EnterpriseConnection: { fields: { kind: "enterprise-rows" }, except: { totalCount: { kind: "enterprise-count" } } },
  EnterpriseEdge: { fields: CARRIED },
  PageInfo: { fields: CARRIED },
  Source: { fields: CARRIED },
  TaxHeadcount: { fields: owned("tax"), except: { period: CARRIED, source: CARRIED } },
  BhxhUnit: { fields: owned("bhxh"), except: { code: CARRIED, source: CARRIED } },
  Enrolment: { fields: owned("bhxh"), except: { period: CARRIED, source: CARRIED } },
  LabourForceStat: { fields: owned("statistics", true), except: { period: CARRIED, source: CARRIED } },
  // What myMandates answers is the law itself, readable by whoever may ask.
  MandateInfo: { fields: CARRIED },
  LegalBasisInfo: { fields: CARRIED },
  AuditEntry: { fields: CARRIED },
  AuditEntryConnection: { fields: CARRIED },
  AuditEntryEdge: { fields: CARRIED },
};

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
export function classifyFields(schema: GraphQLSchema): Map<string, FieldClass> {
  const classes = new Map<string, FieldClass>();
  const unclassified = new Set<string>();
  for (const { type, field, coordinate } of schemaCoordinates(schema)) {
    const entry = TYPE_CLASSES[type];
    if (!entry) {
      unclassified.add(type);
      continue;
    }
    classes.set(coordinate, entry.except?.[field] ?? entry.fields);
  }
  if (unclassified.size > 0) {
    throw new Error(`No access class for type(s) ${[...unclassified].join(", ")}: add them to src/access/field-classes.ts.`);
  }
  return classes;
}

/** Fields a mandate may withhold: they must be nullable, so a refusal never nulls the parent. */
export function withholdableCoordinates(classes: Map<string, FieldClass>): string[] {
  return [...classes].filter(([, c]) => c.kind !== "carried" && c.kind !== "reference").map(([coordinate]) => coordinate);
}
