import {
  Kind,
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  isInterfaceType,
  valueFromASTUntyped,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

/** What an operation is estimated to touch, before it runs. */
export interface OperationCost {
  /** Objects resolved: every object a field returns counts 1, multiplied through list sizes. */
  cost: number;
  /** Of those, owner records (enterprises, headcounts, units…), summed over aliases. */
  rows: number;
}

/** Facts about the graph the estimate needs, fixed when the server starts. */
export interface CostModel {
  /** Objects a list field without `first` returns per parent, by coordinate (e.g. "Province.communes"). */
  fanOuts: ReadonlyMap<string, number>;
  /** Types whose objects are owner records. */
  recordTypes: ReadonlySet<string>;
  /** Page size of a connection when `first` is not given, and the largest it may be. */
  defaultPageSize: number;
  maxPageSize: number;
}

/**
 * Introspection resolves from memory, not from PostgreSQL, so its objects weigh a hundredth of a
 * data object: GraphiQL's schema query stays cheap, while a cyclic one (types → fields → type →
 * fields …) still multiplies past any limit.
 */
const INTROSPECTION_WEIGHT = 0.01;

/** Fan-out assumed for a list the model does not know: high, so that forgetting one errs on the safe side. */
export const UNKNOWN_LIST_FAN_OUT = 1000;

/**
 * Estimates, without running it, how many objects and owner records an operation may touch: each
 * field's objects per parent (1 for an object, `first` for a page's edges, the known fan-out for
 * other lists) multiplied down the selection, summed over every field and alias. Fragments are
 * costed once each, so the estimate itself takes time linear in the document.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  model: CostModel,
): OperationCost {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    else if (definition.kind === Kind.OPERATION_DEFINITION && (!operationName || definition.name?.value === operationName)) operation ??= definition;
  }
  if (!operation) return { cost: 0, rows: 0 };
  const root = schema.getRootType(operation.operation);
  if (!root) return { cost: 0, rows: 0 };
  const introspectionFanOuts = introspectionFanOutsOf(schema);
  const memo = new Map<string, OperationCost>();
  const visiting = new Set<string>();

  const pageSizeOf = (value: unknown): number => {
    const first = typeof value === "number" && Number.isFinite(value) ? Math.trunc(value) : model.defaultPageSize;
    return Math.max(0, Math.min(first, model.maxPageSize));
  };

  /** Cost per one object of `type` of resolving `selectionSet` on it; `pageSize` is the enclosing connection's `first`. */
  const costOf = (selectionSet: SelectionSetNode, type: GraphQLNamedType, pageSize: number, weight: number): OperationCost => {
    let cost = 0;
    let rows = 0;
    const add = (part: OperationCost) => {
      cost += part.cost;
      rows += part.rows;
    };
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        if (condition) add(costOf(selection.selectionSet, condition, pageSize, weight));
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        const condition = fragment && schema.getType(fragment.typeCondition.name.value);
        if (!fragment || !condition) continue;
        const key = `${fragment.name.value}:${pageSize}:${weight}`;
        if (visiting.has(key)) continue; // a fragment cycle: invalid, and validation says so
        let part = memo.get(key);
        if (!part) {
          visiting.add(key);
          part = costOf(fragment.selectionSet, condition, pageSize, weight);
          visiting.delete(key);
          memo.set(key, part);
        }
        add(part);
        continue;
      }
      if (!isObjectType(type) && !isInterfaceType(type)) continue;
      const name = selection.name.value;
      if (name === "__typename") continue;
      // The two introspection roots are on every query type but in no type's field map.
      const field =
        name === "__schema" ? { type: schema.getType("__Schema")! } : name === "__type" ? { type: schema.getType("__Type")! } : type.getFields()[name];
      if (!field) continue;
      const fieldWeight = name.startsWith("__") || type.name.startsWith("__") ? INTROSPECTION_WEIGHT : weight;
      const returned = getNamedType(field.type);
      if (!selection.selectionSet) continue; // a scalar or enum: carried in its parent's row
      const coordinate = `${type.name}.${name}`;
      const firstArgument = selection.arguments?.find((argument) => argument.name.value === "first");
      const pageSizeForChildren = firstArgument
        ? pageSizeOf(valueFromASTUntyped(firstArgument.value, variables ?? undefined))
        : "args" in field && field.args.some((a) => a.name === "first")
          ? model.defaultPageSize
          : pageSize;
      let perParent = 1;
      if (isListType(getNullableType(field.type))) {
        perParent = name === "edges" ? pageSize : (model.fanOuts.get(coordinate) ?? introspectionFanOuts.get(coordinate) ?? UNKNOWN_LIST_FAN_OUT);
      }
      const child = costOf(selection.selectionSet, returned, pageSizeForChildren, fieldWeight);
      const isRecord = model.recordTypes.has(returned.name);
      add({ cost: perParent * (fieldWeight + child.cost), rows: perParent * ((isRecord ? 1 : 0) + child.rows) });
    }
    return { cost, rows };
  };

  return costOf(operation.selectionSet, root, model.defaultPageSize, 1);
}

/** The largest list each introspection field can return in this schema. */
function introspectionFanOutsOf(schema: GraphQLSchema): Map<string, number> {
  let cached = INTROSPECTION_CACHE.get(schema);
  if (cached) return cached;
  const types = Object.values(schema.getTypeMap());
  const most = (count: (type: GraphQLNamedType) => number) => Math.max(1, ...types.map(count));
  const fieldsOf = (type: GraphQLNamedType) => ("getFields" in type ? Object.values(type.getFields()) : []);
  cached = new Map([
    ["__Schema.types", types.length],
    ["__Schema.directives", schema.getDirectives().length],
    ["__Type.fields", most((t) => fieldsOf(t).length)],
    ["__Type.inputFields", most((t) => fieldsOf(t).length)],
    ["__Type.interfaces", most((t) => ("getInterfaces" in t ? t.getInterfaces().length : 0))],
    ["__Type.possibleTypes", types.length],
    ["__Type.enumValues", most((t) => ("getValues" in t ? t.getValues().length : 0))],
    ["__Field.args", most((t) => Math.max(0, ...fieldsOf(t).map((f) => ("args" in f ? f.args.length : 0))))],
    ["__Directive.args", Math.max(1, ...schema.getDirectives().map((d) => d.args.length))],
    ["__Directive.locations", 20],
  ]);
  INTROSPECTION_CACHE.set(schema, cached);
  return cached;
}

const INTROSPECTION_CACHE = new WeakMap<GraphQLSchema, Map<string, number>>();
