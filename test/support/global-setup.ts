import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import "reflect-metadata";
import { openDatabase } from "../../src/database";
import { loadDemoData } from "../../src/demo/load-demo";
import { freePort } from "./free-port";
import { TEST_DEMO_ENTERPRISES, TEST_ENV } from "./test-env";

/**
 * Starts one real PostgreSQL for the whole run: the embedded one in a temporary folder, or a fresh
 * database on the server DATABASE_URL names. Migrates it, loads the demo at test size, and passes
 * its URL to the test workers through the environment.
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lienthong-test-"));
  let databaseUrl = process.env.DATABASE_URL;
  let dropDatabase: (() => Promise<void>) | undefined;
  if (databaseUrl) {
    const name = `lienthong_test_${process.pid}`;
    databaseUrl = await createDatabase(databaseUrl, name);
    const adminUrl = process.env.DATABASE_URL!;
    dropDatabase = () => dropDatabaseNamed(adminUrl, name);
  }
  const database = await openDatabase({
    databaseUrl,
    dataDir,
    embeddedPgPort: await freePort(),
    poolSize: 4,
    log: () => undefined,
  });
  await loadDemoData(database.db.url, { enterprises: TEST_DEMO_ENTERPRISES });
  await database.db.dataSource.destroy();
  process.env[TEST_ENV.databaseUrl] = database.db.url;
  process.env[TEST_ENV.dataDir] = dataDir;
  (globalThis as Record<string, unknown>).__lienthongTeardown = async () => {
    await database.close();
    await dropDatabase?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  process.stderr.write(`\nTest PostgreSQL ready with ${TEST_DEMO_ENTERPRISES} demo enterprises in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
}

async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name}`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabaseNamed(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
