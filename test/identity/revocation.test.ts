import { randomUUID } from "node:crypto";
import { decodeJwt } from "jose";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { startTestHub, useTestHub, type TestHub } from "../support/hub";
import { runNode } from "../support/processes";
import { testDatabaseUrl } from "../support/test-env";
import { signRaw, tokenFor } from "../support/tokens";

/**
 * `npm run token:revoke` (node dist/src/cli/token-revoke.js) while hubs run: the revoked token is
 * refused with 401 "revoked" by every hub within a few seconds (each reloads hub.token_revocation
 * every LIENTHONG_REVOCATION_REFRESH_SECONDS), other tokens keep working, and the revocation leaves
 * an audit row. Subjects and jtis are unique to this file: the run's database is shared.
 */
const hub = useTestHub();

const MY_MANDATES = "{ myMandates { id } }";
/** Well above the default refresh of 2 s, so a slow machine does not fail the test; it passes as soon as the hub refuses. */
const REFUSAL_BOUND_MS = 20_000;

const uniqueSubject = (label: string) => `revocation-${label}-${randomUUID()}`;
const epoch = (offset = 0) => Math.floor(Date.now() / 1000) + offset;

async function statusWith(target: TestHub, token: string): Promise<{ status: number; message?: string; code?: string }> {
  const response = await target.graphql(MY_MANDATES, undefined, { authorization: `Bearer ${token}` });
  return { status: response.status, message: response.errors?.[0]?.message, code: response.errors?.[0]?.extensions?.code };
}

