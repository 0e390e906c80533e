import { GraphQLError } from "graphql";

/** The error codes a client can rely on (see shared/graph-contract.md, "Errors"). */
export enum ErrorCode {
  BAD_USER_INPUT = "BAD_USER_INPUT",
  UNAUTHENTICATED = "UNAUTHENTICATED",
  FORBIDDEN = "FORBIDDEN",
  QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX",
  /** A caller's budget (operations in flight, cost per minute) is spent: HTTP 429, retry after the time given. */
  RATE_LIMITED = "RATE_LIMITED",
  /** The process is already doing as much of this kind of work as it takes at once: HTTP 503, retry after the time given. */
  SERVER_BUSY = "SERVER_BUSY",
  /** The request or one of its statements ran past its deadline and was cancelled. */
  REQUEST_TIMEOUT = "REQUEST_TIMEOUT",
  INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR",
  /** A subscription notice: the replica lost its LISTEN connection for a while, so events may have been missed. */
  EVENTS_MISSED = "EVENTS_MISSED",
  /** A subscription notice: the subscriber fell behind and some of its events were dropped. */
  EVENTS_DROPPED = "EVENTS_DROPPED",
}

/** Longest part of a client's value an error message quotes. */
export const QUOTED_PREFIX = 40;

/**
 * A client's value as an error message quotes it: JSON, cut to its first 40 characters with the
 * full length after, so that a megabyte argument is not echoed back (or into logs).
 */
export function quoteValue(value: unknown): string {
  if (typeof value === "string") {
    return value.length <= QUOTED_PREFIX ? JSON.stringify(value) : `${JSON.stringify(value.slice(0, QUOTED_PREFIX))}… (${value.length} characters)`;
  }
  const json = JSON.stringify(value) ?? String(value);
  return json.length <= QUOTED_PREFIX ? json : `${json.slice(0, QUOTED_PREFIX)}… (${json.length} characters)`;
}

/** A malformed argument: names the argument and says what a valid value looks like, quoting at most a prefix of the value. */
export function badUserInput(argument: string, reason: string, value?: unknown): GraphQLError {
  const shown = value === undefined ? "" : ` (got ${quoteValue(value)})`;
  return new GraphQLError(`Argument "${argument}" is invalid${shown}: ${reason}`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, argument },
  });
}
