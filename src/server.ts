import http from "node:http";
import type { AddressInfo } from "node:net";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import type { GatewayInterface } from "@apollo/server-gateway-interface";
import { createRequestContext, identifyRequest, type ContextDependencies, type RequestContext, type RequestIdentity } from "./context";
import { auditPlugin, refusalEntry, type AuditSink, type DocumentHasher, type VariableProtector } from "./audit/audit-plugin";
import type { StatementStats } from "./database";
import { formatErrorForClient } from "./graphql/error-masking";
import { dashboardRouter } from "./dashboard";
import { stringifyResult } from "./graphql/serialized-data";
import { graphiqlRouter } from "./graphiql";
import { WELCOME_QUERY } from "./graphiql/welcome-query";
import { serveGraphqlWs } from "./live/graphql-ws";
import type { LiveSubscriptions } from "./live/live-subscriptions";
import { checkTokenLimit, type Admission } from "./limits";
import { admissionPlugin } from "./limits/admission-plugin";
import type { ExecutionPool } from "./limits/execution-pool";
import { bounded, type Logger } from "./logger";
import type { Metrics } from "./metrics";
import type { GraphExecutor } from "./gateway/graph-executor";
import { ingestRouter } from "./ingest/ingest-route";
import { reportsRouter } from "./reports";

export const GRAPHQL_PATH = "/graphql";
export const DASHBOARD_PATH = "/dashboard";

/**
 * GraphiQL opens with a purpose header; add `"authorization": "Bearer <token>"` with a token from
 * `npm run token` (README, "Tokens"). Without one, only open reference data answers.
 */
const GRAPHIQL_HEADERS = JSON.stringify({ "x-purpose": "inspection" }, null, 2);

/** A listening hub and how to stop it. */
export interface RunningServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** What the server is built from; `audit: null` only for benchmarks that measure its cost. */
export interface ServerDependencies extends ContextDependencies {
  /** Runs admitted operations: mandates at the door, then in-process or through Hive Gateway's planner. */
  graph: GraphExecutor;
  /** Remote subgraphs that do not answer, for /readyz. */
  subgraphsUnreachable(): Promise<string[]>;
  audit: { sink: AuditSink; protect: VariableProtector; hashDocument: DocumentHasher } | null;
  /** Operation limits, budgets and the heavy lane, for HTTP and graphql-ws alike. */
  admission: Admission;
  /** This process's subscriptions and the LISTEN connection they share; null where nothing listens. */
  live: LiveSubscriptions | null;
  /** Threads that execute costly queries off this thread's event loop; null runs everything here. */
  workers: ExecutionPool | null;
  logger: Logger;
  metrics: Metrics;
}

/**
 * Serves the graph over HTTP and graphql-ws: GraphiQL for browsers, GraphQL for clients, /healthz
 * and /readyz for orchestrators. Binds `config.host:config.port` (port 0 picks a free one).
 */
