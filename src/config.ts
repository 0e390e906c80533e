import path from "node:path";

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
  /** File outside the database holding the newest audit head the hub committed (LIENTHONG_AUDIT_ANCHOR_FILE). */
  auditAnchorFile: string;
  /** The mandates file compiled into access rules at start. */
  mandatesFile: string;
  /** How long the protected table of counts for aggregate-only mandates is kept before it is computed again. */
  disclosureCacheSeconds: number;
  /** development shows stack traces in server logs with more detail; production is terse. */
  environment: "development" | "production" | "test";
}

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
    poolSize: integer(env.LIENTHONG_PG_POOL_SIZE, 10, "LIENTHONG_PG_POOL_SIZE", 1, 500),
    jwtSecret: nonEmpty(env.LIENTHONG_JWT_SECRET),
    jwksUrl: nonEmpty(env.LIENTHONG_JWKS_URL),
    jwtIssuer: nonEmpty(env.LIENTHONG_JWT_ISSUER),
    jwtAudience: nonEmpty(env.LIENTHONG_JWT_AUDIENCE),
    auditKey: nonEmpty(env.LIENTHONG_AUDIT_KEY),
    auditAnchorFile: path.resolve(nonEmpty(env.LIENTHONG_AUDIT_ANCHOR_FILE) ?? path.join(dataDir, "audit-anchor.json")),
    mandatesFile: path.resolve(nonEmpty(env.LIENTHONG_MANDATES_FILE) ?? path.join(PROJECT_ROOT, "schema", "mandates.yaml")),
    disclosureCacheSeconds: integer(env.LIENTHONG_DISCLOSURE_CACHE_SECONDS, 60, "LIENTHONG_DISCLOSURE_CACHE_SECONDS", 0, 86_400),
    environment,
  };
}

/** The project's root folder (where package.json lives), whether running from source or from dist/. */
export function projectRoot(): string {
  return PROJECT_ROOT;
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
