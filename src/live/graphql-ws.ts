import type http from "node:http";
import { GraphQLError, getOperationAST, validate, type DocumentNode, type ExecutionArgs, type ExecutionResult, type GraphQLFormattedError } from "graphql";
import { CloseCode, type Context as SocketContext, type SubscribePayload } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer, type WebSocket } from "ws";
import { auditEntry, refusalEntry } from "../audit/audit-plugin";
import { selectedCoordinates } from "../audit/selected-fields";
import { createRequestContext, identifyRequest, type RequestContext, type RequestIdentity } from "../context";
import type { StatementStats } from "../database";
import { ErrorCode } from "../errors";
import { formatErrorForClient } from "../graphql/error-masking";
import { stringInputProblem } from "../graphql/string-inputs";
import { variablesProblem } from "../graphql/variables-depth";
import { parseWithinTokenLimit, rateLimited } from "../limits";
import type { ServerDependencies } from "../server";
import { LiveEvents, contextOfEvent, isNotice } from "./live-operation";
import { prepareSubscription, type LiveStart } from "./subscription-start";

/** Close codes with which the hub refuses a connection: graphql-ws's 4403 Forbidden, and WebSocket's 1008 (policy violation) for a socket that keeps sending refused operations. */
export const WS_CLOSE = { unauthenticated: 4401, forbidden: CloseCode.Forbidden, tooManyRefusals: 1008 } as const;

/** A socket that keeps sending operations the hub refuses is closed after this many in a row. */
const MAX_REFUSALS_IN_A_ROW = 50;

interface ConnectionParams {
  authorization?: unknown;
  purpose?: unknown;
}

/** What the hub keeps per socket, beside graphql-ws's own state. */
interface SocketState {
  /** Operations past the in-flight check and not yet answered. */
  inFlight: number;
  /** Who the socket's last operation was made by, for the audit rows of operations refused before a context is built. */
  caller?: Pick<RequestContext, "principal" | "purpose">;
  refusalsInARow: number;
  /** Set just before the hub closes the socket with a refusal it has already audited. */
  closeAudited: boolean;
  /** Subscriptions open on the socket (they leave the in-flight count once started, and are bounded on their own). */
  subscriptions: number;
}

type OperationContext = RequestContext & { finishOperation?: () => void; live?: LiveStart };

type Extra = { socket: WebSocket; request: http.IncomingMessage };
type Socket = SocketContext<Record<string, unknown>, Extra>;

/** Why graphql-ws or ws closed a socket, as audit codes: each such close is a refusal and gets its row. */
const CLOSE_CODES: Record<number, string> = {
  1009: "BAD_REQUEST", // a message over the size limit
  [CloseCode.BadRequest]: "BAD_REQUEST",
  [CloseCode.Unauthorized]: ErrorCode.UNAUTHENTICATED, // an operation before connection_init was acknowledged
  [CloseCode.Forbidden]: ErrorCode.FORBIDDEN,
  [CloseCode.ConnectionInitialisationTimeout]: "BAD_REQUEST",
  [CloseCode.TooManyInitialisationRequests]: "BAD_REQUEST",
  [CloseCode.SubscriberAlreadyExists]: "BAD_REQUEST",
  [WS_CLOSE.tooManyRefusals]: ErrorCode.RATE_LIMITED,
};

/**
 * graphql-ws on the HTTP server's GraphQL path, with the protections of HTTP: the same token,
 * purpose, field rules, operation limits, budgets and audit. The token comes in
 * `connectionParams.authorization` ("Bearer …") and the purpose in `connectionParams.purpose`; a
 * bad credential closes the socket with 4401 and the reason (also when the token expires while
 * the socket is open), a purpose the token does not allow with 4403. Messages are bounded like
 * HTTP bodies, and so are the operations one socket may have in flight. Every refusal and error
 * leaves an audit row, and every error carries the request id in its `extensions`.
 * Subscriptions are checked at their start like any operation, plus their root field's mandate and
 * arguments and the bounds on open subscriptions; each event is then resolved with a context of
 * its own and audited before it is sent (src/live/live-operation.ts). Returns a function that
 * closes every socket.
 */