export async function startServer(deps: ServerDependencies): Promise<RunningServer> {
  const { config, db, graph, audit, admission, logger, metrics } = deps;
  const app = express();
  app.disable("x-powered-by");
  // GraphQL answers are POSTed and never revalidated: an ETag would hash every answer for nothing.
  app.set("etag", false);
  // JSON answers need no sources at all; the GraphiQL page sets the CSP its scripts and styles need.
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
      },
      xFrameOptions: { action: "deny" },
    }),
  );
  const httpServer = http.createServer(app);
  const closeSockets = serveGraphqlWs(httpServer, GRAPHQL_PATH, deps);

  const apollo = new ApolloServer<RequestContext>({
    // Apollo validates against the supergraph's API schema; the gateway runs what it admits.
    gateway: gatewayOf(graph),
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: formatErrorForClient,
    // Writes the data an execution worker serialized as it is (src/graphql/serialized-data.ts); Apollo's own serialization otherwise.
    stringifyResult,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      { serverWillStart: async () => ({ drainServer: closeSockets }) },
      // Apollo's default landing page loads from the internet; GraphiQL is served by graphiqlRouter instead.
      ApolloServerPluginLandingPageDisabled(),
      // The hub sets no cache hints; left on, Apollo's cache-control plugin wraps every resolved field.
      ApolloServerPluginCacheControlDisabled(),
      unexpectedErrorLogger(logger),
      admissionPlugin(admission, deps.workers, config, graph),
      suppressionNotes(),
      ...(audit ? [auditPlugin(audit.sink, audit.protect, audit.hashDocument, logger)] : []),
      ...(config.exposeQueryStats ? [queryStatsPlugin()] : []),
    ],
  });
  await apollo.start();

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    try {
      const pending = await db.pendingMigrations();
      if (pending.length > 0) {
        res.status(503).json({ status: "not ready", reason: `migrations not applied: ${pending.join(", ")}` });
        return;
      }
      const unreachable = await deps.subgraphsUnreachable();
      if (unreachable.length > 0) {
        res.status(503).json({ status: "not ready", reason: `subgraphs not reachable: ${unreachable.join("; ")}` });
        return;
      }
      res.json({ status: "ready" });
    } catch {
      res.status(503).json({ status: "not ready", reason: "PostgreSQL is not reachable" });
    }
  });

  // Operators' scrapers only: see README, "Metrics".
  app.get("/metrics", async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  // The partner dashboard: coverage and enrolment per province, live over graphql-ws (README, "Dashboard").
  app.use(dashboardRouter(DASHBOARD_PATH));

  // Data in: CSV batches streamed to their owner's domain (before any body parser, which would buffer them).
  app.use(ingestRouter(deps));

  // Reports: XLSX and CSV downloads whose operations run through the same Apollo pipeline as /graphql.
  app.use(reportsRouter(deps, apollo));

  app.use(
    graphiqlRouter({
      endpoint: GRAPHQL_PATH,
      title: "Liên thông — GraphiQL",
      defaultHeaders: GRAPHIQL_HEADERS,
      defaultQuery: WELCOME_QUERY,
    }),
  );
  app.use(
    GRAPHQL_PATH,
    express.json({ limit: config.maxBodyBytes }),
    // After the body is parsed: the request's identity and statement counter, kept on the response
    // for the context below and for the audit of a request Apollo refuses as invalid.
    (req: Request, res: Response, next: NextFunction) => {
      const scope: HttpRequestScope = { identity: identifyRequest(req.headers, deps.boundText), stats: { sqlStatements: 0 } };
      res.locals.scope = scope;
      tagResponse(res, scope.identity);
      if (audit) auditInvalidRequest(res, scope, audit.sink);
      next();
    },
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const scope = res.locals.scope as HttpRequestScope;
        try {
          scope.context = await createRequestContext(deps, { headers: req.headers, remoteAddress: req.socket.remoteAddress }, scope.identity, scope.stats);
          // Before Apollo parses it: a document over the token limit is refused unparsed.
          checkTokenLimit((req.body as { query?: unknown } | undefined)?.query, admission.limitsFor(scope.context.caller).tokens);
          return scope.context;
        } catch (error) {
          scope.context?.caller.deadline.dispose();
          // Refused before any field ran (bad token, disallowed purpose, too many tokens): still one audit row.
          scope.audited = true;
          await audit?.sink.record(refusalEntry(scope.identity, error as { extensions?: Record<string, unknown> }, req.body, scope.context));
          throw error;
        }
      },
    }),
  );
  app.use((_req, res) => {
    res.status(404).json({
      error: `Not found. GraphQL and GraphiQL are at ${GRAPHQL_PATH}, the dashboard at ${DASHBOARD_PATH}; health at /healthz and /readyz, metrics at /metrics, data in at POST /ingest/{domain}, reports at GET /reports/{report}/{period}.xlsx or .csv.`,
    });
  });
  // Malformed JSON bodies and the like: a clear 4xx, never an HTML stack trace.
  app.use(async (error: { status?: number; type?: string; message?: string }, req: Request, res: Response, _next: NextFunction) => {
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    const code = status === 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST";
    if (status === 500) logger.error({ err: error, url: bounded(req.originalUrl) }, "HTTP error");
    if (audit && req.originalUrl.startsWith(GRAPHQL_PATH)) {
      const identity = identifyRequest(req.headers, deps.boundText);
      tagResponse(res, identity);
      try {
        await audit.sink.record(refusalEntry(identity, { extensions: { code } }, undefined));
      } catch {
        res
          .status(503)
          .json({ errors: [{ message: "The audit log could not be written; try again shortly.", extensions: { code: "INTERNAL_SERVER_ERROR" } }] });
        return;
      }
    }
    res.status(status).json({
      errors: [{ message: status === 500 ? "Internal error." : `Bad request: ${error.message}`, extensions: { code } }],
    });
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  let stopping: Promise<void> | undefined;
  return {
    port,
    url: `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${port}`,
    stop: () => (stopping ??= apollo.stop()),
  };
}

/** Apollo Server's gateway hook: the supergraph's API schema to validate against, and our executor to run what it admits. */
function gatewayOf(graph: GraphExecutor): GatewayInterface {
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: graph.apiSchema, coreSupergraphSdl: "" });
      return () => undefined;
    },
    load: async () => ({
      executor: (request) =>
        // The client's operation name, not Apollo's resolution of it: an unknown name must fail, not run the only operation.
        graph.execute({
          document: request.document,
          operationName: request.request.operationName,
          variables: request.request.variables,
          context: request.context as RequestContext,
        }),
    }),
    stop: async () => undefined,
  };
}

