import type { RequestDeadline } from "./request-deadline";

/**
 * Per-request SQL statistics and deadline. They travel with the request's own Database handle
 * (Database.forRequest), made when its context is built: no async context tracking, whose
 * promise hooks would cost every promise of every request.
 */
export interface StatementStats {
  sqlStatements: number;
  /** Requests the gateway made to subgraphs for this operation (none when it ran on the in-process fast path). */
  subgraphRequests?: number;
  /** Which thread executed the operation, when not the hub's own (src/limits/execution-pool.ts). */
  executedBy?: "execution-worker";
  /** When set, the request's statements are refused after it passes and cancelled when it passes mid-statement. */
  deadline?: RequestDeadline;
}
