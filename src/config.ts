import path from "node:path";

/** Bounds checked on an operation before it runs (see src/limits). */
export interface OperationLimits {
  /** Nesting depth of fields (fragments flattened). */
  depth: number;
  /** Aliased fields in the operation. */
  aliases: number;
  /** Lexical tokens in the document. */
  tokens: number;
  /** Directives used in the operation. */
  directives: number;
  /** Estimated objects the operation resolves: list sizes and fan-outs multiplied (src/limits/operation-cost.ts). */
  cost: number;
  /** Estimated owner records (enterprises, headcounts, units…) the operation returns, summed over aliases. */
  rows: number;
}

/** What one caller may spend. */
export interface CallerBudget {
  /** Operations in flight at once. */
  concurrent: number;
  /** Cost (as estimated by the operation limits) spent per rolling minute. */
  costPerMinute: number;
}

/** Everything the hub reads from the environment, typed and defaulted. Nothing else reads process.env. */
export interface HubConfig {
  /** HTTP port for GraphQL, GraphiQL and health checks. */
  port: number;
  /** Interface to bind; loopback by default so a laptop demo is not exposed to the network. */
  host: string;
  /** An existing PostgreSQL to use; when absent the hub starts an embedded one. */
  databaseUrl: string | undefined;
  /** Folder for the embedded PostgreSQL cluster and other local state. */
  dataDir: string;
  /** Port of the embedded PostgreSQL (ignored with databaseUrl). */
  embeddedPgPort: number;
  /** Load the demo dataset when the database holds no data yet. */
  loadDemoData: boolean;
  /** Number of enterprises in the demo dataset loaded on first start. */
  demoEnterprises: number;
  /** Add per-request SQL statement counts and timing to responses' `extensions.stats`. */
  exposeQueryStats: boolean;
  /** Largest `first` a connection accepts. */
  maxPageSize: number;
  /** How deep a request's variables may nest (LIENTHONG_MAX_VARIABLES_DEPTH); deeper ones are refused with BAD_USER_INPUT. */
  maxVariablesDepth: number;
  /** Connections in the PostgreSQL pool. */
  poolSize: number;
  /** HS256 secret for tokens (LIENTHONG_JWT_SECRET); with neither this nor jwksUrl, a local secret in dataDir is used. */
  jwtSecret: string | undefined;
  /** JWKS endpoint of the production identity provider; tokens are then checked for issuer and audience. */
  jwksUrl: string | undefined;
  jwtIssuer: string | undefined;
  jwtAudience: string | undefined;
  /** Key of the audit log's hash chain (LIENTHONG_AUDIT_KEY); a local key in dataDir when absent. */
  auditKey: string | undefined;
  /** The key gateway replicas share to sign requests to subgraphs (each subgraph's own key is derived from it); local: kept in the data folder. */
  subgraphSharedKey: string | undefined;
  /** gateway.yaml: the subgraphs the gateway composes besides the hosted ones. */
  gatewayConfigFile: string;
  /** Which query planner plans operations that leave the hosted domains: Hive's Rust planner (glibc Linux, macOS) or its JavaScript one. */
  queryPlanner: "rust" | "javascript";
  /** File outside the database holding the newest audit head the hub committed (LIENTHONG_AUDIT_ANCHOR_FILE). */
  auditAnchorFile: string;
  /** The mandates file compiled into access rules at start. */
  mandatesFile: string;
  /** Largest request body (HTTP) and graphql-ws message, in bytes. */
  maxBodyBytes: number;
  /** Data in (src/ingest): the largest CSV body POST /ingest accepts, and the most data rows one batch may hold. */
  ingest: { maxBodyBytes: number; maxRows: number; maxConcurrent: number };
  /** Most rows one report download (GET /reports/…) may hold, across its sheets; more is refused with 413. */
  reportMaxRows: number;
  /** Operation limits for requests with a token, and stricter ones for anonymous requests (src/limits). */
  operationLimits: { authenticated: OperationLimits; anonymous: OperationLimits };
  /** What one principal (or one IP address, when anonymous) may use at once and per minute. */
  budgets: { authenticated: CallerBudget; anonymous: CallerBudget };
  /** Operations of at least this cost run in the heavy lane, which admits `heavyConcurrency` at a time, fairly across callers. */
  heavyCost: number;
  heavyConcurrency: number;
  /** Operations one graphql-ws socket may have in flight. */
  wsMaxInFlight: number;
  /** Subscriptions one graphql-ws socket may hold open at once. */
  wsMaxSubscriptions: number;
  /** Subscriptions one caller (a principal, or an address) may hold open at once in this process, across its sockets. */
  maxSubscriptionsPerCaller: number;
  /** Events one subscriber may have waiting; past that they are dropped and the subscriber is told (src/live/subscriber-queue.ts). */
  subscriptionQueueLength: number;
  /** Worker threads that execute costly queries off the hub thread (0: all on the hub thread). */
  executionWorkers: number;
  /** Run repeated in-process operations as graphql-jit compiled plans (false: graphql-js's execute for everything). */
  compiledExecution: boolean;
  /** PostgreSQL statement_timeout for every statement the hub runs for a request, in ms. */
  statementTimeoutMs: number;
  /**
   * PostgreSQL's max_parallel_workers_per_gather on the hub's connections. 0 by default: with many
   * clients at once the cores are already busy, and a statement spread over 3 processes costs about
   * 3 times the CPU for the same answer (a province's count on the national set). Raise it for a
   * hub that serves few, heavy analytical readers on many cores.
   */
  pgParallelWorkers: number;
  /** A request still running after this many ms has its statements cancelled and gets REQUEST_TIMEOUT. */
  requestDeadlineMs: number;
  /** Longest lifetime (exp − iat) of a token the hub accepts, and of one `npm run token` signs. */
  tokenMaxLifetimeHours: number;
  /** How far in the future a token's iat or nbf may lie, for clocks that disagree a little. */
  clockSkewSeconds: number;
  /** How often each hub process reloads hub.token_revocation into memory. */
  revocationRefreshSeconds: number;
  /** Lowest level of the JSON log lines written to stderr (LIENTHONG_LOG_LEVEL). */
  logLevel: LogLevel;
  /** Longest string a request may carry in its variables or its document's literals (LIENTHONG_MAX_STRING_LENGTH). */
  maxStringLength: number;
  /** How long the protected table of counts for aggregate-only mandates is kept before it is computed again. */
  disclosureCacheSeconds: number;
  /** development shows stack traces in server logs with more detail; production is terse. */
  environment: "development" | "production" | "test";
}

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const PROJECT_ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? "../.." : "..");

