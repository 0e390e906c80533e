// One log entry per GraphQL operation this service runs (server.mjs prints it as a JSON line): who
// asked (from the signed principal), for what, and which fields. A field never asked for is in none.
import { Kind } from "graphql";

/**
 * Apollo Server plugin: once an operation is resolved, calls `log` with
 * {"event":"operation","agency","purpose","requestId","fields"} where fields are schema
 * coordinates: the root fields (Query.zoneWorkforceReports, Query._entities, …) and, inside
 * _entities, the Enterprise fields selected (Enterprise.zoneWorkforce, …); __typename left out.
 */
export function operationLogPlugin(log) {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, contextValue }) {
          const fragments = new Map(document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
          const rootType = operation.operation === "query" ? "Query" : operation.operation === "mutation" ? "Mutation" : "Subscription";
          const fields = new Set();
          for (const root of selectedFields(operation.selectionSet, fragments)) {
            fields.add(`${rootType}.${root.name.value}`);
            if (root.name.value !== "_entities" || !root.selectionSet) continue;
            for (const field of selectedFields(root.selectionSet, fragments, "Enterprise")) fields.add(`Enterprise.${field.name.value}`);
          }
          const { agency, purpose, requestId } = contextValue.principal;
          log({ event: "operation", agency, purpose, requestId, fields: [...fields] });
        },
      };
    },
  };
}

/**
 * The field nodes a selection set selects, through fragments. With `onType`, only those selected
 * for that type: inside a fragment whose type condition is `onType` (or that has none, once already
 * inside such a fragment); _entities returns a union, so its fields all sit in such fragments.
 */
function selectedFields(selectionSet, fragments, onType, inside = onType === undefined) {
  const found = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (inside && !selection.name.value.startsWith("__")) found.push(selection);
      continue;
    }
    const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
    if (!fragment) continue;
    const condition = fragment.typeCondition?.name.value;
    if (onType !== undefined && condition !== undefined && condition !== onType) continue;
    found.push(...selectedFields(fragment.selectionSet, fragments, onType, inside || condition === onType));
  }
  return found;
}
