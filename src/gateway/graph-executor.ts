import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";
import {
  execute,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type VariableDefinitionNode,
} from "graphql";
import { insertRefusals, rewriteForAccess } from "../access/door";
import { reachedCoordinates } from "../access/reached-coordinates";
import type { RequestContext } from "../context";
import { ErrorCode } from "../errors";
import type { FederatedRuntime } from "./federated-runtime";

/** How an operation is run: on the in-process graph, on the API schema (introspection only), or planned across subgraphs. */
type Route = "in-process" | "introspection" | "federated";

export interface GraphExecutorParts {
  /** What clients see: the composed supergraph's API schema (descriptions say who may read each field). */
  apiSchema: GraphQLSchema;
  /** The hosted domains' graph, executed directly: the fast path. Null when this gateway hosts none. */
  inProcessSchema: GraphQLSchema | null;
  /** Hive Gateway's runtime for operations that reach beyond the hosted domains; null when there are none. */
  federated: FederatedRuntime | null;
  /** False only for benchmarks that measure what access control costs. */
  accessControl: boolean;
  /** Run repeated in-process operations as graphql-jit plans (LIENTHONG_COMPILED_EXECUTION); false: graphql-js only. */
  compiledExecution?: boolean;
}

/** A compiled operation, with what graphql-js needs to check its variables first; null: graphql-jit could not compile it. */
type Plan = { compiled: CompiledQuery; variableDefinitions: readonly VariableDefinitionNode[] } | null;

/**
 * How much compiled plans may hold, in characters of their documents' text. A plan (generated code
 * and closures, and the document it holds) weighs far more than the text: the nested page's ~680
 * characters make ~33 kB of plan besides its ~34 kB document. So this, not Apollo's document store
 * (bounded in bytes of text), bounds their memory: 256 Ki characters, some 25 MB of plans and
 * documents. The least recently used are dropped first; one dropped is compiled again if it comes back.
 */
const COMPILED_TEXT_BUDGET = 256 * 1024;
/** Longer documents are not compiled: one would take a good part of the budget, for an unusual operation. */
const LONGEST_COMPILED_TEXT = 16 * 1024;
/**
 * Compiles allowed per second on average, and at once. Compiling the nested page took 44 ms on a
 * loaded machine, three to four executions of it; clients that keep sending new documents twice
 * (each compiled on its second run) must not make the hub spend its CPU compiling. The burst lets a
 * hub that has just started compile its clients' few dozen operations at once.
 */
const COMPILES_PER_SECOND = 4;
const COMPILE_BURST = 40;

/**
 * Runs one admitted operation. Mandates are decided here, at the door, once per field coordinate:
 * refused fields are rewritten out of the operation before it runs, so their owner is never asked,
 * and come back as `null` plus a FORBIDDEN error on each concrete path. An operation that touches
 * only hosted domains runs on the in-process graph, without a query plan or subgraph hops;
 * anything else goes to Hive Gateway's planner.
 */
export class GraphExecutor {
  private readonly routes = new WeakMap<DocumentNode, Route>();
  /**
   * graphql-jit plans of the in-process graph, by document then operation name, in least recently
   * used order (see COMPILED_TEXT_BUDGET). Only documents the door left unchanged are compiled: a
   * rewritten one is a new object per request, and runs on graphql-js as before.
   */
  private readonly plans = new Map<DocumentNode, Map<string, Plan>>();
  /** Characters of the documents in `plans`. */
  private planText = 0;
  /** Compiles that may start now (see COMPILES_PER_SECOND), and when that was last worked out. */
  private compiles = COMPILE_BURST;
  private compilesAt = Date.now();
  private readonly seenOnce = new WeakSet<DocumentNode>();
  private readonly inProcessCoordinates: ReadonlySet<string>;

  constructor(private readonly parts: GraphExecutorParts) {
    this.inProcessCoordinates = parts.inProcessSchema ? coordinatesOf(parts.inProcessSchema) : new Set();
  }

  get apiSchema(): GraphQLSchema {
    return this.parts.apiSchema;
  }

  /** False only for benchmarks that measure what access control costs. */
  get accessControl(): boolean {
    return this.parts.accessControl;
  }

  /** True when the operation runs on the in-process graph (so an execution worker, which has that graph, can run it). */
  runsInProcess(document: DocumentNode, operationName: string | null | undefined): boolean {
    return this.parts.inProcessSchema !== null && this.routeOf(document, operationName) !== "federated";
  }

  /**
   * `rootValue` is a subscription's event: its root field is resolved once per event, as a query's
   * root field is (src/live/live-operation.ts).
   */
  async execute(request: {
    document: DocumentNode;
    operationName: string | null | undefined;
    variables: Record<string, unknown> | undefined;
    context: RequestContext;
    rootValue?: unknown;
  }): Promise<ExecutionResult> {
    const { context, variables, operationName } = request;
    const rewrite = this.parts.accessControl
      ? rewriteForAccess(this.parts.apiSchema, request.document, operationName, (coordinate) => context.access.decide(coordinate))
      : undefined;
    const document = rewrite?.document ?? request.document;
    const route = rewrite && !rewrite.unchanged ? this.routeOf(document, operationName, false) : this.routeOf(request.document, operationName);
    let result: ExecutionResult;
    if (route === "federated" || (route === "in-process" && !this.parts.inProcessSchema)) {
      if (!this.parts.federated)
        throw new GraphQLError("This operation selects fields no subgraph of this gateway serves.", { extensions: { code: ErrorCode.BAD_USER_INPUT } });
      result = await this.parts.federated.execute(document, operationName, variables, context);
    } else {
      const schema = route === "introspection" ? this.parts.apiSchema : this.parts.inProcessSchema!;
      // A subscription event runs with its event as the root value: graphql-js runs those, compiled plans serve plain operations.
      const plan =
        route === "in-process" && this.parts.compiledExecution && request.rootValue === undefined && (!rewrite || rewrite.unchanged)
          ? this.planFor(schema, document, operationName)
          : null;
      result =
        (plan && (await this.runCompiled(plan, schema, variables, context))) ??
        (await execute({ schema, document, variableValues: variables, operationName, contextValue: context, rootValue: request.rootValue }));
    }
    if (rewrite) context.access.reached(reachedCoordinates(this.parts.apiSchema, document, operationName, result.data));
    return rewrite && !rewrite.unchanged ? insertRefusals(result, rewrite.refused) : result;
  }

