import { GraphQLError } from "graphql";

/** The error codes a client can rely on (see shared/graph-contract.md, "Errors"). */
export enum ErrorCode {
  BAD_USER_INPUT = "BAD_USER_INPUT",
  UNAUTHENTICATED = "UNAUTHENTICATED",
  FORBIDDEN = "FORBIDDEN",
  QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX",
  /** A caller's budget (operations in flight, cost per minute) is spent: HTTP 429, retry after the time given. */
  RATE_LIMITED = "RATE_LIMITED",
  /** The request or one of its statements ran past its deadline and was cancelled. */
  REQUEST_TIMEOUT = "REQUEST_TIMEOUT",
  INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR",
}

/** A malformed argument: names the argument and says what a valid value looks like. */
export function badUserInput(argument: string, reason: string, value?: unknown): GraphQLError {
  const shown = value === undefined ? "" : ` (got ${JSON.stringify(value)})`;
  return new GraphQLError(`Argument "${argument}" is invalid${shown}: ${reason}`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, argument },
  });
}
