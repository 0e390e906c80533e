import {
  GraphQLError,
  Kind,
  getNamedType,
  getOperationAST,
  isCompositeType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionNode,
  type SelectionSetNode,
} from "graphql";

/**
 * Mandates at the door: access is decided once per field coordinate per request, before execution,
 * by rewriting the operation. A refused field becomes `<responseKey>: __typename`, so its owner is
 * never asked for data, and after execution `insertRefusals` puts `null` and a FORBIDDEN error
 * wherever that marker landed in the answer.
 */

/** One coordinate's verdict, as an audit row or a log line states it. */
export interface DoorDecision {
  coordinate: string;
  verdict: true | GraphQLError;
}

/** A refused field of the operation, at one place in it; lists along the way are walked at insertion. */
export interface RefusedField {
  /** The coordinate decided on, e.g. "Enterprise.taxHeadcount". */
  coordinate: string;
  /** What the decision returned; each concrete path gets an error with its message and extensions. */
  error: GraphQLError;
  /** Response keys (aliases where given) from the root to the refused field, e.g. ["enterprises", "edges", "node", "taxHeadcount"]. */
  responseKeys: readonly string[];
  /** The output type of the field at each response key: which values are lists, and where a null must propagate as execution would (non-null fields). */
  types: readonly GraphQLOutputType[];
  /** What `__typename` can answer on the refused field's parent: the marker the rewritten field leaves, so that nothing is inserted where the field was skipped or its fragment did not apply. */
  parentTypeNames: readonly string[];
}

/** An operation ready to execute: refused fields stripped, and where their refusals go. */
export interface RewrittenOperation {
  /** The operation with every refused field replaced (and only the fragments it still spreads). */
  document: DocumentNode;
  /** Where refusals must appear in the answer, in document order. */
  refused: RefusedField[];
  /** Every "Type.field" coordinate the original operation selects, refused ones and those under them included; introspection excluded. */
  coordinates: string[];
  /** True when nothing was refused: `document` is then the original object. */
  unchanged: boolean;
}

type Decide = (coordinate: string) => true | GraphQLError;

/** The first steps of a path, kept as a stack while walking; copied only when a refusal is recorded. */
interface PathStack {
  keys: string[];
  types: GraphQLOutputType[];
}

/** A named fragment rewritten once, on its own type condition; its refusals are relative to where it is spread. */
interface FragmentRewrite {
  selectionSet: SelectionSetNode;
  refused: RefusedField[];
}

/**
 * Asks `decide` about every field coordinate the selected operation reaches (once each, never for
 * `__typename`, introspection, or fields under a refused field) and replaces each refused field by
 * `<responseKey>: __typename`, keeping its directives so that `@include`/`@skip` still apply.
 * Named fragments holding a refusal are inlined at each spread; the others stay spreads. Expects a
 * validated document; when no operation matches `operationName` it is returned as is, for
 * execution to report. Variables are kept even when only a refused field used them. A refused
 * subscription root field leaves nothing to subscribe to: answer its refusal without subscribing.
 */
export function rewriteForAccess(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, decide: Decide): RewrittenOperation {
  const operation = getOperationAST(document, operationName);
  const rootType = operation && schema.getRootType(operation.operation);
  if (!operation || !rootType) return { document, refused: [], coordinates: [], unchanged: true };

  const door = new Door(schema, document, decide);
  const refused: RefusedField[] = [];
  const selectionSet = door.rewriteSelectionSet(operation.selectionSet, rootType, { keys: [], types: [] }, refused);
  const coordinates = [...door.coordinates];
  if (refused.length === 0) return { document, refused, coordinates, unchanged: true };

  const rewritten = { ...operation, selectionSet };
  const spread = door.fragmentsSpreadBy(selectionSet);
  const fragments = document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION && spread.has(definition.name.value));
  return { document: { kind: Kind.DOCUMENT, definitions: [rewritten, ...fragments] }, refused: distinct(refused), coordinates, unchanged: false };
}

/**
 * Puts `null` at every concrete path of each refused field in `result.data` (walking lists) and
 * appends one error per path with the decision's message and extensions, in document order then
 * list index. A refused non-null field nulls its nearest nullable ancestor, as execution would.
 * Where the parent is null or absent, or the field's marker is not there (skipped, or under a
 * fragment that did not apply), nothing is inserted. Mutates and returns `result`.
 */
export function insertRefusals(result: ExecutionResult, refused: readonly RefusedField[]): ExecutionResult {
  if (refused.length === 0 || !isRecord(result.data)) return result;
  const errors: GraphQLError[] = [];
  const path: (string | number)[] = [];
  for (const field of refused) {
    if (!isRecord(result.data)) break; // an earlier refusal of a non-null root field nulled it all
    if (reachField(result.data, field, 0, path, errors)) result.data = null;
  }
  if (errors.length > 0) result.errors = [...(result.errors ?? []), ...errors];
  return result;
}

