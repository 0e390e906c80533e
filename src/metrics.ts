import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** What the pool and audit gauges read when Prometheus scrapes. */
export interface MetricSources {
  db: { poolUse(): { total: number; idle: number; waiting: number } };
  auditLog?: { queueDepth(): number };
  live?: { count: number; listening: boolean };
}

/**
 * The hub's Prometheus metrics, in a registry of their own (not prom-client's global one), so that
 * several hubs in one process (tests) each count only their own requests. Served at GET /metrics.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  let sources: MetricSources | undefined;
  const metrics = {
    registry,
    /** One per request, HTTP or graphql-ws; `code` is its error codes sorted and joined with "," ("none" without errors). */
    requests: new Counter({
      name: "lienthong_requests_total",
      help: "GraphQL requests answered, by audit outcome and error codes",
      labelNames: ["outcome", "code"] as const,
      registers: [registry],
    }),
    requestDuration: new Histogram({
      name: "lienthong_request_duration_seconds",
      help: "Time from a request's arrival until its audit row was written, by operation type",
      labelNames: ["operation_type"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    /** Incremented where an operation limit (depth, aliases, tokens, directives, page size…) refuses a request. */
    limitRefusals: new Counter({
      name: "lienthong_limit_refusals_total",
      help: "Requests refused by an operation limit, by limit",
      labelNames: ["limit"] as const,
      registers: [registry],
    }),
    /** Incremented where a cost budget refuses a request. */
    budgetRejections: new Counter({
      name: "lienthong_budget_rejections_total",
      help: "Requests refused because a cost budget was spent, by reason",
      labelNames: ["reason"] as const,
      registers: [registry],
    }),
    auditCommitSeconds: new Histogram({
      name: "lienthong_audit_commit_seconds",
      help: "Time one group commit of the audit log took",
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    auditQueueDepth: new Gauge({
      name: "lienthong_audit_queue_depth",
      help: "Audit rows recorded and not yet committed; requests wait on them",
      registers: [registry],
      collect() {
        this.set(sources?.auditLog?.queueDepth() ?? 0);
      },
    }),
    dbPoolConnections: new Gauge({
      name: "lienthong_db_pool_connections",
      help: "PostgreSQL pool: connections open (total), idle among them, and callers waiting for one",
      labelNames: ["state"] as const,
      registers: [registry],
      collect() {
        if (!sources) return;
        const use = sources.db.poolUse();
        this.set({ state: "total" }, use.total);
        this.set({ state: "idle" }, use.idle);
        this.set({ state: "waiting" }, use.waiting);
      },
    }),
    subscriptionsOpen: new Gauge({
      name: "lienthong_subscriptions_open",
      help: "graphql-ws subscriptions open on this process",
      registers: [registry],
      collect() {
        this.set(sources?.live?.count ?? 0);
      },
    }),
    listening: new Gauge({
      name: "lienthong_listen_connected",
      help: "1 while this process's LISTEN connection for batch events is up, 0 while it reconnects",
      registers: [registry],
      collect() {
        this.set(sources?.live?.listening ? 1 : 0);
      },
    }),
    /** Names what the gauges read at each scrape. */
    watch(watched: MetricSources): void {
      sources = watched;
    },
  };
  return metrics;
}

export type Metrics = ReturnType<typeof createMetrics>;