export function serveGraphqlWs(httpServer: http.Server, path: string, deps: ServerDependencies): () => Promise<void> {
  const { config, graph, admission, audit } = deps;
  const schema = graph.apiSchema;
  const wsServer = new WebSocketServer({ server: httpServer, path, maxPayload: config.maxBodyBytes });
  const states = new WeakMap<WebSocket, SocketState>();
  const stateOfSocket = (socket: WebSocket): SocketState => {
    let state = states.get(socket);
    if (!state) states.set(socket, (state = { inFlight: 0, refusalsInARow: 0, closeAudited: false, subscriptions: 0 }));
    return state;
  };
  // Registered before graphql-ws's own listener, so that every close it makes passes through the audit.
  wsServer.on("connection", (socket) => auditClosesOf(socket, stateOfSocket(socket), deps));
  const stateOf = (ctx: Socket): SocketState => stateOfSocket(ctx.extra.socket);
  const credentialsOf = (ctx: Socket) => {
    const params = (ctx.connectionParams ?? {}) as ConnectionParams;
    return {
      headers: {},
      authorization: typeof params.authorization === "string" ? params.authorization : undefined,
      purpose: typeof params.purpose === "string" ? params.purpose : undefined,
      remoteAddress: ctx.extra.request.socket.remoteAddress,
    };
  };
  /** Closes the socket with a refusal that has its audit row already. */
  const closeWith = (ctx: Socket, code: number, message: string) => {
    stateOf(ctx).closeAudited = true;
    // A close reason is at most 123 bytes; the message says what was wrong.
    ctx.extra.socket.close(code, Buffer.from(message).subarray(0, 123).toString());
  };
  /** Audits a refused operation and answers it with `errors`, each carrying the request id. */
  const refuse = async (
    ctx: Socket,
    identity: RequestIdentity,
    payload: SubscribePayload,
    errors: readonly GraphQLError[],
    context?: Pick<RequestContext, "principal" | "purpose">,
    entry = refusalEntry(identity, errors[0], payload, context),
  ) => {
    const state = stateOf(ctx);
    // Counted and closed before the audit write: messages already queued behind this one find the socket closed.
    state.refusalsInARow += 1;
    if (state.refusalsInARow >= MAX_REFUSALS_IN_A_ROW) {
      closeWith(ctx, WS_CLOSE.tooManyRefusals, `${state.refusalsInARow} operations refused in a row; reconnect once they are fixed.`);
    }
    await audit?.sink.record(entry);
    return errors.map((error) => withRequestId(error, identity.requestId));
  };
  /** The audit row of an operation with a context: what it touched and which fields were refused. */
  const operationEntry = (
    context: RequestContext,
    document: DocumentNode,
    payload: SubscribePayload,
    operationType: "subscription" | "subscription-event" | null,
    errors: readonly GraphQLFormattedError[],
    data: unknown,
  ) => {
    const operation = getOperationAST(document, payload.operationName);
    return auditEntry(context, {
      fieldsTouched: selectedCoordinates(schema, document),
      operationType: operationType ?? operation?.operation ?? null,
      operationName: operation?.name?.value ?? null,
      documentHash: audit ? audit.hashDocument(payload.query) : null,
      variables: payload.variables && audit ? audit.protect(payload.variables) : null,
      errors,
      data,
    });
  };
  /** Checks a subscription before it starts (src/live/subscription-start.ts); throws the refusal. */
  const startLive = (ctx: Socket, state: SocketState, context: RequestContext, document: DocumentNode, payload: SubscribePayload) =>
    prepareSubscription(
      deps,
      { state, credentials: credentialsOf(ctx), close: (refusal, message) => closeWith(ctx, WS_CLOSE[refusal], message) },
      context,
      document,
      payload,
    );

  const cleanup = useServer<Record<string, unknown>, Extra>(
    {
      schema,
      async onConnect(ctx) {
        const identity = identifyRequest({}, deps.boundText);
        try {
          const context = await createRequestContext(deps, credentialsOf(ctx), identity, { sqlStatements: 0 });
          context.caller.deadline.dispose();
          stateOf(ctx).caller = { principal: context.principal, purpose: context.purpose };
          return true;
        } catch (error) {
          const { message, extensions } = error as GraphQLError;
          await audit?.sink.record(refusalEntry(identity, error as GraphQLError, undefined));
          closeWith(ctx, extensions?.code === ErrorCode.UNAUTHENTICATED ? WS_CLOSE.unauthenticated : WS_CLOSE.forbidden, String(message));
          // The socket is already closing with the reason; graphql-ws's own close after this is a no-op.
          return false;
        }
      },
      /** Each operation is checked as an HTTP request is: credential, input, limits, budget. */
      async onSubscribe(ctx, _id, payload) {
        // Messages already received when the hub closed the socket are not operations it answers.
        if (ctx.extra.socket.readyState !== ctx.extra.socket.OPEN) return [new GraphQLError("The socket is closed.")];
        const identity = identifyRequest({}, deps.boundText);
        const state = stateOf(ctx);
        // Decided before anything is awaited, so a burst of messages cannot all get past the bound.
        if (state.inFlight >= config.wsMaxInFlight) {
          const error = rateLimited(
            `This socket has ${state.inFlight} operations in flight, the most one socket may have (${config.wsMaxInFlight}). Wait for one to complete.`,
            1,
            "socket-in-flight",
          );
          admission.events.budgetRejected?.("socket-in-flight");
          return refuse(ctx, identity, payload, [error], state.caller);
        }
        state.inFlight += 1;
        const stats: StatementStats = { sqlStatements: 0 };
        let context: RequestContext;
        try {
          // A context per operation (and fresh loaders with it), never one per connection; the token is checked again each time.
          context = await createRequestContext(deps, credentialsOf(ctx), identity, stats);
          state.caller = { principal: context.principal, purpose: context.purpose };
        } catch (error) {
          state.inFlight -= 1;
          const errors = await refuse(ctx, identity, payload, [error as GraphQLError]);
          const { extensions, message } = error as GraphQLError;
          closeWith(ctx, extensions?.code === ErrorCode.UNAUTHENTICATED ? WS_CLOSE.unauthenticated : WS_CLOSE.forbidden, message);
          return errors;
        }
        let document: DocumentNode;
        let release: () => void;
        try {
          document = parseWithinTokenLimit(String(payload.query ?? ""), admission.limitsFor(context.caller).tokens);
          const invalid = validate(schema, document);
          if (invalid.length > 0) throw invalid.map((error) => withCode(error, "GRAPHQL_VALIDATION_FAILED"));
          const deepVariables = variablesProblem(payload.variables, config.maxVariablesDepth);
          if (deepVariables) throw new GraphQLError(deepVariables, { extensions: { code: ErrorCode.BAD_USER_INPUT, argument: "variables" } });
          const badString = stringInputProblem(document, payload.variables, config.maxStringLength);
          if (badString) throw badString;
          if (!getOperationAST(document, payload.operationName)) {
            throw new GraphQLError(`No operation ${payload.operationName ? `named "${payload.operationName}"` : "to run"} in the document.`, {
              extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
            });
          }
          release = (await admission.admit(context.caller, schema, document, payload.operationName, payload.variables)).release;
        } catch (thrown) {
          state.inFlight -= 1;
          context.caller.deadline.dispose();
          const errors = (Array.isArray(thrown) ? thrown : [thrown]).map((error) =>
            error instanceof GraphQLError ? withCode(error, "GRAPHQL_PARSE_FAILED") : error,
          );
          return refuse(ctx, identity, payload, errors as GraphQLError[], context);
        }
        let live: LiveStart | undefined;
        if (getOperationAST(document, payload.operationName)?.operation === "subscription") {
          try {
            live = startLive(ctx, state, context, document, payload);
          } catch (thrown) {
            state.inFlight -= 1;
            release();
            context.caller.deadline.dispose();
            const errors = (Array.isArray(thrown) ? thrown : [thrown]).map((error) =>
              error instanceof GraphQLError ? error : new GraphQLError(String(error)),
            );
            const formatted = errors.map((error) => formatErrorForClient(error.toJSON()));
            // Refused at its start: one audit row, naming the refused root field.
            return refuse(ctx, identity, payload, errors, context, operationEntry(context, document, payload, "subscription", formatted, null));
          }
        }
        state.refusalsInARow = 0;
        let done = false;
        const finish = () => {
          if (done) return;
          done = true;
          state.inFlight -= 1;
          release();
          context.caller.deadline.dispose();
        };
        (context as OperationContext).finishOperation = finish;
        (context as OperationContext).live = live;
        return { schema, document, contextValue: context, variableValues: payload.variables, operationName: payload.operationName } satisfies ExecutionArgs;
      },
      // The same executor as HTTP: mandates at the door, in-process or planned across subgraphs.
      execute: (args: ExecutionArgs) =>
        runOperation(args, () =>
          graph.execute({
            document: args.document,
            operationName: args.operationName,
            variables: args.variableValues ?? undefined,
            context: args.contextValue as RequestContext,
          }),
        ),
      // Each event is resolved as a query, with a context of its own (src/live/live-operation.ts).
      subscribe: (args: ExecutionArgs) =>
        runOperation(args, async () => {
          const context = args.contextValue as OperationContext;
          const { started, subscription, payload, resolve } = context.live!;
          try {
            // The start is an operation of its own: one audit row, with the mandate its root field used.
            context.access.reached([`Subscription.${started.field.field}`]);
            await audit?.sink.record(operationEntry(context, args.document, payload, "subscription", [], null));
          } catch (error) {
            // No audit row, no subscription: it stops listening before anything is sent.
            subscription.end();
            throw error;
          }
          return new LiveEvents(subscription, resolve);
        }),
      async onNext(_ctx, _id, payload, args, result) {
        const executed = result as ExecutionResult;
        // A notice (events missed or dropped) carries no data, so it has no audit row of its own.
        if (isNotice(executed)) return { errors: executed.errors?.map((error) => formatErrorForClient(error.toJSON())) };
        const context = contextOfEvent(executed) ?? (args.contextValue as RequestContext);
        const sent = clientResult(executed, context);
        const operationType = getOperationAST(args.document, args.operationName)?.operation ?? null;
        await audit?.sink.record(
          operationEntry(context, args.document, payload, operationType === "subscription" ? "subscription-event" : null, sent.errors ?? [], sent.data),
        );
        return sent;
      },
      onError: (_ctx, _id, _payload, errors) => errors.map((error) => formatErrorForClient(error.toJSON())),
    },
    wsServer,
  );
  return async () => {
    await cleanup.dispose();
  };
}