/** One walk over one operation: the decisions taken, the coordinates seen, the fragments rewritten. */
class Door {
  readonly coordinates = new Set<string>();
  private readonly verdicts = new Map<string, true | GraphQLError>();
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly rewrittenFragments = new Map<string, FragmentRewrite | "walking">();
  private readonly listedFragments = new Set<string>();

  constructor(
    private readonly schema: GraphQLSchema,
    document: DocumentNode,
    private readonly decide: Decide,
  ) {
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(definition.name.value, definition);
    }
  }

  /** Rewrites `selectionSet` on `parentType`, appending its refusals (with `at` as their first steps) to `refused`; the same object when nothing under it is refused. */
  rewriteSelectionSet(selectionSet: SelectionSetNode, parentType: GraphQLCompositeType, at: PathStack, refused: RefusedField[]): SelectionSetNode {
    let selections: SelectionNode[] | undefined;
    selectionSet.selections.forEach((selection, index) => {
      const rewritten = this.rewriteSelection(selection, parentType, at, refused);
      if (rewritten === selection && !selections) return;
      selections ??= selectionSet.selections.slice(0, index);
      selections.push(rewritten);
    });
    return selections ? { ...selectionSet, selections } : selectionSet;
  }

  private rewriteSelection(selection: SelectionNode, parentType: GraphQLCompositeType, at: PathStack, refused: RefusedField[]): SelectionNode {
    switch (selection.kind) {
      case Kind.FIELD:
        return this.rewriteField(selection, parentType, at, refused);
      case Kind.INLINE_FRAGMENT: {
        const type = selection.typeCondition ? this.schema.getType(selection.typeCondition.name.value) : parentType;
        if (!isCompositeType(type)) return selection;
        const selectionSet = this.rewriteSelectionSet(selection.selectionSet, type, at, refused);
        return selectionSet === selection.selectionSet ? selection : { ...selection, selectionSet };
      }
      case Kind.FRAGMENT_SPREAD: {
        const fragment = this.rewriteFragment(selection.name.value);
        if (!fragment || fragment.refused.length === 0) return selection;
        for (const field of fragment.refused) {
          refused.push({ ...field, responseKeys: [...at.keys, ...field.responseKeys], types: [...at.types, ...field.types] });
        }
        const { typeCondition } = this.fragments.get(selection.name.value)!;
        return { kind: Kind.INLINE_FRAGMENT, typeCondition, directives: selection.directives, selectionSet: fragment.selectionSet };
      }
    }
  }

  private rewriteField(field: FieldNode, parentType: GraphQLCompositeType, at: PathStack, refused: RefusedField[]): SelectionNode {
    const name = field.name.value;
    const definition = name.startsWith("__") ? undefined : fieldsOf(parentType)?.[name];
    if (!definition) return field; // __typename, introspection, or a field validation would have refused
    const coordinate = `${parentType.name}.${name}`;
    this.coordinates.add(coordinate);
    const childType = getNamedType(definition.type);
    const verdict = this.verdictOn(coordinate);
    if (verdict !== true) {
      if (field.selectionSet && isCompositeType(childType)) this.listCoordinates(field.selectionSet, childType);
      const responseKey = field.alias?.value ?? name;
      refused.push({
        coordinate,
        error: verdict,
        responseKeys: [...at.keys, responseKey],
        types: [...at.types, definition.type],
        parentTypeNames: isObjectType(parentType) ? [parentType.name] : this.schema.getPossibleTypes(parentType).map((type) => type.name),
      });
      return {
        kind: Kind.FIELD,
        alias: { kind: Kind.NAME, value: responseKey },
        name: { kind: Kind.NAME, value: "__typename" },
        arguments: [],
        directives: field.directives,
      };
    }
    if (!field.selectionSet || !isCompositeType(childType)) return field;
    at.keys.push(field.alias?.value ?? name);
    at.types.push(definition.type);
    const selectionSet = this.rewriteSelectionSet(field.selectionSet, childType, at, refused);
    at.keys.pop();
    at.types.pop();
    return selectionSet === field.selectionSet ? field : { ...field, selectionSet };
  }

  /** A fragment is rewritten once, on its own type condition, whatever the spread sites; undefined for an unknown or cyclic fragment (validation refuses both). */
  private rewriteFragment(name: string): FragmentRewrite | undefined {
    const known = this.rewrittenFragments.get(name);
    if (known) return known === "walking" ? undefined : known;
    const definition = this.fragments.get(name);
    const type = definition && this.schema.getType(definition.typeCondition.name.value);
    if (!definition || !isCompositeType(type)) return undefined;
    this.rewrittenFragments.set(name, "walking");
    const refused: RefusedField[] = [];
    const selectionSet = this.rewriteSelectionSet(definition.selectionSet, type, { keys: [], types: [] }, refused);
    const rewrite = { selectionSet, refused };
    this.rewrittenFragments.set(name, rewrite);
    return rewrite;
  }

  private verdictOn(coordinate: string): true | GraphQLError {
    let verdict = this.verdicts.get(coordinate);
    if (verdict === undefined) {
      verdict = this.decide(coordinate);
      this.verdicts.set(coordinate, verdict);
    }
    return verdict;
  }

  /** Under a refused field: the coordinates it would have reached, for the audit, with no decision taken. */
  private listCoordinates(selectionSet: SelectionSetNode, parentType: GraphQLCompositeType): void {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const definition = selection.name.value.startsWith("__") ? undefined : fieldsOf(parentType)?.[selection.name.value];
        if (!definition) continue;
        this.coordinates.add(`${parentType.name}.${selection.name.value}`);
        const childType = getNamedType(definition.type);
        if (selection.selectionSet && isCompositeType(childType)) this.listCoordinates(selection.selectionSet, childType);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? this.schema.getType(selection.typeCondition.name.value) : parentType;
        if (isCompositeType(type)) this.listCoordinates(selection.selectionSet, type);
      } else if (!this.listedFragments.has(selection.name.value)) {
        this.listedFragments.add(selection.name.value);
        const definition = this.fragments.get(selection.name.value);
        const type = definition && this.schema.getType(definition.typeCondition.name.value);
        if (definition && isCompositeType(type)) this.listCoordinates(definition.selectionSet, type);
      }
    }
  }

  /** Names of the fragments the rewritten operation still spreads, directly or through other fragments. */
  fragmentsSpreadBy(selectionSet: SelectionSetNode): Set<string> {
    const spread = new Set<string>();
    const visit = (set: SelectionSetNode): void => {
      for (const selection of set.selections) {
        if (selection.kind === Kind.FRAGMENT_SPREAD) {
          const definition = this.fragments.get(selection.name.value);
          if (spread.has(selection.name.value) || !definition) continue;
          spread.add(selection.name.value);
          visit(definition.selectionSet);
        } else if (selection.selectionSet) visit(selection.selectionSet);
      }
    };
    visit(selectionSet);
    return spread;
  }
}