/** The hub's request id in x-request-id, and the client's own, when it sent one, in x-client-request-id. */
function tagResponse(res: Response, identity: RequestIdentity): void {
  res.setHeader("x-request-id", identity.requestId);
  if (identity.clientRequestId !== null) res.setHeader("x-client-request-id", identity.clientRequestId);
}

/** The HTTP request being served: who it is, what it ran, and its context once one was built. */
interface HttpRequestScope {
  identity: RequestIdentity;
  stats: StatementStats;
  context?: RequestContext;
  /** Its refusal was already audited (a bad credential, in the context function). */
  audited?: boolean;
}

/**
 * A body Apollo cannot run (no query, a malformed variables object…) still leaves an audit row
 * before its 400. Apollo refuses it before any context is built and tells no hook which request it
 * was, so the refusal is caught as it is sent: the answer waits for its audit row.
 */
function auditInvalidRequest(res: Response, scope: HttpRequestScope, sink: AuditSink): void {
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  res.end = ((...args: unknown[]) => {
    if (scope.context || scope.audited || res.statusCode < 400 || res.statusCode >= 500) return end(...args);
    const code = errorCodeOf(args[0]) ?? "BAD_REQUEST";
    sink.record(refusalEntry(scope.identity, { extensions: { code } }, undefined)).then(
      () => end(...args),
      () => {
        res.statusCode = 503;
        end(JSON.stringify({ errors: [{ message: "The audit log could not be written; try again shortly.", extensions: { code: "INTERNAL_SERVER_ERROR" } }] }));
      },
    );
    return res;
  }) as Response["end"];
}

/** The first error code of a JSON GraphQL answer being sent, if it is one. */
function errorCodeOf(chunk: unknown): string | undefined {
  try {
    const text = Buffer.isBuffer(chunk) ? chunk.toString("utf8") : typeof chunk === "string" ? chunk : undefined;
    const code = text ? (JSON.parse(text) as { errors?: { extensions?: { code?: unknown } }[] }).errors?.[0]?.extensions?.code : undefined;
    return typeof code === "string" ? code : undefined;
  } catch {
    return undefined;
  }
}

/** Explains counts withheld from aggregate-only grantees in `extensions.suppressed`. */
function suppressionNotes(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== "single") return;
          response.body.singleResult.extensions = contextValue.access.withSuppressionNotes(response.body.singleResult.extensions);
        },
      };
    },
  };
}

/** Adds `extensions.stats` (SQL statements run, milliseconds taken) so analysts can see what a query costs. */
function queryStatsPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== "single") return;
          const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
          response.body.singleResult.extensions = {
            ...response.body.singleResult.extensions,
            stats: {
              sqlStatements: contextValue.stats.sqlStatements,
              subgraphRequests: contextValue.stats.subgraphRequests ?? 0,
              durationMs: Math.round(durationMs * 10) / 10,
              executedBy: contextValue.stats.executedBy ?? "hub-thread",
            },
          };
        },
      };
    },
  };
}

/** Logs each unexpected error with its request id; the client sees only the masked message. */
function unexpectedErrorLogger(logger: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            const original = error.originalError;
            // Apollo codes the client's own mistakes (an unknown operation name…) even when graphql-js did not.
            const clientMistake = error.extensions?.code !== undefined && error.extensions.code !== "INTERNAL_SERVER_ERROR";
            if (original && !clientMistake && !("extensions" in original && (original as { extensions?: { code?: string } }).extensions?.code)) {
              logger.error({ requestId: contextValue.requestId, err: original, path: error.path }, "unexpected error");
            }
          }
        },
      };
    },
  };
}
