import { AsyncLocalStorage } from "node:async_hooks";
import type { RequestDeadline } from "./request-deadline";

/** Per-request SQL statistics, attributed through async context so every data-access path is counted. */
export interface StatementStats {
  sqlStatements: number;
  /** Requests the gateway made to subgraphs for this operation (none when it ran on the in-process fast path). */
  subgraphRequests?: number;
  /** Which thread executed the operation, when not the hub's own (src/limits/execution-pool.ts). */
  executedBy?: "execution-worker";
  /** When set, the request's statements are refused after it passes and cancelled when it passes mid-statement. */
  deadline?: RequestDeadline;
}

const storage = new AsyncLocalStorage<StatementStats>();

/** Runs `fn` with a fresh statement counter that every query issued inside it (however deep) increments. */
export function withStatementStats<T>(stats: StatementStats, fn: () => T): T {
  return storage.run(stats, fn);
}

/** Counts one SQL statement against the current request, if any, and returns that request's scope. */
export function countStatement(): StatementStats | undefined {
  const stats = storage.getStore();
  if (stats) stats.sqlStatements += 1;
  return stats;
}

/**
 * Runs `fn` free of the current request's deadline, its statements still counted against that
 * request: for work the request starts but others share (a cached table), which one request's
 * deadline must not cancel for all of them.
 */
export function withoutDeadline<T>(fn: () => T): T {
  const requester = storage.getStore();
  if (!requester) return fn();
  const counted: StatementStats = {
    get sqlStatements() {
      return requester.sqlStatements;
    },
    set sqlStatements(count: number) {
      requester.sqlStatements = count;
    },
  };
  return storage.run(counted, fn);
}
