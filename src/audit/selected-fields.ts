import { TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from "graphql";
import { DocumentMemo } from "../graphql/document-memo";

/**
 * The schema coordinates ("Type.field") a document selects, for the audit row's fieldsTouched.
 * Read from the document rather than from execution, so that fields no rule needs to judge (keys,
 * open reference data) are recorded too without a per-row cost. Introspection fields are left out.
 */
export function selectedCoordinates(schema: GraphQLSchema, document: DocumentNode): string[] {
  // A copy: the row's list is its own.
  const known = selected.get(document, schema);
  if (known) return [...known];
  const found = walk(schema, document);
  selected.set(document, schema, found);
  return [...found];
}

/** Each document's coordinates, walked once per document (see DocumentMemo), not once per request. */
const selected = new DocumentMemo<readonly string[]>();

function walk(schema: GraphQLSchema, document: DocumentNode): string[] {
  const typeInfo = new TypeInfo(schema);
  const found = new Set<string>();
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (parent && field && !field.name.startsWith("__") && !parent.name.startsWith("__")) found.add(`${parent.name}.${field.name}`);
      },
    }),
  );
  return [...found].sort();
}
