import { randomUUID } from "node:crypto";
import WebSocket from "ws";
import { useGraphqlWsClients, run } from "../support/graphql-ws";
import { startTestHub, useTestHub, type TestHub } from "../support/hub";
import { signRaw, tokenFor } from "../support/tokens";

/** graphql-ws gets HTTP's protections: message size, operation limits, budgets, and an audit row for every refusal. */
const hub = useTestHub();
const connect = useGraphqlWsClients(() => hub.url);

async function analystToken(subject: string, extra: Record<string, unknown> = {}) {
  if (Object.keys(extra).length === 0) return tokenFor({ agency: "bhxh", roles: ["analyst"], purposes: ["enrolment"], sub: subject });
  const now = Math.floor(Date.now() / 1000);
  return signRaw({ sub: subject, agency: "bhxh", roles: ["analyst"], purposes: ["enrolment"], iat: now, jti: randomUUID(), exp: now + 3600, ...extra });
}

async function auditRowsOf(subject: string) {
  return (await hub.sql(`SELECT entry::jsonb AS entry FROM hub.audit_log WHERE subject = $1 ORDER BY seq`, [subject])).map((row) => row.entry);
}

/** A raw socket speaking graphql-transport-ws, for what a well-behaved client never sends. */
function rawSocket(url = hub.url): Promise<{ socket: WebSocket; closed: Promise<{ code: number; reason: string }> }> {
  const socket = new WebSocket(`${url.replace("http", "ws")}/graphql`, "graphql-transport-ws");
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once("close", (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  socket.on("error", () => undefined);
  return new Promise((resolve, reject) => {
    socket.once("open", () => resolve({ socket, closed }));
    socket.once("error", reject);
  });
}

async function anonymousRefusalsSince(seq: number, code: string): Promise<number> {
  const [row] = await hub.sql(`SELECT count(*)::int AS n FROM hub.audit_log WHERE seq > $1 AND subject IS NULL AND entry::jsonb -> 'errorCodes' ? $2`, [
    seq,
    code,
  ]);
  return row.n;
}

/** Audit rows are written by group commit after the socket closed: wait for them (bounded). */
async function eventually(count: () => Promise<number>, timeoutMs = 10_000): Promise<number> {
  const until = Date.now() + timeoutMs;
  let seen = await count();
  while (seen === 0 && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    seen = await count();
  }
  return seen;
}

async function lastSeq(): Promise<number> {
  const [row] = await hub.sql(`SELECT coalesce(max(seq), 0)::int AS seq FROM hub.audit_log`);
  return row.seq;
}

describe("graphql-ws limits", () => {
  it("refuses the formerProvinces cycle with QUERY_TOO_COMPLEX, the request id, and an audit row", async () => {
    const subject = `ws-limits-${randomUUID()}`;
    const client = connect({ authorization: `Bearer ${await analystToken(subject)}` });
    let query = "code";
    for (let level = 0; level < 12; level++) query = `code formerProvinces { successor { ${query} } }`;
    const errors = await run(client, `query Cycle { provinces { ${query} } }`).then(
      () => [],
      (refused) => refused,
    );
    expect(errors).toHaveLength(1);
    expect(errors[0].extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit: "depth", requestId: expect.any(String) });
    const rows = await auditRowsOf(subject);
    expect(rows).toEqual([expect.objectContaining({ requestId: errors[0].extensions.requestId, errorCodes: ["QUERY_TOO_COMPLEX"], outcome: "invalid" })]);
    // The socket stays usable.
    expect((await run(client, `{ sectors { code } }`)).data.sectors.length).toBeGreaterThan(0);
  });

  it("answers a validation error as GRAPHQL_VALIDATION_FAILED with the request id, not an internal error, and audits it", async () => {
    const subject = `ws-invalid-${randomUUID()}`;
    const client = connect({ authorization: `Bearer ${await analystToken(subject)}` });
    const errors = await run(client, `{ noSuchField }`).catch((refused) => refused);
    expect(errors[0].extensions).toMatchObject({ code: "GRAPHQL_VALIDATION_FAILED", requestId: expect.any(String) });
    expect(errors[0].message).toContain("noSuchField");
    expect(await auditRowsOf(subject)).toEqual([expect.objectContaining({ errorCodes: ["GRAPHQL_VALIDATION_FAILED"], outcome: "invalid" })]);
  });

  it("closes a socket whose message is larger than an HTTP body may be (1009), audits it, and stays up", async () => {
    const before = await lastSeq();
    const { socket, closed } = await rawSocket();
    socket.send(JSON.stringify({ type: "connection_init", payload: { padding: "x".repeat(2 * 1024 * 1024) } }));
    expect((await closed).code).toBe(1009);
    expect(await eventually(() => anonymousRefusalsSince(before, "BAD_REQUEST"))).toBeGreaterThanOrEqual(1);
    expect((await run(connect({}), `{ sectors { code } }`)).data.sectors.length).toBeGreaterThan(0);
  });

  it("refuses 40,000 aliases of provinces { communes } without harm", async () => {
    const query = `{ ${Array.from({ length: 40_000 }, (_, i) => `p${i}: provinces { communes { code } }`).join(" ")} }`;
    const outcome = await run(connect({}), query).then(
      () => "answered",
      (refusal) => (Array.isArray(refusal) ? refusal[0].extensions.code : refusal.code),
    );
    // Over the message size (the socket closes with 1009) or, if it fits, over the token limit.
    expect([1009, "QUERY_TOO_COMPLEX"]).toContain(outcome);
    expect((await run(connect({}), `{ sectors { code } }`)).data.sectors.length).toBeGreaterThan(0);
  });

  it("audits a connection refused at connection_init for its credential", async () => {
    const before = await lastSeq();
    const refusal = await run(connect({ authorization: "Bearer not-a-token" }), `{ sectors { code } }`).catch((error) => error);
    expect(refusal.code).toBe(4401);
    expect(await eventually(() => anonymousRefusalsSince(before, "UNAUTHENTICATED"))).toBeGreaterThanOrEqual(1);
  });

  it("closes with 4401 and audits an operation sent before connection_init", async () => {
    const before = await lastSeq();
    const { socket, closed } = await rawSocket();
    socket.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query: "{ sectors { code } }" } }));
    expect((await closed).code).toBe(4401);
    expect(await eventually(() => anonymousRefusalsSince(before, "UNAUTHENTICATED"))).toBeGreaterThanOrEqual(1);
  });

  it("closes with 4401 and audits an operation sent after the token expired", async () => {
    const subject = `ws-expiring-${randomUUID()}`;
    const now = Math.floor(Date.now() / 1000);
    const token = await analystToken(subject, { exp: now + 2 });
    const client = connect({ authorization: `Bearer ${token}` });
    expect((await run(client, `{ sectors { code } }`)).data.sectors.length).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, (now + 3) * 1000 - Date.now())));
    const before = await lastSeq();
    const refusal = await run(client, `{ sectors { code } }`).catch((error) => error);
    expect(refusal).toMatchObject({ code: 4401, reason: expect.stringContaining("expired") });
    expect(await eventually(() => anonymousRefusalsSince(before, "UNAUTHENTICATED"))).toBeGreaterThanOrEqual(1);
  });
});

