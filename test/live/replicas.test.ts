import { randomUUID } from "node:crypto";
import { openDatabase } from "../../src/database";
import { loadDemoData } from "../../src/demo/load-demo";
import { publishEnrolment } from "../support/publish";
import { freshDatabase, onServer, queryAt } from "../support/fresh-database";
import { follow, useGraphqlWsClients } from "../support/graphql-ws";
import { runNode, type RunningCommand } from "../support/processes";
import { tokenFor } from "../support/tokens";

/**
 * Replicas: two hub processes as `npm start` runs them (every domain in-process), on one
 * database. Each has its own LISTEN connection, so a batch published through either reaches the
 * subscribers of both, and each survives losing that connection on its own.
 */
const DATABASE = `lienthong_live_replicas_${process.pid}`;
const READY = /GraphiQL: (http:\/\/[^\s"]+)\/graphql/;
let url: string;
const hubs: { process: RunningCommand; url: string }[] = [];
const connect = useGraphqlWsClients(() => hubs[0].url);

beforeAll(async () => {
  url = await freshDatabase(DATABASE);
  const database = await openDatabase({ databaseUrl: url, dataDir: "/nonexistent", embeddedPgPort: 1, poolSize: 2, log: () => undefined });
  await database.close();
  await loadDemoData(url, { enterprises: 300 });
  for (let n = 0; n < 2; n++) {
    const process = runNode("src/index.js", [], { DATABASE_URL: url, PORT: "0", LIENTHONG_EXECUTION_WORKERS: "0", LIENTHONG_DEMO_DATA: "false" });
    await process.waitFor(READY, 90_000);
    hubs.push({ process, url: READY.exec(process.output())![1] });
  }
}, 200_000);

afterAll(async () => {
  for (const hub of hubs) {
    hub.process.child.kill("SIGTERM");
    await hub.process.exited;
  }
  await onServer(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
});

const ENROLMENT_CHANGED = `subscription ($p: String!) { enrolmentChanged(provinceCode: $p) { province { code } period compulsoryInsured } }`;

async function subscribeOn(hubUrl: string) {
  const subject = `replica-${randomUUID()}`;
  const token = await tokenFor({ agency: "bhxh", roles: ["analyst"], purposes: ["enrolment"], sub: subject });
  const followed = follow(connect({ authorization: `Bearer ${token}`, purpose: "enrolment" }, hubUrl, false), ENROLMENT_CHANGED, { p: "79" });
  for (let tries = 0; tries < 300; tries++) {
    const [{ n }] = await queryAt(url, "SELECT count(*)::int AS n FROM hub.audit_log WHERE subject = $1 AND entry::jsonb->>'outcome' = 'ok'", [subject]);
    if (n > 0) return followed;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the subscription did not start");
}

/** The LISTEN backends of the hubs on this database. */
async function listenBackends(): Promise<number[]> {
  const rows = await queryAt(
    url,
    "SELECT pid FROM pg_stat_activity WHERE application_name = 'lienthong-listen' AND datname = current_database() ORDER BY backend_start",
  );
  return rows.map((row) => row.pid);
}

describe("two hub processes on one database", () => {
  it("each listen on a connection of their own, outside their request pools", async () => {
    expect(await listenBackends()).toHaveLength(2);
  });

  it("deliver an event published through one to a subscriber of the other", async () => {
    const [first, second] = [await subscribeOn(hubs[0].url), await subscribeOn(hubs[1].url)];
    // BHXH publishes through the first process only: the second hears of it from PostgreSQL alone.
    const batch = await publishEnrolment(hubs[0].url, url, "79", "file");
    const [[fromFirst], [fromSecond]] = await Promise.all([first.waitFor(1), second.waitFor(1)]);
    expect(fromFirst).toEqual(fromSecond);
    expect(fromFirst.data.enrolmentChanged).toMatchObject({ province: { code: "79" }, period: batch.period });
    first.stop();
    second.stop();
  });

  it("survive losing their LISTEN connections: each reconnects, tells its subscribers, and delivers the next batch", async () => {
    const [first, second] = [await subscribeOn(hubs[0].url), await subscribeOn(hubs[1].url)];
    const before = await listenBackends();
    await queryAt(url, "SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid", [before]);
    for (const followed of [first, second]) {
      const [notice] = await followed.waitFor(1);
      expect(notice.errors[0].extensions.code).toBe("EVENTS_MISSED");
    }
    const after = await listenBackends();
    expect(after).toHaveLength(2);
    expect(after.filter((pid) => before.includes(pid))).toEqual([]);
    // Published through the second process this time, so each direction is covered once.
    await publishEnrolment(hubs[1].url, url, "79");
    for (const followed of [first, second]) {
      const [, event] = await followed.waitFor(2);
      expect(event.data.enrolmentChanged.province.code).toBe("79");
      followed.stop();
    }
    // The processes logged the loss and the resumption.
    for (const hub of hubs) expect(hub.process.output()).toContain("LISTEN resumed");
  });
});
