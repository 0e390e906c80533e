import { freshDatabase, onServer, queryAt } from "../support/fresh-database";
import { startTestHub, type TestHub } from "../support/hub";
import { loadDemoData } from "../../src/demo/load-demo";

/** A hub over its own small database, so the tests can break that database on purpose. */
let hub: TestHub;
let url: string;
beforeAll(async () => {
  url = await freshDatabase("lienthong_failures");
  hub = await startTestHub({ DATABASE_URL: url });
  await loadDemoData(url, { enterprises: 50 });
});
afterAll(async () => {
  await hub.stop();
  await onServer("DROP DATABASE IF EXISTS lienthong_failures WITH (FORCE)");
});

describe("when things go wrong underneath", () => {
  it("masks an unexpected database error: no SQL or table name reaches the client, only a request id to quote", async () => {
    await queryAt(url, "ALTER TABLE tax.headcount RENAME TO headcount_moved");
    try {
      const [row] = await queryAt(url, "SELECT tax_code FROM registry.enterprise LIMIT 1");
      const response = await hub.graphql(`query($t: String!) { enterprise(taxCode: $t) { name taxHeadcount { employees } } }`, { t: row.tax_code });
      expect(response.status).toBe(200);
      expect(response.data.enterprise.name).toEqual(expect.any(String));
      expect(response.data.enterprise.taxHeadcount).toBeNull();
      expect(response.errors).toHaveLength(1);
      expect(response.errors![0].extensions).toEqual({ code: "INTERNAL_SERVER_ERROR" });
      expect(response.errors![0].path).toEqual(["enterprise", "taxHeadcount"]);
      expect(response.errors![0].message).not.toMatch(/headcount|relation|SELECT|at .*:\d+/i);
      expect(response.errors![0].message).toContain("x-request-id");
      expect(response.headers.get("x-request-id")).toMatch(/^[\w-]+$/);
    } finally {
      await queryAt(url, "ALTER TABLE tax.headcount_moved RENAME TO headcount");
    }
  });

  it("reports not ready, naming the migration, when the database lacks one the code expects", async () => {
    const [last] = await queryAt(url, "SELECT name FROM lienthong_migrations ORDER BY id DESC LIMIT 1");
    await queryAt(url, "DELETE FROM lienthong_migrations WHERE name = $1", [last.name]);
    try {
      const response = await fetch(`${hub.url}/readyz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: "not ready", reason: `migrations not applied: ${last.name}` });
      expect((await fetch(`${hub.url}/healthz`)).status).toBe(200);
    } finally {
      await queryAt(url, "INSERT INTO lienthong_migrations (timestamp, name) VALUES ($1, $2)", [Number(last.name.match(/\d+$/)![0]), last.name]);
    }
    expect((await fetch(`${hub.url}/readyz`)).status).toBe(200);
  });

  it("reports not ready when PostgreSQL cannot be reached, while the process stays healthy", async () => {
    await onServer("DROP DATABASE lienthong_failures WITH (FORCE)");
    const response = await fetch(`${hub.url}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "not ready", reason: "PostgreSQL is not reachable" });
    expect((await fetch(`${hub.url}/healthz`)).status).toBe(200);
  });
});
