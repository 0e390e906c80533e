import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { HubConfig } from "./config";
import type { Database, StatementStats } from "./database";
import { createHubLoaders } from "../resolvers/hub/hub.loaders";
import { createRegistryLoaders } from "../resolvers/registry/registry.loaders";
import { createTaxLoaders } from "../resolvers/tax/tax.loaders";
import { createBhxhLoaders } from "../resolvers/bhxh/bhxh.loaders";
import { createStatisticsLoaders } from "../resolvers/statistics/statistics.loaders";

/**
 * Everything a resolver may use for one request. Built only by `createRequestContext`; the
 * principal, stated purpose and audit recorder join it when access control lands.
 */
export interface RequestContext {
  /** Correlates a response, its log lines and (later) its audit row. */
  requestId: string;
  db: Database;
  /** Fresh per request (and per subscription event), never shared: no data leaks between callers. */
  loaders: Loaders;
  stats: StatementStats;
  limits: { maxPageSize: number };
}

export type Loaders = ReturnType<typeof createLoaders>;

function createLoaders(db: Database) {
  return {
    hub: createHubLoaders(db),
    registry: createRegistryLoaders(db),
    tax: createTaxLoaders(db),
    bhxh: createBhxhLoaders(db),
    statistics: createStatisticsLoaders(db),
  };
}

/** Builds the context for one request; the only place that reads request headers. */
export function createRequestContext(
  deps: { db: Database; config: HubConfig },
  request: { headers: IncomingHttpHeaders },
  stats: StatementStats,
): RequestContext {
  const offered = request.headers["x-request-id"];
  const requestId = typeof offered === "string" && /^[\w.-]{1,100}$/.test(offered) ? offered : randomUUID();
  return {
    requestId,
    db: deps.db,
    loaders: createLoaders(deps.db),
    stats,
    limits: { maxPageSize: deps.config.maxPageSize },
  };
}
