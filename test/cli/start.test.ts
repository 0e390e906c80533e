import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../support/free-port";
import { runNode } from "../support/processes";
import { TEST_SECRETS, testDatabaseUrl } from "../support/test-env";
import { NATIONAL_BHXH_INSPECTOR, headersFor } from "../support/tokens";

/** PostgreSQL server processes whose command line names `dataDir`. */
function postgresProcessesFor(dataDir: string): string[] {
  try {
    return execFileSync("pgrep", ["-af", `postgres -D ${dataDir}`], { encoding: "utf8" })
      .trim()
      .split("\n")
      .filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

async function count(url: string): Promise<number> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(await headersFor(NATIONAL_BHXH_INSPECTOR)) },
    body: JSON.stringify({ query: "{ enterprises { totalCount } }" }),
  });
  return ((await response.json()) as { data: { enterprises: { totalCount: number } } }).data.enterprises.totalCount;
}

describe("npm start (node dist/src/index.js)", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lienthong-start-"));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("starts an embedded PostgreSQL, loads the demo once, keeps data across restarts and stops cleanly on Ctrl-C", async () => {
    const env = {
      ...TEST_SECRETS,
      DATABASE_URL: undefined,
      LIENTHONG_DATA_DIR: dataDir,
      PORT: String(await freePort()),
      LIENTHONG_PG_PORT: String(await freePort()),
      LIENTHONG_DEMO_ENTERPRISES: "400",
    };
    const first = runNode("src/index.js", [], env);
    await first.waitFor(/GraphiQL: (http:\/\/\S+)\/graphql/);
    const url = /GraphiQL: (http:\/\/\S+)\/graphql/.exec(first.output())![1];
    expect(first.output()).toContain("First start: loading the demo dataset (400 enterprises)");
    // Each migration says when it starts and how long it took: on a national database one runs for minutes.
    expect(first.output()).toMatch(/Applying migration DomainSchemas1795311900000…[\s\S]*Applied migration DomainSchemas1795311900000 in \d+\.\d s/);
    expect(await count(url)).toBe(400);
    expect(postgresProcessesFor(dataDir)).toHaveLength(1);

    first.child.kill("SIGINT");
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain("Stopped.");
    expect(postgresProcessesFor(dataDir)).toEqual([]);

    const second = runNode("src/index.js", [], env);
    await second.waitFor("GraphiQL:");
    expect(second.output()).not.toContain("First start");
    expect(second.output()).not.toContain("Applying migration");
    expect(await count(url)).toBe(400);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
    expect(postgresProcessesFor(dataDir)).toEqual([]);
  });

  it("uses DATABASE_URL when it is set and starts no PostgreSQL of its own", async () => {
    const ownDir = fs.mkdtempSync(path.join(os.tmpdir(), "lienthong-url-"));
    const hub = runNode("src/index.js", [], { DATABASE_URL: testDatabaseUrl(), LIENTHONG_DATA_DIR: ownDir, PORT: String(await freePort()) });
    try {
      await hub.waitFor("GraphiQL:");
      expect(hub.output()).toContain("(DATABASE_URL)");
      expect(hub.output()).not.toContain("embedded");
      // No PostgreSQL cluster (and, with the secrets given, no local secrets either).
      expect(fs.readdirSync(ownDir)).toEqual([]);
    } finally {
      hub.child.kill("SIGINT");
      expect(await hub.exited).toBe(0);
      fs.rmSync(ownDir, { recursive: true, force: true });
    }
  });

  it("refuses a malformed setting with a message naming it", async () => {
    const hub = runNode("src/index.js", [], { DATABASE_URL: testDatabaseUrl(), PORT: "forty" });
    expect(await hub.exited).toBe(1);
    expect(hub.output()).toContain('PORT must be a whole number from 0 to 65535; it is "forty"');
  });

  it("refuses to start in production without the secrets every replica must share", async () => {
    const hub = runNode("src/index.js", [], {
      DATABASE_URL: testDatabaseUrl(),
      NODE_ENV: "production",
      LIENTHONG_AUDIT_KEY: undefined,
      LIENTHONG_JWT_SECRET: undefined,
    });
    expect(await hub.exited).toBe(1);
    expect(hub.output()).toContain("LIENTHONG_AUDIT_KEY must be set in production");
  });
});
