import { randomUUID } from "node:crypto";
import { loadDemoData } from "../../src/demo/load-demo";
import { announceBurst } from "../support/batches";
import { publishEnrolment } from "../support/publish";
import { freshDatabase, onServer, queryAt } from "../support/fresh-database";
import { follow, run, subscriptionsStarted, useGraphqlWsClients } from "../support/graphql-ws";
import { startTestHub, type TestHub } from "../support/hub";
import { tokenFor } from "../support/tokens";

/**
 * How events reach subscribers when things go wrong: a subscriber that falls behind, a LISTEN
 * connection PostgreSQL drops, a socket or a caller asking for too many subscriptions.
 */
const DATABASE = `lienthong_live_delivery_${process.pid}`;
const QUEUE_LENGTH = 4;
let url: string;
let hub: TestHub;
const connect = useGraphqlWsClients(() => hub.url);

beforeAll(async () => {
  url = await freshDatabase(DATABASE);
  hub = await startTestHub({
    DATABASE_URL: url,
    LIENTHONG_SUBSCRIPTION_QUEUE_LENGTH: String(QUEUE_LENGTH),
    LIENTHONG_WS_MAX_SUBSCRIPTIONS: "3",
    LIENTHONG_MAX_SUBSCRIPTIONS_PER_CALLER: "4",
  });
  await loadDemoData(url, { enterprises: 300 });
}, 120_000);

afterAll(async () => {
  await hub?.stop();
  await onServer(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
});

const ENROLMENT_CHANGED = `subscription ($p: String!) { enrolmentChanged(provinceCode: $p) { province { code } period compulsoryInsured } }`;

async function subscriber() {
  const subject = `live-${randomUUID()}`;
  const token = await tokenFor({ agency: "bhxh", roles: ["analyst"], purposes: ["enrolment"], sub: subject });
  return { subject, client: connect({ authorization: `Bearer ${token}`, purpose: "enrolment" }, hub.url, false) };
}

/** The pids of the hub's LISTEN connections on the test database. */
async function listenBackends(): Promise<number[]> {
  const rows = await queryAt(url, "SELECT pid FROM pg_stat_activity WHERE application_name = 'lienthong-listen' AND datname = current_database()");
  return rows.map((row) => row.pid);
}

const event = (n: number) => ({
  batchId: randomUUID(),
  domain: "bhxh",
  period: null,
  appliedAt: new Date().toISOString(),
  provinceCodes: ["79"],
  taxCodes: [`01000000${String(n).padStart(2, "0")}`],
});

describe("a subscriber that falls behind", () => {
  it("has its waiting events dropped past the queue's bound, is told how many, and goes on with the newest", async () => {
    const { subject, client } = await subscriber();
    const followed = follow(client, ENROLMENT_CHANGED, { p: "79" });
    await subscriptionsStarted(url, subject, 1);
    const burst = 60;
    // All delivered to the listener at once: the subscriber is still resolving the first when the rest arrive.
    await announceBurst(
      url,
      Array.from({ length: burst }, (_, n) => event(n)),
    );
    const received = await (async () => {
      for (;;) {
        const events = followed.received.filter((payload) => payload.data);
        const dropped = followed.received
          .flatMap((payload) => payload.errors ?? [])
          .reduce((sum: number, error: any) => sum + (error.extensions.dropped ?? 0), 0);
        if (events.length + dropped >= burst) return { events, dropped };
        await followed.waitFor(followed.received.length + 1, 10_000);
      }
    })();
    const notices = followed.received.filter((payload) => !payload.data);
    expect(notices.length).toBeGreaterThanOrEqual(1);
    expect(notices[0].errors).toEqual([
      expect.objectContaining({ message: expect.stringContaining("dropped"), extensions: expect.objectContaining({ code: "EVENTS_DROPPED" }) }),
    ]);
    // Every event was either sent or counted as dropped; no more than the bound waited at any time.
    expect(received.events.length + received.dropped).toBe(burst);
    expect(received.events.length).toBeLessThanOrEqual(1 + QUEUE_LENGTH * notices.length);
    // One audit row per event sent, none for the notice.
    const [{ n }] = await queryAt(
      url,
      "SELECT count(*)::int AS n FROM hub.audit_log WHERE subject = $1 AND entry::jsonb->>'operationType' = 'subscription-event'",
      [subject],
    );
    expect(n).toBe(received.events.length);
    followed.stop();
  });
});

describe("a LISTEN connection PostgreSQL terminates", () => {
  it("is reconnected without a restart: subscribers are told events may have been missed, then get the next one", async () => {
    const { subject, client } = await subscriber();
    const followed = follow(client, ENROLMENT_CHANGED, { p: "79" });
    await subscriptionsStarted(url, subject, 1);
    const [before] = await listenBackends();
    await queryAt(url, "SELECT pg_terminate_backend($1)", [before]);
    const [notice] = await followed.waitFor(1);
    expect(notice.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: "EVENTS_MISSED", since: expect.any(String), resumedAt: expect.any(String) }) }),
    ]);
    const after = await listenBackends();
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before);
    await publishEnrolment(hub.url, url, "79");
    const [, next] = await followed.waitFor(2);
    expect(next.data.enrolmentChanged.province.code).toBe("79");
    followed.stop();
  });
});

