import "reflect-metadata";
import { openDatabase } from "../../src/database";
import { freshDatabase, onServer, queryAt } from "../support/fresh-database";

describe("several hub replicas starting on one new database", () => {
  afterAll(() => onServer("DROP DATABASE IF EXISTS lienthong_replicas WITH (FORCE)"));

  it("migrate one after the other: all start, and every migration is applied once", async () => {
    const url = await freshDatabase("lienthong_replicas");
    const options = { databaseUrl: url, dataDir: "/nonexistent", embeddedPgPort: 1, poolSize: 2, log: () => undefined };
    const replicas = await Promise.all([openDatabase(options), openDatabase(options), openDatabase(options)]);
    try {
      for (const replica of replicas) expect(await replica.db.pendingMigrations()).toEqual([]);
      const rows = await queryAt(url, "SELECT name, count(*)::int AS times FROM lienthong_migrations GROUP BY name");
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((row) => row.times === 1)).toBe(true);
    } finally {
      await Promise.all(replicas.map((replica) => replica.close()));
    }
  });
});