/** Runs an admitted operation (its statements counted and held to its deadline by its context) and frees its admission when it has run. */
async function runOperation<T>(args: ExecutionArgs, run: (args: ExecutionArgs) => T): Promise<Awaited<T>> {
  const context = args.contextValue as RequestContext & { finishOperation?: () => void };
  try {
    return await run(args);
  } finally {
    context.finishOperation?.();
  }
}

/**
 * Audits the closes that graphql-ws or ws decide on their own (a message over the size limit, an
 * operation before connection_init, a malformed message…), which no operation hook sees.
 */
function auditClosesOf(socket: WebSocket, state: SocketState, deps: ServerDependencies): void {
  // ws reports an oversized message here as well as closing with 1009; without a listener it would throw.
  socket.on("error", () => undefined);
  const close = socket.close.bind(socket);
  let closing = false;
  socket.close = ((code?: number, reason?: string | Buffer) => {
    const auditCode = code === undefined ? undefined : CLOSE_CODES[code];
    if (!closing && auditCode && !state.closeAudited && deps.audit) {
      const identity = identifyRequest({}, deps.boundText);
      void deps.audit.sink.record(refusalEntry(identity, { extensions: { code: auditCode } }, undefined)).catch(() => undefined);
    }
    closing = true;
    close(code, reason);
  }) as WebSocket["close"];
}