describe("what arrives on the channel", () => {
  it("ignores a NOTIFY that is no batch event, and one naming no batch, and goes on delivering", async () => {
    const { subject, client } = await subscriber();
    const followed = follow(client, ENROLMENT_CHANGED, { p: "79" });
    const batches = follow(client, `subscription { batchApplied(domain: "bhxh") { id } }`);
    await subscriptionsStarted(url, subject, 2);
    for (const payload of ["not json", "{}", JSON.stringify({ batchId: 1, domain: [], provinceCodes: "79" }), "x".repeat(7000)]) {
      await queryAt(url, "SELECT pg_notify('lienthong_batch_applied', $1)", [payload]);
    }
    // Well formed, but naming no batch (nor a UUID): resolves to nothing, so nothing is sent.
    await announceBurst(url, [{ ...event(1), batchId: "no-such-batch", provinceCodes: [] }]);
    const batch = await publishEnrolment(hub.url, url, "79");
    const [first] = await followed.waitFor(1);
    expect(first.data.enrolmentChanged.period).toBe(batch.period);
    const [only] = await batches.waitFor(1);
    expect(only).toEqual({ data: { batchApplied: { id: batch.batchId } } });
    followed.stop();
    batches.stop();
  });
});

describe("bounds on subscriptions", () => {
  it("refuses a socket more subscriptions than it may hold, and a caller more than it may hold across sockets", async () => {
    const { subject, client } = await subscriber();
    const open = [0, 1, 2].map(() => follow(client, ENROLMENT_CHANGED, { p: "01" }));
    await subscriptionsStarted(url, subject, 3);
    await expect(run(client, ENROLMENT_CHANGED, { p: "01" })).rejects.toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: "RATE_LIMITED", reason: "socket-subscriptions" }) }),
    ]);
    // A second socket of the same caller: one more fits, then the caller's bound.
    const token = await tokenFor({ agency: "bhxh", roles: ["analyst"], purposes: ["enrolment"], sub: subject });
    const second = connect({ authorization: `Bearer ${token}`, purpose: "enrolment" }, hub.url, false);
    open.push(follow(second, ENROLMENT_CHANGED, { p: "01" }));
    await subscriptionsStarted(url, subject, 4);
    await expect(run(second, ENROLMENT_CHANGED, { p: "01" })).rejects.toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: "RATE_LIMITED", reason: "caller-subscriptions" }) }),
    ]);
    // Completing one frees its place.
    open.shift()!.stop();
    const again = follow(client, ENROLMENT_CHANGED, { p: "01" });
    await subscriptionsStarted(url, subject, 5);
    again.stop();
    for (const followed of open) followed.stop();
  });
});
