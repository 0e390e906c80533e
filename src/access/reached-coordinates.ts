import {
  getNamedType,
  getOperationAST,
  isObjectType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type SelectionSetNode,
} from "graphql";

/**
 * The field coordinates an answer actually reached: a field counts when some object that selects
 * it is in the data (a lookup that found nothing reaches none of the fields under it). Mandates
 * are decided once per coordinate before the operation runs; this says which of those decisions
 * were used, for the audit row. One pass over the answer, no resolver wrapped.
 */
export function reachedCoordinates(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, data: unknown): Set<string> {
  const reached = new Set<string>();
  const operation = getOperationAST(document, operationName);
  const root = operation ? schema.getRootType(operation.operation) : undefined;
  if (!operation || !root || data === null || typeof data !== "object") return reached;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);

  const walk = (type: GraphQLObjectType, selectionSet: SelectionSetNode, objects: Record<string, unknown>[]) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith("__")) continue;
        reached.add(`${type.name}.${name}`);
        const field = type.getFields()[name];
        const childType = field && getNamedType(field.type);
        if (!selection.selectionSet || !isObjectType(childType)) continue;
        const key = selection.alias?.value ?? name;
        const children: Record<string, unknown>[] = [];
        for (const object of objects) collectObjects(object[key], children);
        if (children.length > 0) walk(childType, selection.selectionSet, children);
      } else {
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
        if (!fragment) continue;
        const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
        // Without abstract types an object's fragments are on its own type; an abstract condition is read as the object's type.
        walk(isObjectType(condition) ? condition : type, fragment.selectionSet, objects);
      }
    }
  };
  walk(root, operation.selectionSet, [data as Record<string, unknown>]);
  return reached;
}

function collectObjects(value: unknown, into: Record<string, unknown>[]): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) for (const item of value) collectObjects(item, into);
  else if (typeof value === "object") into.push(value as Record<string, unknown>);
}
