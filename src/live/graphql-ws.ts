import type http from "node:http";
import { execute, getOperationAST, subscribe, type ExecutionArgs, type ExecutionResult, type GraphQLError } from "graphql";
import { CloseCode, type Context as SocketContext } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer, type WebSocket } from "ws";
import { auditEntry } from "../audit/audit-plugin";
import { selectedCoordinates } from "../audit/selected-fields";
import { createRequestContext, identifyRequest, type RequestContext } from "../context";
import { withStatementStats, type StatementStats } from "../database";
import { ErrorCode } from "../errors";
import { formatErrorForClient } from "../graphql/error-masking";
import type { ServerDependencies } from "../server";

/** Close codes with which the hub refuses a connection, after graphql-ws's 4403 Forbidden. */
export const WS_CLOSE = { unauthenticated: 4401, forbidden: CloseCode.Forbidden } as const;

interface ConnectionParams {
  authorization?: unknown;
  purpose?: unknown;
}

type Socket = SocketContext<Record<string, unknown>, { socket: WebSocket }>;

/**
 * graphql-ws on the HTTP server's GraphQL path: the same token, purpose, field rules and audit as
 * HTTP. The token comes in `connectionParams.authorization` ("Bearer …") and the purpose in
 * `connectionParams.purpose`; a bad credential closes the socket with 4401 and the reason, a
 * purpose the token does not allow with 4403. Returns a function that closes every socket.
 */
export function serveGraphqlWs(httpServer: http.Server, path: string, deps: ServerDependencies): () => Promise<void> {
  const wsServer = new WebSocketServer({ server: httpServer, path });
  const credentialsOf = (socket: Socket) => {
    const params = (socket.connectionParams ?? {}) as ConnectionParams;
    return {
      headers: {},
      authorization: typeof params.authorization === "string" ? params.authorization : undefined,
      purpose: typeof params.purpose === "string" ? params.purpose : undefined,
    };
  };
  /** A context per operation (and fresh loaders with it), never one per connection. */
  const contextFor = (socket: Socket) => createRequestContext(deps, credentialsOf(socket), identifyRequest({}, deps.boundText), { sqlStatements: 0 });

  const cleanup = useServer<Record<string, unknown>, { socket: WebSocket }>(
    {
      schema: deps.schema,
      async onConnect(socket) {
        try {
          await contextFor(socket);
          return true;
        } catch (error) {
          const { message, extensions } = error as GraphQLError;
          const code = extensions?.code === ErrorCode.UNAUTHENTICATED ? WS_CLOSE.unauthenticated : WS_CLOSE.forbidden;
          // A close reason is at most 123 bytes; the message says what was wrong with the credential.
          socket.extra.socket.close(code, Buffer.from(String(message)).subarray(0, 123).toString());
          return false;
        }
      },
      context: (socket) => contextFor(socket),
      execute: (args: ExecutionArgs) => withStatementStats((args.contextValue as RequestContext).stats as StatementStats, () => execute(args)),
      subscribe: (args: ExecutionArgs) => withStatementStats((args.contextValue as RequestContext).stats as StatementStats, () => subscribe(args)),
      async onNext(_socket, _id, payload, args, result) {
        const context = args.contextValue as RequestContext;
        const sent = clientResult(result as ExecutionResult, context);
        const operation = getOperationAST(args.document, args.operationName);
        const operationType = operation?.operation ?? null;
        await deps.audit?.sink.record(
          auditEntry(context, {
            fieldsTouched: selectedCoordinates(args.schema, args.document),
            operationType: operationType === "subscription" ? "subscription-event" : operationType,
            operationName: operation?.name?.value ?? null,
            documentHash: deps.audit.hashDocument(payload.query),
            variables: payload.variables ? deps.audit.protect(payload.variables) : null,
            errors: sent.errors ?? [],
            data: sent.data,
          }),
        );
        return sent;
      },
      onError: (_socket, _id, _payload, errors) => errors.map((error) => formatErrorForClient(error.toJSON())),
    },
    wsServer,
  );
  return async () => {
    await cleanup.dispose();
  };
}

/** The result as a client may see it: errors masked as over HTTP, suppressed counts explained. */
function clientResult(result: ExecutionResult, context: RequestContext) {
  const extensions = context.access.withSuppressionNotes(result.extensions);
  return {
    data: result.data,
    ...(result.errors ? { errors: result.errors.map((error) => formatErrorForClient(error.toJSON())) } : {}),
    ...(extensions ? { extensions } : {}),
  };
}
