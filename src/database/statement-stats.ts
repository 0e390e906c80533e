import { AsyncLocalStorage } from "node:async_hooks";

/** Per-request SQL statistics, attributed through async context so every data-access path is counted. */
export interface StatementStats {
  sqlStatements: number;
}

const storage = new AsyncLocalStorage<StatementStats>();

/** Runs `fn` with a fresh statement counter that every query issued inside it (however deep) increments. */
export function withStatementStats<T>(stats: StatementStats, fn: () => T): T {
  return storage.run(stats, fn);
}

/** Counts one SQL statement against the current request, if any. */
export function countStatement(): void {
  const stats = storage.getStore();
  if (stats) stats.sqlStatements += 1;
}
