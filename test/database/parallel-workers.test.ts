import { startTestHub } from "../support/hub";
import { testDatabaseUrl } from "../support/test-env";
import { loadDemoData } from "../../src/demo/load-demo";
import { freshDatabase, onServer, queryAt } from "../support/fresh-database";

/**
 * The hub's connections run each statement in one process unless LIENTHONG_PG_PARALLEL_WORKERS
 * says otherwise. In a database of its own whose settings make PostgreSQL plan even the demo's
 * small tables in parallel, so a count would launch workers if the hub let it; PostgreSQL counts
 * the workers it launched per database (pg_stat_database, PostgreSQL 18).
 */
const DATABASE = "lienthong_parallel_workers_test";
let url: string;
beforeAll(async () => {
  url = await freshDatabase(DATABASE);
  for (const setting of ["parallel_setup_cost = 0", "parallel_tuple_cost = 0", "min_parallel_table_scan_size = 0", "min_parallel_index_scan_size = 0"])
    await onServer(`ALTER DATABASE ${DATABASE} SET ${setting}`);
  // A hub migrates the new database; the demo then gives the count rows to read.
  await (await startTestHub({ DATABASE_URL: url })).stop();
  await loadDemoData(url, { enterprises: 50 });
});
afterAll(async () => {
  await onServer(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
});

/** Read from another database: with this one's settings, reading the statistics view would launch a worker of its own. */
async function workersLaunched(): Promise<number> {
  const [row] = await queryAt<{ launched: string }>(
    testDatabaseUrl(),
    "SELECT parallel_workers_launched AS launched FROM pg_stat_database WHERE datname = $1",
    [DATABASE],
  );
  return Number(row.launched);
}

/** Counts every enterprise, a few times, through a hub started with `env`; returns the workers PostgreSQL launched meanwhile. */
async function workersLaunchedServing(env: Record<string, string>, settleMs: number): Promise<number> {
  const hub = await startTestHub({ DATABASE_URL: url, ...env });
  try {
    // What the start itself ran (the migrator's own connections keep PostgreSQL's setting) is reported late; let it in first.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const before = await workersLaunched();
    for (let i = 0; i < 3; i++) {
      const response = await hub.graphql(`{ enterprises { totalCount } }`);
      expect(response.errors).toBeUndefined();
      expect(response.data.enterprises.totalCount).toBeGreaterThan(0);
    }
    // A backend reports its statistics about a second after it goes idle; wait for them.
    const until = Date.now() + settleMs;
    let launched = (await workersLaunched()) - before;
    while (launched === 0 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      launched = (await workersLaunched()) - before;
    }
    return launched;
  } finally {
    await hub.stop();
  }
}

describe("parallel workers on the hub's connections", () => {
  it("launches none by default: a statement runs in one process, so eight clients do not cost the CPU of twenty-four", async () => {
    expect(await workersLaunchedServing({}, 3_000)).toBe(0);
  });

  it("lets PostgreSQL launch them when LIENTHONG_PG_PARALLEL_WORKERS allows", async () => {
    expect(await workersLaunchedServing({ LIENTHONG_PG_PARALLEL_WORKERS: "2" }, 15_000)).toBeGreaterThan(0);
  });

  it("refuses a setting outside 0–64, naming it", async () => {
    await expect(startTestHub({ DATABASE_URL: url, LIENTHONG_PG_PARALLEL_WORKERS: "65" })).rejects.toThrow(/LIENTHONG_PG_PARALLEL_WORKERS/);
  });
});
