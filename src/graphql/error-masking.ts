import type { GraphQLFormattedError } from "graphql";
import { ErrorCode, QUOTED_PREFIX } from "../errors";

/** Codes whose messages were written for the client; any other error is masked. */
const CLIENT_CODES = new Set<string>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
  ErrorCode.QUERY_TOO_COMPLEX,
  ErrorCode.RATE_LIMITED,
  ErrorCode.REQUEST_TIMEOUT,
  ErrorCode.EVENTS_MISSED,
  ErrorCode.EVENTS_DROPPED,
  // Apollo's own request errors: parse and validation failures, bad HTTP requests.
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

/**
 * Apollo `formatError`: passes through errors we meant the client to read (Apollo gives anything
 * thrown that is not a GraphQLError the code INTERNAL_SERVER_ERROR), and replaces everything else,
 * a database error or a bug, with a generic message so no internal text leaks.
 */
export function formatErrorForClient(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === "string" && CLIENT_CODES.has(code)) return { ...formatted, message: withShortQuotes(formatted.message) };
  return {
    message: "Internal error. The hub's operators can find it in the log by the x-request-id header of this response.",
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

/** Quoted text longer than this in a message is cut (graphql-js quotes a bad value whole). */
const LONGEST_QUOTE = 60;
/** A message past this is cut, whatever it holds. */
const LONGEST_MESSAGE = 4_000;

/**
 * The message with every long quoted value cut to a prefix and its length, e.g. graphql-js's
 * `Variable "$first" got invalid value "xxxx…"`, so a client's megabyte is not echoed back.
 */
function withShortQuotes(message: string): string {
  const shortened = message.replace(/"((?:[^"\\]|\\.)*)"/g, (quoted, inner: string) =>
    inner.length <= LONGEST_QUOTE ? quoted : `"${inner.slice(0, QUOTED_PREFIX).replace(/\\$/, "")}…" (${inner.length} characters)`,
  );
  return shortened.length <= LONGEST_MESSAGE ? shortened : `${shortened.slice(0, LONGEST_MESSAGE)}… (message cut)`;
}
