import "reflect-metadata";
import pg from "pg";
import { loadConfig } from "../../src/config";
import { openDatabase, type OpenDatabase } from "../../src/database";
import { assembleHub } from "../../src/assemble";
import { startServer, type RunningServer } from "../../src/server";
import { createLogger, silentLogger } from "../../src/logger";
import { TEST_SECRETS, testDataDir, testDatabaseUrl } from "./test-env";
import { NATIONAL_BHXH_INSPECTOR, headersFor } from "./tokens";

export interface GraphQLResponse<Data = any> {
  status: number;
  data?: Data;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
  extensions?: Record<string, any>;
  headers: Headers;
}

/** A real hub on a free loopback port over the run's PostgreSQL, plus a direct SQL client for expectations. */
export interface TestHub {
  url: string;
  /**
   * POSTs a GraphQL request. Without an `authorization` header it is sent as a national BHXH
   * inspector (NATIONAL_BHXH_INSPECTOR); pass `authorization: ""` for an anonymous request.
   */
  graphql<Data = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<Data>>;
  /** Reads the database directly, to compute what the graph should answer. */
  sql<Row = any>(text: string, params?: unknown[]): Promise<Row[]>;
  stop(): Promise<void>;
}

export async function startTestHub(env: Record<string, string> = {}): Promise<TestHub> {
  const config = loadConfig({
    DATABASE_URL: testDatabaseUrl(),
    PORT: "0",
    NODE_ENV: "test",
    LIENTHONG_QUERY_STATS: "true",
    // Test hubs keep their local files in the run's own folder, never in the project's .data/.
    LIENTHONG_DATA_DIR: testDataDir(),
    ...TEST_SECRETS,
    ...env,
  });
  const database: OpenDatabase = await openDatabase({ ...config, poolSize: 4, parallelWorkersPerStatement: config.pgParallelWorkers, log: () => undefined });
  const assembled = await assembleHub(config, database.db, process.env.DEBUG_HUB ? createLogger("debug") : silentLogger());
  const server: RunningServer = await startServer(assembled.deps);
  const direct = new pg.Client({ connectionString: testDatabaseUrl() });
  await direct.connect();
  return {
    url: server.url,
    async graphql(query, variables, headers = {}) {
      const credentials = "authorization" in headers ? {} : await headersFor(NATIONAL_BHXH_INSPECTOR);
      const response = await fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...credentials, ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as Omit<GraphQLResponse, "status" | "headers">;
      return { ...body, status: response.status, headers: response.headers };
    },
    async sql(text, params) {
      return (await direct.query(text, params)).rows;
    },
    async stop() {
      await direct.end();
      await server.stop();
      await assembled.close();
      await database.close();
    },
  };
}

/** Fails with the GraphQL errors when a response has any, so a test shows why it failed. */
export function dataOf<Data>(response: GraphQLResponse<Data>): Data {
  if (response.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors, null, 2)}`);
  return response.data as Data;
}

/**
 * Starts a hub before the file's tests and stops it after them. The returned object is filled in
 * by beforeAll, so use it inside tests only.
 */
export function useTestHub(env: Record<string, string> = {}): TestHub {
  const hub = {} as TestHub;
  beforeAll(async () => {
    Object.assign(hub, await startTestHub(env));
  });
  afterAll(() => hub.stop());
  return hub;
}