  /**
   * The compiled plan's result, or undefined when graphql-js must run the operation instead: when its
   * variables do not coerce. graphql-jit coerces variables itself, with messages of its own; clients
   * get graphql-js's (and graphql-js's verdict on what is valid), so graphql-js checks them first and
   * answers the refusals itself. No resolver has run when undefined is returned.
   */
  private async runCompiled(
    plan: NonNullable<Plan>,
    schema: GraphQLSchema,
    variables: Record<string, unknown> | undefined,
    context: RequestContext,
  ): Promise<ExecutionResult | undefined> {
    if (plan.variableDefinitions.length > 0 && getVariableValues(schema, plan.variableDefinitions, variables ?? {}, { maxErrors: 1 }).errors) return undefined;
    const result = (await plan.compiled.query(undefined, context, variables ?? {})) as ExecutionResult;
    // No data at all: graphql-jit refused the variables graphql-js accepted (it runs nothing then). graphql-js decides.
    return "data" in result ? result : undefined;
  }

  /**
   * The compiled plan for this document and operation, compiled on the document's second run; null:
   * graphql-js runs it (this time, while no compile may start; always, when graphql-jit cannot compile it).
   */
  private planFor(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): Plan {
    const key = operationName ?? "";
    const byName = this.plans.get(document);
    if (byName) {
      // Most recently used last.
      this.plans.delete(document);
      this.plans.set(document, byName);
      const known = byName.get(key);
      if (known !== undefined) return known;
    } else if (!this.seenOnce.has(document)) {
      this.seenOnce.add(document);
      return null;
    }
    const length = textLength(document);
    if (length > LONGEST_COMPILED_TEXT || !this.mayCompile()) return null;
    const plan = compile(schema, document, operationName);
    if (byName) byName.set(key, plan);
    else {
      this.plans.set(document, new Map([[key, plan]]));
      this.planText += length;
      for (const oldest of this.plans.keys()) {
        if (this.planText <= COMPILED_TEXT_BUDGET || oldest === document) break;
        this.plans.delete(oldest);
        this.planText -= textLength(oldest);
      }
    }
    return plan;
  }

  /** Whether a compile may start now, taking it from the allowance if so (a token bucket). */
  private mayCompile(): boolean {
    const now = Date.now();
    this.compiles = Math.min(COMPILE_BURST, this.compiles + ((now - this.compilesAt) * COMPILES_PER_SECOND) / 1000);
    this.compilesAt = now;
    if (this.compiles < 1) return false;
    this.compiles -= 1;
    return true;
  }

  private routeOf(document: DocumentNode, operationName: string | null | undefined, cache = true): Route {
    const known = cache ? this.routes.get(document) : undefined;
    if (known) return known;
    const route = this.decideRoute(document, operationName);
    if (cache) this.routes.set(document, route);
    return route;
  }

  private decideRoute(document: DocumentNode, operationName: string | null | undefined): Route {
    const operation = getOperationAST(document, operationName);
    if (!operation) return "in-process";
    const roots = operation.selectionSet.selections;
    if (
      roots.length > 0 &&
      roots.every((selection) => selection.kind === Kind.FIELD && (selection.name.value === "__schema" || selection.name.value === "__type"))
    )
      return "introspection";
    const typeInfo = new TypeInfo(this.parts.apiSchema);
    const inProcessCoordinates = this.inProcessCoordinates;
    let inProcess = true;
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          const parent = typeInfo.getParentType();
          if (!parent || node.name.value.startsWith("__")) return node.name.value === "__schema" || node.name.value === "__type" ? false : undefined;
          if (!inProcessCoordinates.has(`${parent.name}.${node.name.value}`)) inProcess = false;
          return undefined;
        },
      }),
    );
    return inProcess ? "in-process" : "federated";
  }
}

/** A document's length in characters of text (parsed documents carry their source; one without counts as long). */
function textLength(document: DocumentNode): number {
  return document.loc?.source.body.length ?? LONGEST_COMPILED_TEXT + 1;
}

function compile(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): Plan {
  const operation = getOperationAST(document, operationName);
  if (!operation) return null;
  try {
    const compiled = compileQuery(schema, document, operationName ?? undefined);
    return isCompiledQuery(compiled) ? { compiled, variableDefinitions: operation.variableDefinitions ?? [] } : null;
  } catch {
    // graphql-jit reports what it cannot compile as errors, but a throw must not fail the request either.
    return null;
  }
}

function coordinatesOf(schema: GraphQLSchema): Set<string> {
  const coordinates = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!("getFields" in type) || type.name.startsWith("__")) continue;
    for (const field of Object.keys((type as { getFields(): Record<string, unknown> }).getFields())) coordinates.add(`${type.name}.${field}`);
  }
  return coordinates;
}
