import { GraphQLError, getOperationAST, type DocumentNode } from "graphql";
import { getVariableValues } from "graphql/execution/values";
import type { SubscribePayload } from "graphql-ws";
import { refusalEntry } from "../audit/audit-plugin";
import { createRequestContext, identifyRequest, type RequestContext } from "../context";
import { ErrorCode } from "../errors";
import { rateLimited } from "../limits";
import type { ServerDependencies } from "../server";
import { eventAsQuery } from "./as-query";
import type { BatchAppliedEvent } from "./batch-events";
import { readsOf } from "./event-reads";
import { startSubscription, type ResolvedEvent, type StartedSubscription } from "./live-operation";
import type { LiveSubscription } from "./live-subscriptions";

/** The socket a subscription comes in on, as far as its start and its events need it. */
export interface SubscriberSocket {
  /** Subscriptions the socket holds, and who its last operation was made by (for audit rows without a context). */
  state: { subscriptions: number; caller?: Pick<RequestContext, "principal" | "purpose"> };
  /** What the socket's connectionParams carry, read again for every event. */
  credentials: Parameters<typeof createRequestContext>[1];
  /** Closes the socket with a refusal that already has its audit row. */
  close(refusal: "unauthenticated" | "forbidden", message: string): void;
}

/** A subscription admitted to start: what it follows, its queue, and how each of its events is resolved. */
export interface LiveStart {
  started: StartedSubscription;
  /** Already listening: end it if the start goes no further. */
  subscription: LiveSubscription;
  payload: SubscribePayload;
  state: SubscriberSocket["state"];
  /** Resolves one event for this subscriber with a context of its own; null when nothing it may see changed. */
  resolve(event: BatchAppliedEvent): Promise<ResolvedEvent>;
}

/**
 * Checks a subscription before it starts, as a query's fields are checked before they run: the
 * socket's and the caller's bounds on open subscriptions (RATE_LIMITED), its variables and
 * arguments (BAD_USER_INPUT), its root field's mandate (FORBIDDEN). Throws the refusal; otherwise
 * starts listening and returns how its events will be resolved: each with a fresh context (fresh loaders, the token
 * checked again, mandates judged at that instant) by the same executor as queries, in-process with
 * the event as root value, or asked as a query where the subgraphs run elsewhere.
 */
export function prepareSubscription(
  deps: ServerDependencies,
  socket: SubscriberSocket,
  context: RequestContext,
  document: DocumentNode,
  payload: SubscribePayload,
): LiveStart {
  const { live, config, graph, audit } = deps;
  const { state } = socket;
  if (!live) throw new GraphQLError("This hub serves no subscriptions.", { extensions: { code: ErrorCode.BAD_USER_INPUT } });
  if (state.subscriptions >= config.wsMaxSubscriptions) {
    deps.admission.events.budgetRejected?.("socket-subscriptions");
    throw rateLimited(
      `This socket holds ${state.subscriptions} subscriptions, the most one socket may (${config.wsMaxSubscriptions}). Complete one first.`,
      1,
      "socket-subscriptions",
    );
  }
  const operation = getOperationAST(document, payload.operationName)!;
  const coerced = getVariableValues(graph.apiSchema, operation.variableDefinitions ?? [], payload.variables ?? {});
  if (coerced.errors)
    throw coerced.errors.map((error) => new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: ErrorCode.BAD_USER_INPUT } }));
  const inProcess = graph.runsInProcess(document, payload.operationName);
  const started = startSubscription(graph.apiSchema, document, operation, coerced.coerced, context.access, live, graph.accessControl, inProcess);
  const variables = payload.variables ?? undefined;

  const resolveWith = async (eventContext: RequestContext, event: BatchAppliedEvent): Promise<ResolvedEvent> => {
    // In-process the root field resolves the event; across remote subgraphs the event is asked as a query of the supergraph.
    const asQuery = inProcess ? undefined : eventAsQuery(document, payload.operationName, started.root, started.field.asQuery!(started.args, event));
    const result = asQuery
      ? asQuery.reshape(await graph.execute({ document: asQuery.document, operationName: payload.operationName, variables, context: eventContext }))
      : await graph.execute({ document, operationName: payload.operationName, variables, context: eventContext, rootValue: event });
    const value = (result.data as Record<string, unknown> | null | undefined)?.[started.responseKey];
    // Nothing this subscriber may see: a row outside its province looks like no change at all.
    if ((value === null || value === undefined) && !result.errors?.length) return null;
    // The root field refused now (a mandate that ended since the start): this answer says so, and is the last.
    const last = result.errors?.some((error) => error.extensions?.code === ErrorCode.FORBIDDEN && error.path?.length === 1) ?? false;
    return { result, context: eventContext, last };
  };

  const resolve = async (event: BatchAppliedEvent): Promise<ResolvedEvent> => {
    const identity = identifyRequest({}, deps.boundText);
    let eventContext: RequestContext;
    try {
      eventContext = await createRequestContext(deps, socket.credentials, identity, { sqlStatements: 0 }, readsOf(event));
    } catch (error) {
      // The token expired or was revoked since the start: audited, and the socket closed as for any operation.
      const { extensions, message } = error as GraphQLError;
      await audit?.sink.record(refusalEntry(identity, error as GraphQLError, payload, state.caller));
      socket.close(extensions?.code === ErrorCode.UNAUTHENTICATED ? "unauthenticated" : "forbidden", message);
      return null;
    }
    try {
      return await resolveWith(eventContext, event);
    } catch (error) {
      deps.logger.error({ requestId: identity.requestId, err: error }, "a subscription event could not be resolved");
      throw error;
    } finally {
      eventContext.caller.deadline.dispose();
    }
  };
  // Opened in the same turn as the bounds were checked, so concurrent starts cannot all pass them; past here nothing refuses.
  const subscription = live.open(context.caller.key, started.matches, () => (state.subscriptions -= 1));
  state.subscriptions += 1;
  return { started, subscription, payload, state, resolve };
}