describe("graphql-ws budgets", () => {
  let limited: TestHub;
  beforeAll(async () => {
    limited = await startTestHub({ LIENTHONG_WS_MAX_IN_FLIGHT: "2" });
  });
  afterAll(() => limited.stop());

  it("bounds the operations one socket has in flight, refusing the rest with RATE_LIMITED", async () => {
    const subject = `ws-flood-${randomUUID()}`;
    const client = connect({ authorization: `Bearer ${await analystToken(subject)}` }, limited.url);
    const page = `{ enterprises(first: 50) { edges { node { taxCode name bhxhUnit { code } } } } }`;
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () =>
        run(client, page).then(
          () => "ok",
          (errors) => errors[0]?.extensions?.code ?? "closed",
        ),
      ),
    );
    expect(outcomes).toContain("ok");
    expect(outcomes).toContain("RATE_LIMITED");
    const [row] = await limited.sql(`SELECT count(*)::int AS n FROM hub.audit_log WHERE subject = $1 AND entry::jsonb -> 'errorCodes' ? 'RATE_LIMITED'`, [
      subject,
    ]);
    expect(row.n).toBe(outcomes.filter((outcome) => outcome === "RATE_LIMITED").length);
  });

  it("closes a socket that keeps sending refused operations", async () => {
    const client = connect({}, limited.url, false);
    const cycle = `{ provinces { formerProvinces { successor { formerProvinces { successor { formerProvinces { successor { formerProvinces { successor { code } } } } } } } } } }`;
    const outcomes = [];
    for (let i = 0; i < 60; i++)
      outcomes.push(await run(client, cycle).catch((refusal) => (Array.isArray(refusal) ? refusal[0].extensions.code : refusal.code)));
    expect(outcomes.slice(0, 49)).toEqual(Array(49).fill("QUERY_TOO_COMPLEX"));
    expect(outcomes[49]).toBe(1008);
  });
});