/** Reads the configuration from `env` (process.env by default); throws a readable error on a malformed value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const databaseUrl = nonEmpty(env.DATABASE_URL);
  const environment = oneOf(env.NODE_ENV, ["development", "production", "test"] as const, "development", "NODE_ENV");
  if (environment === "production") {
    // Replicas must verify the same tokens and extend one audit chain: secrets kept per machine would not do.
    if (!nonEmpty(env.LIENTHONG_AUDIT_KEY)) throw new Error("LIENTHONG_AUDIT_KEY must be set in production, the same on every replica.");
    if (!nonEmpty(env.LIENTHONG_JWT_SECRET) && !nonEmpty(env.LIENTHONG_JWKS_URL)) {
      throw new Error("LIENTHONG_JWKS_URL (or LIENTHONG_JWT_SECRET) must be set in production, the same on every replica.");
    }
    requireStrongSecret(env, "LIENTHONG_AUDIT_KEY");
    if (!nonEmpty(env.LIENTHONG_SUBGRAPH_KEY))
      throw new Error("LIENTHONG_SUBGRAPH_KEY must be set in production, the same on every gateway and subgraph replica.");
    requireStrongSecret(env, "LIENTHONG_SUBGRAPH_KEY");
    // With a JWKS the secret is not used, so its strength does not matter.
    if (!nonEmpty(env.LIENTHONG_JWKS_URL)) requireStrongSecret(env, "LIENTHONG_JWT_SECRET");
  }
  const dataDir = path.resolve(nonEmpty(env.LIENTHONG_DATA_DIR) ?? path.join(PROJECT_ROOT, ".data"));
  return {
    port: integer(env.PORT, 4000, "PORT", 0, 65535),
    host: nonEmpty(env.HOST) ?? "127.0.0.1",
    databaseUrl,
    dataDir,
    embeddedPgPort: integer(env.LIENTHONG_PG_PORT, 54329, "LIENTHONG_PG_PORT", 1, 65535),
    loadDemoData: boolean(env.LIENTHONG_DEMO_DATA, databaseUrl === undefined, "LIENTHONG_DEMO_DATA"),
    demoEnterprises: integer(env.LIENTHONG_DEMO_ENTERPRISES, 20_000, "LIENTHONG_DEMO_ENTERPRISES", 1, 5_000_000),
    exposeQueryStats: boolean(env.LIENTHONG_QUERY_STATS, environment !== "production", "LIENTHONG_QUERY_STATS"),
    maxPageSize: integer(env.LIENTHONG_MAX_PAGE_SIZE, 100, "LIENTHONG_MAX_PAGE_SIZE", 1, 10_000),
    maxVariablesDepth: integer(env.LIENTHONG_MAX_VARIABLES_DEPTH, 32, "LIENTHONG_MAX_VARIABLES_DEPTH", 1, 1000),
    poolSize: integer(env.LIENTHONG_PG_POOL_SIZE, 10, "LIENTHONG_PG_POOL_SIZE", 1, 500),
    jwtSecret: nonEmpty(env.LIENTHONG_JWT_SECRET),
    jwksUrl: nonEmpty(env.LIENTHONG_JWKS_URL),
    jwtIssuer: nonEmpty(env.LIENTHONG_JWT_ISSUER),
    jwtAudience: nonEmpty(env.LIENTHONG_JWT_AUDIENCE),
    auditKey: nonEmpty(env.LIENTHONG_AUDIT_KEY),
    subgraphSharedKey: nonEmpty(env.LIENTHONG_SUBGRAPH_KEY),
    gatewayConfigFile: path.resolve(nonEmpty(env.LIENTHONG_GATEWAY_CONFIG) ?? path.join(PROJECT_ROOT, "gateway.yaml")),
    queryPlanner: oneOf(env.LIENTHONG_QUERY_PLANNER, ["rust", "javascript"] as const, "rust", "LIENTHONG_QUERY_PLANNER"),
    auditAnchorFile: path.resolve(nonEmpty(env.LIENTHONG_AUDIT_ANCHOR_FILE) ?? path.join(dataDir, "audit-anchor.json")),
    mandatesFile: path.resolve(nonEmpty(env.LIENTHONG_MANDATES_FILE) ?? path.join(PROJECT_ROOT, "schema", "mandates.yaml")),
    maxBodyBytes: integer(env.LIENTHONG_MAX_BODY_BYTES, 1_048_576, "LIENTHONG_MAX_BODY_BYTES", 1024, 64 * 1_048_576),
    ingest: {
      // A national tax quarter (1 million rows of about 60 bytes) with room to spare.
      maxBodyBytes: integer(env.LIENTHONG_INGEST_MAX_BODY_BYTES, 200 * 1_048_576, "LIENTHONG_INGEST_MAX_BODY_BYTES", 1024, 4096 * 1_048_576),
      maxRows: integer(env.LIENTHONG_INGEST_MAX_ROWS, 5_000_000, "LIENTHONG_INGEST_MAX_ROWS", 1, 100_000_000),
      // Each streamed batch holds a connection and a transaction for its whole upload; readers need the rest of the pool.
      maxConcurrent: integer(env.LIENTHONG_INGEST_MAX_CONCURRENT, 2, "LIENTHONG_INGEST_MAX_CONCURRENT", 1, 64),
    },
    // A national inspection list (every enterprise with a finding) fits; an XLSX sheet holds at most 1,048,575 rows under its header.
    reportMaxRows: integer(env.LIENTHONG_REPORT_MAX_ROWS, 200_000, "LIENTHONG_REPORT_MAX_ROWS", 1, 1_000_000),
    operationLimits: {
      authenticated: limitsFrom(env, "LIENTHONG_MAX_", { depth: 15, aliases: 30, tokens: 2000, directives: 20, cost: 25_000, rows: 2_000 }),
      anonymous: limitsFrom(env, "LIENTHONG_ANONYMOUS_MAX_", { depth: 10, aliases: 10, tokens: 1000, directives: 10, cost: 5_000, rows: 500 }),
    },
    budgets: {
      authenticated: {
        concurrent: integer(env.LIENTHONG_MAX_CONCURRENT_OPERATIONS, 8, "LIENTHONG_MAX_CONCURRENT_OPERATIONS", 1, 10_000),
        costPerMinute: integer(env.LIENTHONG_COST_PER_MINUTE, 2_000_000, "LIENTHONG_COST_PER_MINUTE", 1, 1e12),
      },
      anonymous: {
        concurrent: integer(env.LIENTHONG_ANONYMOUS_MAX_CONCURRENT_OPERATIONS, 4, "LIENTHONG_ANONYMOUS_MAX_CONCURRENT_OPERATIONS", 1, 10_000),
        costPerMinute: integer(env.LIENTHONG_ANONYMOUS_COST_PER_MINUTE, 200_000, "LIENTHONG_ANONYMOUS_COST_PER_MINUTE", 1, 1e12),
      },
    },
    heavyCost: integer(env.LIENTHONG_HEAVY_COST, 500, "LIENTHONG_HEAVY_COST", 1, 1e12),
    heavyConcurrency: integer(env.LIENTHONG_HEAVY_CONCURRENCY, 2, "LIENTHONG_HEAVY_CONCURRENCY", 1, 1000),
    wsMaxInFlight: integer(env.LIENTHONG_WS_MAX_IN_FLIGHT, 16, "LIENTHONG_WS_MAX_IN_FLIGHT", 1, 10_000),
    wsMaxSubscriptions: integer(env.LIENTHONG_WS_MAX_SUBSCRIPTIONS, 32, "LIENTHONG_WS_MAX_SUBSCRIPTIONS", 1, 10_000),
    maxSubscriptionsPerCaller: integer(env.LIENTHONG_MAX_SUBSCRIPTIONS_PER_CALLER, 256, "LIENTHONG_MAX_SUBSCRIPTIONS_PER_CALLER", 1, 1_000_000),
    subscriptionQueueLength: integer(env.LIENTHONG_SUBSCRIPTION_QUEUE_LENGTH, 64, "LIENTHONG_SUBSCRIPTION_QUEUE_LENGTH", 1, 100_000),
    executionWorkers: integer(env.LIENTHONG_EXECUTION_WORKERS, 1, "LIENTHONG_EXECUTION_WORKERS", 0, 64),
    compiledExecution: boolean(env.LIENTHONG_COMPILED_EXECUTION, true, "LIENTHONG_COMPILED_EXECUTION"),
    statementTimeoutMs: integer(env.LIENTHONG_STATEMENT_TIMEOUT_MS, 5_000, "LIENTHONG_STATEMENT_TIMEOUT_MS", 1, 3_600_000),
    pgParallelWorkers: integer(env.LIENTHONG_PG_PARALLEL_WORKERS, 0, "LIENTHONG_PG_PARALLEL_WORKERS", 0, 64),
    requestDeadlineMs: integer(env.LIENTHONG_REQUEST_DEADLINE_MS, 15_000, "LIENTHONG_REQUEST_DEADLINE_MS", 1, 3_600_000),
    tokenMaxLifetimeHours: integer(env.LIENTHONG_TOKEN_MAX_LIFETIME_HOURS, 24, "LIENTHONG_TOKEN_MAX_LIFETIME_HOURS", 1, 24 * 366),
    clockSkewSeconds: integer(env.LIENTHONG_CLOCK_SKEW_SECONDS, 60, "LIENTHONG_CLOCK_SKEW_SECONDS", 0, 3600),
    revocationRefreshSeconds: integer(env.LIENTHONG_REVOCATION_REFRESH_SECONDS, 2, "LIENTHONG_REVOCATION_REFRESH_SECONDS", 1, 300),
    logLevel: oneOf(env.LIENTHONG_LOG_LEVEL, LOG_LEVELS, "info", "LIENTHONG_LOG_LEVEL"),
    maxStringLength: integer(env.LIENTHONG_MAX_STRING_LENGTH, 2_000, "LIENTHONG_MAX_STRING_LENGTH", 1, 1_000_000),
    disclosureCacheSeconds: integer(env.LIENTHONG_DISCLOSURE_CACHE_SECONDS, 60, "LIENTHONG_DISCLOSURE_CACHE_SECONDS", 0, 86_400),
    environment,
  };
}

/** One set of operation limits from `<prefix>DEPTH`, `<prefix>ALIASES`, … with defaults. */
function limitsFrom(env: NodeJS.ProcessEnv, prefix: string, defaults: OperationLimits): OperationLimits {
  const read = (key: keyof OperationLimits) => {
    const name = `${prefix}${key.toUpperCase()}`;
    return integer(env[name], defaults[key], name, 1, 1e12);
  };
  return { depth: read("depth"), aliases: read("aliases"), tokens: read("tokens"), directives: read("directives"), cost: read("cost"), rows: read("rows") };
}

