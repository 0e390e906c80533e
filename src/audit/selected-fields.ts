import { TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from "graphql";

/**
 * The schema coordinates ("Type.field") a document selects, for the audit row's fieldsTouched.
 * Read from the document rather than from execution, so that fields no rule needs to judge (keys,
 * open reference data) are recorded too without a per-row cost. Introspection fields are left out.
 */
export function selectedCoordinates(schema: GraphQLSchema, document: DocumentNode): string[] {
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
