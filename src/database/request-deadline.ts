import { GraphQLError } from "graphql";
import { ErrorCode } from "../errors";

/**
 * The instant by which a request must be done. When it passes, the statements the request still
 * has running are cancelled in PostgreSQL and any it would start are refused, so a slow request
 * gives its connections back instead of holding them while clients wait.
 */
export class RequestDeadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;

  constructor(readonly budgetMs: number) {
    this.timer = setTimeout(() => this.controller.abort(), budgetMs);
    // A deadline never keeps the process alive on its own.
    this.timer.unref();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get passed(): boolean {
    return this.controller.signal.aborted;
  }

  /** The error a request gets for the work it could not finish in time. */
  error(): GraphQLError {
    return deadlineError(this.budgetMs);
  }

  /** Stops the timer once the request is answered. */
  dispose(): void {
    clearTimeout(this.timer);
  }
}

/** REQUEST_TIMEOUT: the request (or one of its statements) ran out of time and was cancelled. */
export function deadlineError(budgetMs: number): GraphQLError {
  return new GraphQLError(
    `The request ran past its deadline of ${budgetMs} ms; its database work was cancelled. Ask for fewer rows (a smaller first, fewer nested lists) or try again later.`,
    { extensions: { code: ErrorCode.REQUEST_TIMEOUT } },
  );
}

/** PostgreSQL's SQLSTATE for a statement cancelled by statement_timeout or pg_cancel_backend. */
export const QUERY_CANCELED = "57014";