/** The result as a client may see it: errors masked as over HTTP, with the request id, suppressed counts explained. */
function clientResult(result: ExecutionResult, context: RequestContext) {
  const extensions = context.access.withSuppressionNotes(result.extensions);
  return {
    data: result.data,
    ...(result.errors ? { errors: result.errors.map((error) => withRequestIdFormatted(formatErrorForClient(error.toJSON()), context.requestId)) } : {}),
    ...(extensions ? { extensions } : {}),
  };
}

/** A socket has no response headers: the request id travels in each error. */
function withRequestId(error: GraphQLError, requestId: string): GraphQLError {
  return new GraphQLError(error.message, {
    ...error,
    originalError: error.originalError ?? undefined,
    extensions: { ...stripHttp(error.extensions), requestId },
  });
}

function withRequestIdFormatted(error: GraphQLFormattedError, requestId: string): GraphQLFormattedError {
  return { ...error, extensions: { ...error.extensions, requestId } };
}

/** Gives an error without a code the one graphql-ws refusals of its kind get over HTTP. */
function withCode(error: GraphQLError, code: string): GraphQLError {
  if (typeof error.extensions?.code === "string") return error;
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { ...error.extensions, code } });
}

/** HTTP status and headers mean nothing on a socket. */
function stripHttp(extensions: GraphQLError["extensions"]): Record<string, unknown> {
  const { http: _http, ...rest } = extensions ?? {};
  return rest;
}