function fieldsOf(type: GraphQLCompositeType) {
  return isObjectType(type) || isInterfaceType(type) ? type.getFields() : undefined;
}

/** The same refusal reached twice at one path (a field selected twice, a fragment spread twice in one selection set) is reported once. */
function distinct(refused: RefusedField[]): RefusedField[] {
  const seen = new Set<string>();
  return refused.filter((field) => {
    const key = `${field.coordinate} ${field.responseKeys.join(".")}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Follows `field` from `parent`, the object holding response key `step`. Returns true when a
 * refusal below left a non-null field empty, so that `parent` itself must become null.
 */
function reachField(parent: Record<string, unknown>, field: RefusedField, step: number, path: (string | number)[], errors: GraphQLError[]): boolean {
  const key = field.responseKeys[step];
  const type = field.types[step];
  if (!(key in parent)) return false;
  path.push(key);
  let emptied: boolean;
  if (step === field.responseKeys.length - 1) {
    emptied = typeof parent[key] === "string" && field.parentTypeNames.includes(parent[key] as string);
    if (emptied) errors.push(new GraphQLError(field.error.message, { path: [...path], extensions: { ...field.error.extensions } }));
  } else {
    emptied = reachValue(parent[key], type, field, step + 1, path, errors);
  }
  path.pop();
  if (!emptied) return false;
  parent[key] = null;
  return isNonNullType(type);
}

/** Follows `field` into `value` of `type`: an object holding response key `step`, or lists of them. True when `value` must become null. */
function reachValue(value: unknown, type: GraphQLOutputType, field: RefusedField, step: number, path: (string | number)[], errors: GraphQLError[]): boolean {
  const nullable = isNonNullType(type) ? type.ofType : type;
  if (isListType(nullable)) {
    if (!Array.isArray(value)) return false;
    const itemType: GraphQLOutputType = nullable.ofType;
    let emptied = false;
    for (let index = 0; index < value.length; index++) {
      path.push(index);
      if (reachValue(value[index], itemType, field, step, path, errors)) {
        value[index] = null;
        emptied ||= isNonNullType(itemType);
      }
      path.pop();
    }
    return emptied;
  }
  return isRecord(value) && reachField(value, field, step, path, errors);
}
