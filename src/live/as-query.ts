import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  getOperationAST,
  visit,
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type SelectionSetNode,
} from "graphql";
import type { QueryPath } from "./live-field";

/** A subscription's event asked as a query, and how to give its answer the subscription's shape. */
export interface EventAsQuery {
  document: DocumentNode;
  /** Moves the payload (and the errors under it) from the end of the query's path to the subscription's root field. */
  reshape(result: ExecutionResult): ExecutionResult;
}

/**
 * Rewrites a subscription operation as the query `path` describes, e.g. `enrolmentChanged(provinceCode: "79") { units }`
 * as `enrolmentChanged: province(code: "79") { enrolment(period: "2026-10") { units } }`: the
 * supergraph's planner can run a query across remote subgraphs, where nothing resolves the
 * subscription's root field with the event. The root's selection, fragments and the variables it
 * still uses are kept, so mandates at the door judge the same fields.
 */
export function eventAsQuery(document: DocumentNode, operationName: string | null | undefined, root: FieldNode, path: QueryPath): EventAsQuery {
  const operation = getOperationAST(document, operationName)!;
  const responseKey = root.alias?.value ?? root.name.value;
  let field: FieldNode | undefined;
  for (let index = path.length - 1; index >= 0; index--) {
    const step = path[index];
    const selectionSet: SelectionSetNode = field ? { kind: Kind.SELECTION_SET, selections: [field] } : root.selectionSet!;
    field = {
      kind: Kind.FIELD,
      ...(index === 0 ? { alias: { kind: Kind.NAME, value: responseKey } } : {}),
      name: { kind: Kind.NAME, value: step.field },
      arguments: Object.entries(step.args).map(([name, value]) => ({
        kind: Kind.ARGUMENT,
        name: { kind: Kind.NAME, value: name },
        value: value === null ? { kind: Kind.NULL } : { kind: Kind.STRING, value },
      })),
      directives: index === 0 ? root.directives : [],
      selectionSet,
    };
  }
  const selectionSet: SelectionSetNode = { kind: Kind.SELECTION_SET, selections: [field!] };
  const used = new Set<string>();
  visit(selectionSet, { Variable: (node) => void used.add(node.name.value) });
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) visit(definition, { Variable: (node) => void used.add(node.name.value) });
  }
  const query = {
    ...operation,
    operation: OperationTypeNode.QUERY,
    variableDefinitions: operation.variableDefinitions?.filter((definition) => used.has(definition.variable.name.value)),
    selectionSet,
  };
  const fragments = document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
  const through = path.slice(1).map((step) => step.field);
  return {
    document: { kind: Kind.DOCUMENT, definitions: [query, ...fragments] },
    reshape(result) {
      const data = result.data as Record<string, unknown> | null | undefined;
      if (data && responseKey in data) {
        let value = data[responseKey];
        for (const key of through) value = value === null || value === undefined ? null : (value as Record<string, unknown>)[key];
        data[responseKey] = value ?? null;
      }
      const errors = result.errors?.map((error) => {
        const errorPath = error.path;
        if (!errorPath || errorPath[0] !== responseKey) return error;
        // Steps of the query's path are not in the subscription's answer: an error on one of them lands on the root field.
        const inside = through.every((key, index) => errorPath[index + 1] === key);
        const path = inside ? [responseKey, ...errorPath.slice(through.length + 1)] : [responseKey];
        return new GraphQLError(error.message, { path, extensions: error.extensions, originalError: error.originalError ?? undefined });
      });
      return { ...result, ...(errors ? { errors } : {}) };
    },
  };
}
