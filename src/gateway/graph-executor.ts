import { execute, GraphQLError, Kind, TypeInfo, visit, visitWithTypeInfo, getOperationAST, type DocumentNode, type ExecutionResult, type GraphQLSchema } from "graphql";
import { insertRefusals, rewriteForAccess } from "../access/door";
import { reachedCoordinates } from "../access/reached-coordinates";
import type { RequestContext } from "../context";
import { ErrorCode } from "../errors";
import type { FederatedRuntime } from "./federated-runtime";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";

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
}

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
   * Compiled execution plans (graphql-jit) of the in-process graph, per document and operation name.
   * Only documents the door left unchanged are compiled: a rewritten one is a new object per request,
   * and runs on graphql-js as before. Undefined: graphql-jit could not compile it (graphql-js runs it).
   */
  private readonly compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | undefined>>();
  private readonly inProcessCoordinates: ReadonlySet<string>;

  constructor(private readonly parts: GraphExecutorParts) {
    this.inProcessCoordinates = parts.inProcessSchema ? coordinatesOf(parts.inProcessSchema) : new Set();
  }

  get apiSchema(): GraphQLSchema {
    return this.parts.apiSchema;
  }

  /** True when the operation runs on the in-process graph (so an execution worker, which has that graph, can run it). */
  runsInProcess(document: DocumentNode, operationName: string | null | undefined): boolean {
    return this.parts.inProcessSchema !== null && this.routeOf(document, operationName) !== "federated";
  }

  async execute(request: { document: DocumentNode; operationName: string | null | undefined; variables: Record<string, unknown> | undefined; context: RequestContext }): Promise<ExecutionResult> {
    const { context, variables, operationName } = request;
    const rewrite = this.parts.accessControl ? rewriteForAccess(this.parts.apiSchema, request.document, operationName, (coordinate) => context.access.decide(coordinate)) : undefined;
    const document = rewrite?.document ?? request.document;
    const route = rewrite && !rewrite.unchanged ? this.routeOf(document, operationName, false) : this.routeOf(request.document, operationName);
    let result: ExecutionResult;
    if (route === "federated" || (route === "in-process" && !this.parts.inProcessSchema)) {
      if (!this.parts.federated) throw new GraphQLError("This operation selects fields no subgraph of this gateway serves.", { extensions: { code: ErrorCode.BAD_USER_INPUT } });
      result = await this.parts.federated.execute(document, operationName, variables, context);
    } else {
      const schema = route === "introspection" ? this.parts.apiSchema : this.parts.inProcessSchema!;
      const plan = route === "in-process" && (!rewrite || rewrite.unchanged) ? this.planFor(schema, document, operationName) : undefined;
      result = plan
        ? await plan.query(undefined, context, variables ?? {})
        : await execute({ schema, document, variableValues: variables, operationName, contextValue: context });
    }
    if (rewrite) context.access.reached(reachedCoordinates(this.parts.apiSchema, document, operationName, result.data));
    return rewrite && !rewrite.unchanged ? insertRefusals(result, rewrite.refused) : result;
  }

  private planFor(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): CompiledQuery | undefined {
    let byName = this.compiled.get(document);
    if (!byName) this.compiled.set(document, (byName = new Map()));
    const key = operationName ?? "";
    if (!byName.has(key)) {
      const plan = compileQuery(schema, document, operationName ?? undefined);
      byName.set(key, isCompiledQuery(plan) ? plan : undefined);
    }
    return byName.get(key);
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
    if (roots.length > 0 && roots.every((selection) => selection.kind === Kind.FIELD && (selection.name.value === "__schema" || selection.name.value === "__type"))) return "introspection";
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

function coordinatesOf(schema: GraphQLSchema): Set<string> {
  const coordinates = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!("getFields" in type) || type.name.startsWith("__")) continue;
    for (const field of Object.keys((type as { getFields(): Record<string, unknown> }).getFields())) coordinates.add(`${type.name}.${field}`);
  }
  return coordinates;
}
