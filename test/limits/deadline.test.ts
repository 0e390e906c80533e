import pg from "pg";
import { startTestHub } from "../support/hub";
import { freshDatabase, queryAt } from "../support/fresh-database";

/**
 * A request's statements are held to a statement timeout and to the request's deadline. Made
 * deterministic by locking the enterprise table from outside, so the hub's statement waits; in a
 * database of its own, so no other test file waits on that lock.
 */
let url: string;
beforeAll(async () => {
  url = await freshDatabase("lienthong_deadline_test");
});

async function whileEnterprisesLocked(test: () => Promise<void>) {
  const locker = new pg.Client({ connectionString: url });
  await locker.connect();
  try {
    await locker.query("BEGIN");
    await locker.query("LOCK TABLE registry.enterprise IN ACCESS EXCLUSIVE MODE");
    await test();
  } finally {
    await locker.query("ROLLBACK").catch(() => undefined);
    await locker.end();
  }
}

async function waitingHubStatements(): Promise<string[]> {
  const rows = await queryAt(
    url,
    `SELECT query FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'lienthong' AND state = 'active' AND wait_event_type = 'Lock'`,
  );
  return rows.map((row) => row.query);
}

describe("deadlines", () => {
  it("cancels a request's statement when the request's deadline passes, and answers REQUEST_TIMEOUT", async () => {
    const hub = await startTestHub({ DATABASE_URL: url, LIENTHONG_REQUEST_DEADLINE_MS: "1500", LIENTHONG_STATEMENT_TIMEOUT_MS: "600000" });
    try {
      await whileEnterprisesLocked(async () => {
        const response = await hub.graphql(`{ enterprises(first: 5) { edges { node { taxCode } } } }`);
        expect(response.errors?.map((error) => error.extensions?.code)).toContain("REQUEST_TIMEOUT");
        expect(response.errors![0].message).toMatch(/deadline of 1500 ms/);
        // The statement was cancelled in PostgreSQL, not left waiting on the lock.
        expect(await waitingHubStatements()).toEqual([]);
      });
    } finally {
      await hub.stop();
    }
  });

  it("ends a statement at the statement timeout with REQUEST_TIMEOUT, not an internal error", async () => {
    const hub = await startTestHub({ DATABASE_URL: url, LIENTHONG_STATEMENT_TIMEOUT_MS: "500", LIENTHONG_REQUEST_DEADLINE_MS: "600000" });
    try {
      await whileEnterprisesLocked(async () => {
        const response = await hub.graphql(`{ enterprises(first: 5) { edges { node { taxCode } } } }`);
        expect(response.errors?.map((error) => error.extensions?.code)).toContain("REQUEST_TIMEOUT");
        expect(await waitingHubStatements()).toEqual([]);
      });
      // Afterwards the hub answers as usual.
      const response = await hub.graphql(`{ enterprises(first: 5) { edges { node { taxCode } } } }`);
      expect(response.status).toBe(200);
      expect(response.data.enterprises.edges).toEqual([]);
    } finally {
      await hub.stop();
    }
  });
});
