/** Size of the demo dataset the test run loads: enough for every shape (branches, arrears, zones) to occur. */
export const TEST_DEMO_ENTERPRISES = 3000;

/** Environment variables global setup passes to the workers. */
export const TEST_ENV = {
  databaseUrl: "LIENTHONG_TEST_DATABASE_URL",
  dataDir: "LIENTHONG_TEST_DATA_DIR",
} as const;

/** The run's temporary folder (global setup made it), for test hubs' local files. */
export function testDataDir(): string {
  const dir = process.env[TEST_ENV.dataDir];
  if (!dir) throw new Error("The test data folder is missing: run the tests with `npm test`.");
  return dir;
}

export function testDatabaseUrl(): string {
  const url = process.env[TEST_ENV.databaseUrl];
  if (!url) throw new Error("The test database URL is missing: run the tests with `npm test` so global setup starts PostgreSQL.");
  return url;
}

/**
 * Secrets every hub and CLI of the test run shares, so tokens signed by the tests verify and all
 * hubs chain one audit log with one key. Never used outside tests.
 */
export const TEST_SECRETS: { LIENTHONG_JWT_SECRET: string; LIENTHONG_AUDIT_KEY: string; LIENTHONG_SUBGRAPH_KEY: string } = {
  LIENTHONG_JWT_SECRET: "test-only-jwt-secret-0123456789abcdef0123456789",
  LIENTHONG_AUDIT_KEY: "test-only-audit-key-0123456789abcdef0123456789",
  LIENTHONG_SUBGRAPH_KEY: "test-only-subgraph-key-0123456789abcdef0123456789",
};
