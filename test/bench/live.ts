/**
 * The subscription figures of `npm run bench` (also alone: `npm run bench -- --live-only`): two
 * hub processes as `npm start` runs them on one database (the first runs the embedded PostgreSQL,
 * the second joins it by DATABASE_URL), 1,000 graphql-ws subscribers to enrolmentChanged split
 * between them, then BHXH batches committed one at a time. Printed: the delay from each batch's
 * COMMIT returning to each subscriber receiving its event (p50, p99, max), per process and in all.
 * Publisher and subscribers run in this one process, so both ends read the same clock.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import pg from "pg";
import { signToken } from "../../src/identity/sign-token";
import { commitEnrolmentBatchDirectly } from "../support/batches";
import { freePort } from "../support/free-port";
import { runNode, type RunningCommand } from "../support/processes";
import { SECRETS } from "./peer/systems";

type Report = (name: string, value: string) => void;

const SUBSCRIBERS = 1_000;
/**
 * Subscriptions per socket, each socket a caller of its own: their starts arrive together, and a
 * caller may have 8 operations in flight (a start is one until it is subscribed).
 */
const PER_SOCKET = 5;
const BATCHES = 20;
const READY = /GraphiQL: (http:\/\/\S+)\/graphql/;
const DASHBOARD = `subscription ($p: String!) { enrolmentChanged(provinceCode: $p) { province { code } period units compulsoryInsured unemploymentInsured unitsInArrears } }`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function measureLive(report: Report, enterprises = 5_000): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lienthong-bench-live-"));
  const pgPort = await freePort();
  const hubs: RunningCommand[] = [];
  const clients: Client[] = [];
  try {
    report(
      `subscriptions (${SUBSCRIBERS.toLocaleString("en-US")} subscribers on two hub processes, demo set of ${enterprises.toLocaleString("en-US")} enterprises)`,
      "",
    );
    const common = { LIENTHONG_LOG_LEVEL: "info", LIENTHONG_DATA_DIR: dataDir };
    const first = runNode("src/index.js", [], {
      ...SECRETS,
      ...common,
      DATABASE_URL: "",
      LIENTHONG_PG_PORT: String(pgPort),
      LIENTHONG_DEMO_ENTERPRISES: String(enterprises),
      PORT: String(await freePort()),
    });
    hubs.push(first);
    await first.waitFor(READY, 300_000);
    const databaseUrl = `postgres://postgres:lienthong-local@127.0.0.1:${pgPort}/lienthong`;
    const second = runNode("src/index.js", [], { ...SECRETS, ...common, DATABASE_URL: databaseUrl, PORT: String(await freePort()) });
    hubs.push(second);
    await second.waitFor(READY, 300_000);
    const urls = hubs.map((hub) => READY.exec(hub.output())![1]);

    // Each delivery: which process, and when it arrived.
    const arrivals: { hub: number; at: number }[] = [];
    let startedCount = 0;
    const sockets = SUBSCRIBERS / PER_SOCKET;
    for (let socket = 0; socket < sockets; socket++) {
      const hub = socket % 2;
      const token = await signToken(
        { subject: `bench-dashboard-${socket}`, agency: "bhxh", roles: ["analyst"], purposes: ["enrolment"] },
        SECRETS.LIENTHONG_JWT_SECRET,
        2,
      );
      // One socket connected after another: two hundred handshakes at once on two busy cores would outlast graphql-ws's 3 s for connection_init.
      let connected!: () => void;
      const acknowledged = new Promise<void>((resolve) => (connected = resolve));
      const client = createClient({
        url: `${urls[hub].replace("http", "ws")}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}`, purpose: "enrolment" },
        lazy: false,
        retryAttempts: 0,
        onNonLazyError: () => undefined,
        on: { connected: () => connected() },
      });
      clients.push(client);
      await acknowledged;
      for (let n = 0; n < PER_SOCKET; n++) {
        client.subscribe(
          { query: DASHBOARD, variables: { p: "79" } },
          {
            next: (payload: any) => {
              if (payload.data?.enrolmentChanged) arrivals.push({ hub, at: performance.now() });
            },
            error: (error) =>
              process.stderr.write(
                `bench: a subscription failed: ${error instanceof Error ? error.message : JSON.stringify(error, ["code", "reason", "message", "extensions"])}\n`,
              ),
            complete: () => undefined,
          },
        );
        startedCount += 1;
      }
    }
    // Every subscription has started once its start row is in the audit log.
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      for (let tries = 0; ; tries++) {
        const { rows } = await db.query(
          "SELECT count(*)::int AS n FROM hub.audit_log WHERE subject LIKE 'bench-dashboard-%' AND entry::jsonb->>'operationType' = 'subscription' AND entry::jsonb->>'outcome' = 'ok'",
        );
        if (rows[0].n >= startedCount) break;
        if (tries > 1200) throw new Error(`only ${rows[0].n} of ${startedCount} subscriptions started`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await db.end();
    }

    const delays: number[][] = [[], []];
    /** Per batch, its first delivery: what the NOTIFY and one resolution take, before subscribers queue behind each other. */
    const firsts: number[] = [];
    let lost = 0;
    for (let batch = 0; batch < BATCHES; batch++) {
      const seen = arrivals.length;
      // Written directly, not published: the figure is COMMIT to delivery, and only a direct write knows its COMMIT.
      const applied = await commitEnrolmentBatchDirectly(databaseUrl, "79");
      // Wait for all subscribers (or 30 s), then the next batch: one batch's deliveries at a time.
      const deadline = Date.now() + 30_000;
      while (arrivals.length - seen < SUBSCRIBERS && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      const mine = arrivals.slice(seen);
      lost += SUBSCRIBERS - mine.length;
      for (const arrival of mine) delays[arrival.hub].push(arrival.at - applied.committedAt);
      if (mine.length > 0) firsts.push(Math.min(...mine.map((arrival) => arrival.at)) - applied.committedAt);
    }
    const line = (list: number[]) => {
      const sorted = [...list].sort((a, b) => a - b);
      return `p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms (${sorted.length} deliveries)`;
    };
    report(`  batch COMMIT to event delivered, ${BATCHES} batches × ${SUBSCRIBERS} subscribers`, line([...delays[0], ...delays[1]]));
    report("    on the process running PostgreSQL / on the second process", `${line(delays[0])} / ${line(delays[1])}`);
    report("  batch COMMIT to its first delivery (any subscriber)", line(firsts).replace("deliveries", "batches"));
    report("  events not delivered within 30 s", String(lost));
  } finally {
    await Promise.all(clients.map((client) => client.dispose()));
    for (const hub of hubs.reverse()) {
      hub.child.kill("SIGTERM");
      await hub.exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