/** Polls until `target` refuses `token` with 401, or fails after REFUSAL_BOUND_MS showing the last answer. */
async function refusedWithin(target: TestHub, token: string): Promise<{ status: number; message?: string; code?: string }> {
  const deadline = Date.now() + REFUSAL_BOUND_MS;
  for (;;) {
    const answer = await statusWith(target, token);
    if (answer.status === 401 || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function revoke(args: string[], env: Record<string, string | undefined> = {}) {
  const command = runNode("src/cli/token-revoke.js", args, { DATABASE_URL: testDatabaseUrl(), ...env });
  const code = await command.exited;
  return { code, output: command.output() };
}

/** The audit row the command named in its output ("Audit row: request <id>"). */
async function auditRowOf(output: string): Promise<Record<string, any>> {
  const requestId = /Audit row: request ([\w-]+)/.exec(output)?.[1];
  expect(requestId).toBeDefined();
  const rows = await hub.sql("SELECT entry::jsonb AS entry FROM hub.audit_log WHERE request_id = $1", [requestId]);
  expect(rows).toHaveLength(1);
  return rows[0].entry;
}

const tokenOf = (sub: string) => tokenFor({ agency: "bhxh", roles: ["inspector"], purposes: ["inspection"], sub });

describe("npm run token:revoke --jti", () => {
  it("makes every running hub refuse that token with 401 revoked within seconds, keeps other tokens working, and writes an audit row", async () => {
    const replica = await startTestHub();
    try {
      const subject = uniqueSubject("jti");
      const [revoked, sibling] = [await tokenOf(subject), await tokenOf(subject)];
      expect((await statusWith(hub, revoked)).status).toBe(200);
      const jti = decodeJwt(revoked).jti as string;

      const run = await revoke(["--jti", jti, "--reason", "leaked in a support ticket", "--by", "operator-an"]);
      expect(run.code).toBe(0);
      expect(run.output).toContain(`Revoked the token with jti ${jti}`);

      for (const target of [hub, replica]) {
        expect(await refusedWithin(target, revoked)).toEqual({ status: 401, code: "UNAUTHENTICATED", message: expect.stringContaining("revoked") });
      }
      // Another token of the same subject has its own jti and still works.
      expect((await statusWith(hub, sibling)).status).toBe(200);
      expect((await statusWith(replica, sibling)).status).toBe(200);

      const entry = await auditRowOf(run.output);
      expect(entry).toMatchObject({
        operationName: "revokeToken",
        operationType: "mutation",
        outcome: "ok",
        subject: "operator-an",
        roles: ["operator"],
        domains: ["hub"],
      });
      // What was revoked is there as keyed hashes, like every request's variables.
      expect(entry.variables).toEqual({ jti: expect.stringMatching(/^hmac:[0-9a-f]{16}$/), reason: expect.stringMatching(/^hmac:/) });
      expect(JSON.stringify(entry)).not.toContain(jti);
    } finally {
      await replica.stop();
    }
  });

  it("closes a graphql-ws connection made with the revoked token with 4401", async () => {
    const token = await tokenOf(uniqueSubject("ws"));
    expect((await revoke(["--jti", decodeJwt(token).jti as string, "--reason", "test"])).code).toBe(0);
    expect((await refusedWithin(hub, token)).status).toBe(401);
    const client = createClient({
      url: `${hub.url.replace("http", "ws")}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
      lazy: true,
    });
    try {
      const closed = new Promise((resolve, reject) =>
        client.subscribe({ query: "{ sectors { code } }" }, { next: () => undefined, error: resolve, complete: () => reject(new Error("answered")) }),
      );
      await expect(closed).resolves.toMatchObject({ code: 4401, reason: expect.stringContaining("revoked") });
    } finally {
      await client.dispose();
    }
  });
});

describe("npm run token:revoke --subject", () => {
  it("refuses the subject's tokens issued before the instant, and keeps its later tokens and other subjects' working", async () => {
    const subject = uniqueSubject("subject");
    const before = new Date((epoch() - 30) * 1000);
    const claims = { sub: subject, agency: "bhxh", roles: ["inspector"], purposes: ["inspection"], exp: epoch(3600) };
    const earlier = await signRaw({ ...claims, iat: epoch(-60), jti: randomUUID() });
    const later = await signRaw({ ...claims, iat: epoch(), jti: randomUUID() });
    const otherSubject = await tokenOf(uniqueSubject("bystander"));

    const run = await revoke(["--subject", subject, "--before", before.toISOString(), "--reason", "account closed"]);
    expect(run.code).toBe(0);
    expect(run.output).toContain(`Revoked every token of subject ${subject} issued before ${before.toISOString()}`);

    expect(await refusedWithin(hub, earlier)).toEqual({ status: 401, code: "UNAUTHENTICATED", message: expect.stringMatching(/revoked/) });
    expect((await statusWith(hub, later)).status).toBe(200);
    expect((await statusWith(hub, otherSubject)).status).toBe(200);

    const entry = await auditRowOf(run.output);
    expect(entry).toMatchObject({
      operationName: "revokeToken",
      outcome: "ok",
      variables: { issuedBefore: before.toISOString(), subject: expect.stringMatching(/^hmac:/) },
    });
  });

  it("revokes every token issued until now when --before is left out", async () => {
    const subject = uniqueSubject("now");
    const token = await tokenOf(subject);
    expect((await revoke(["--subject", subject, "--reason", "left the agency"])).code).toBe(0);
    expect((await refusedWithin(hub, token)).status).toBe(401);
  });
});

describe("npm run token:revoke with wrong options", () => {
  it.each([
    ["neither --jti nor --subject", ["--reason", "x"], /either --jti or --subject/],
    ["both --jti and --subject", ["--jti", "a", "--subject", "b", "--reason", "x"], /either --jti or --subject/],
    ["no --reason", ["--jti", "a"], /--reason is required/],
    ["--before with --jti", ["--jti", "a", "--before", "2026-01-01T00:00:00Z", "--reason", "x"], /--before goes with --subject/],
    ["a --before that is not an instant", ["--subject", "a", "--before", "yesterday", "--reason", "x"], /--before must be an ISO 8601 instant/],
    ["a --before in the future", ["--subject", "a", "--before", "2999-01-01T00:00:00Z", "--reason", "x"], /in the future/],
  ])("refuses %s with exit code 2 naming the option, and revokes nothing", async (_case, args, message) => {
    const run = await revoke(args);
    expect(run).toEqual({ code: 2, output: expect.stringMatching(message) });
    expect(await hub.sql("SELECT 1 FROM hub.token_revocation WHERE jti IN ('a') OR subject IN ('a', 'b')")).toEqual([]);
  });
});