/** The project's root folder (where package.json lives), whether running from source or from dist/. */
export function projectRoot(): string {
  return PROJECT_ROOT;
}

/** Bytes a production secret needs: 256 bits, the size of the HMAC-SHA256 keys derived from it. */
const MIN_SECRET_BYTES = 32;

function requireStrongSecret(env: NodeJS.ProcessEnv, name: "LIENTHONG_AUDIT_KEY" | "LIENTHONG_JWT_SECRET" | "LIENTHONG_SUBGRAPH_KEY"): void {
  const bytes = Buffer.byteLength(nonEmpty(env[name]) ?? "", "utf8");
  if (bytes < MIN_SECRET_BYTES) {
    throw new Error(`${name} must be at least ${MIN_SECRET_BYTES} bytes in production; it is ${bytes}. Make one with: openssl rand -base64 32`);
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

function integer(value: string | undefined, fallback: number, name: string, min: number, max: number): number {
  const text = nonEmpty(value);
  if (text === undefined) return fallback;
  const parsed = Number(text);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}; it is "${text}".`);
  }
  return parsed;
}

function boolean(value: string | undefined, fallback: boolean, name: string): boolean {
  const text = nonEmpty(value)?.toLowerCase();
  if (text === undefined) return fallback;
  if (["1", "true", "yes", "on"].includes(text)) return true;
  if (["0", "false", "no", "off"].includes(text)) return false;
  throw new Error(`${name} must be true or false; it is "${value}".`);
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, name: string): T {
  const text = nonEmpty(value);
  if (text === undefined) return fallback;
  if ((allowed as readonly string[]).includes(text)) return text as T;
  throw new Error(`${name} must be one of ${allowed.join(", ")}; it is "${text}".`);
}
