import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from "@apollo/server";
import type { GraphQLFormattedError } from "graphql";
import type { RequestContext, RequestIdentity } from "../context";
import { ErrorCode } from "../errors";
import type { AuditEntryInput, AuditOperationType, AuditOutcome } from "./audit-entry";
import { selectedCoordinates } from "./selected-fields";
import type { Logger } from "../logger";

/** Where audit rows go: resolves once the row is durably written. */
export interface AuditSink {
  record(entry: AuditEntryInput): Promise<void>;
}

/** Keyed hashing of variable values, so that no personal data is stored in clear. */
export type VariableProtector = (variables: Record<string, unknown>) => Record<string, unknown>;

/** Keyed hash of a GraphQL document's text (documentHash in keyed-hash.ts). */
export type DocumentHasher = (document: string) => string;

/**
 * Writes one audit row per GraphQL request and holds the response until the row is durable. If the
 * audit log cannot be written, the answer is withheld: data never leaves unrecorded.
 */
export function auditPlugin(sink: AuditSink, protect: VariableProtector, hashDocument: DocumentHasher, logger: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(requestContext) {
          const { response, contextValue } = requestContext;
          if (response.body.kind !== "single") return;
          try {
            await sink.record(entryFor(requestContext, protect, hashDocument));
          } catch (error) {
            logger.error({ requestId: contextValue.requestId, err: error }, "audit row not written, answer withheld");
            response.http.status = 503;
            response.body.singleResult = {
              errors: [
                {
                  message: "The audit log could not be written, so the answer was withheld. Try again shortly.",
                  extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
                },
              ],
            };
          }
        },
      };
    },
  };
}

function entryFor(
  requestContext: GraphQLRequestContextWillSendResponse<RequestContext>,
  protect: VariableProtector,
  hashDocument: DocumentHasher,
): AuditEntryInput {
  const { contextValue: context, request, operation, response, document, schema } = requestContext;
  // source: the text Apollo ran, also when it came from the persisted-query cache.
  const source = requestContext.source ?? request.query;
  const result = response.body.kind === "single" ? response.body.singleResult : undefined;
  return auditEntry(context, {
    fieldsTouched: document ? selectedCoordinates(schema, document) : [],
    operationType: operation?.operation ?? null,
    operationName: requestContext.operationName ?? request.operationName ?? null,
    documentHash: typeof source === "string" ? hashDocument(source) : null,
    variables: request.variables ? protect(request.variables) : null,
    errors: result?.errors ?? [],
    data: result?.data,
  });
}

/** The audit row of one answered operation, from its context and what was sent (errors already formatted). */
export function auditEntry(
  context: RequestContext,
  sent: {
    /** Coordinates the document selects (see selectedCoordinates). */
    fieldsTouched: string[];
    operationType: AuditOperationType | null;
    operationName: string | null;
    documentHash: string | null;
    variables: Record<string, unknown> | null;
    errors: readonly GraphQLFormattedError[];
    data: unknown;
  },
): AuditEntryInput {
  return {
    ...principalColumns(context),
    at: context.startedAt,
    requestId: context.requestId,
    clientRequestId: context.clientRequestId,
    operationType: sent.operationType,
    operationName: sent.operationName,
    documentHash: sent.documentHash,
    variables: sent.variables,
    fieldsTouched: sent.fieldsTouched,
    ...context.access.report(sent.fieldsTouched),
    durationMs: Date.now() - context.startedAt.getTime(),
    outcome: outcomeOf(sent.errors, sent.data),
    errorCodes: errorCodes(sent.errors),
  };
}

/**
 * An audit row for a request refused before any field ran: a bad token or disallowed purpose
 * (no context yet), or a body that is not a GraphQL request (context, when it was built, names
 * the principal).
 */
export function refusalEntry(
  identity: RequestIdentity,
  error: { extensions?: Record<string, unknown> },
  body: { operationName?: unknown } | undefined,
  context?: Pick<RequestContext, "principal" | "purpose">,
): AuditEntryInput {
  const code = String(error.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR);
  return {
    at: identity.startedAt,
    requestId: identity.requestId,
    clientRequestId: identity.clientRequestId,
    ...principalColumns(context ?? { principal: null, purpose: null }),
    operationType: null,
    operationName: typeof body?.operationName === "string" ? body.operationName : null,
    documentHash: null,
    variables: null,
    fieldsTouched: [],
    mandatesUsed: [],
    fieldsDenied: [],
    domains: [],
    rowsReturned: 0,
    provincesReturned: [],
    durationMs: Date.now() - identity.startedAt.getTime(),
    outcome: REFUSAL_OUTCOMES[code] ?? "error",
    errorCodes: [code],
  };
}

const REFUSAL_OUTCOMES: Record<string, AuditOutcome> = {
  [ErrorCode.UNAUTHENTICATED]: "unauthenticated",
  [ErrorCode.FORBIDDEN]: "denied",
  [ErrorCode.RATE_LIMITED]: "denied",
  [ErrorCode.QUERY_TOO_COMPLEX]: "invalid",
  [ErrorCode.BAD_USER_INPUT]: "invalid",
  GRAPHQL_PARSE_FAILED: "invalid",
  GRAPHQL_VALIDATION_FAILED: "invalid",
  BAD_REQUEST: "invalid",
};

function principalColumns(context: Pick<RequestContext, "principal" | "purpose">) {
  return {
    subject: context.principal?.subject ?? null,
    agency: context.principal?.agency ?? null,
    roles: context.principal?.roles ?? [],
    provinceCode: context.principal?.provinceCode ?? null,
    purpose: context.purpose,
  };
}

function errorCodes(errors: readonly GraphQLFormattedError[]): string[] {
  return [...new Set(errors.map((e) => String(e.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR)))].sort();
}

function outcomeOf(errors: readonly GraphQLFormattedError[], data: unknown): AuditOutcome {
  if (errors.length === 0) return "ok";
  const codes = errorCodes(errors);
  if (codes.includes(ErrorCode.INTERNAL_SERVER_ERROR)) return "error";
  if (data === undefined || data === null) return codes.every((c) => c === ErrorCode.FORBIDDEN || c === ErrorCode.RATE_LIMITED) ? "denied" : "invalid";
  if (codes.every((c) => c === ErrorCode.FORBIDDEN)) return "partial";
  return codes.includes(ErrorCode.BAD_USER_INPUT) ? "invalid" : "partial";
}
