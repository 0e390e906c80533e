import { createHmac, randomUUID } from "node:crypto";
import path from "node:path";
import { PROJECT_ROOT, runCommand, type RunningCommand } from "../support/processes";

// The industrial-zone board's example subgraph, run as its agency would run it: `node server.mjs`.
const SERVER = path.join(PROJECT_ROOT, "examples", "industrial-zone-board", "server.mjs");
const KEY = "test-only-izb-subgraph-key-0123456789abcdef";
const LISTENING = /\{"event":"listening","url":"(http:\/\/[^"]+)\/graphql"/;

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Enterprise { taxCode zoneWorkforce { zoneCode workers foreignWorkers reportedMonth } }
  }
}`;

interface Principal {
  sub: string;
  agency: string;
  roles: string[];
  province?: string;
  purpose: string;
  requestId: string;
  iat: number;
}

function principal(overrides: Partial<Principal> = {}): Principal {
  return {
    sub: "labour-01-inspector",
    agency: "labour",
    roles: ["inspector"],
    province: "01",
    purpose: "inspection",
    requestId: randomUUID(),
    iat: Date.now(),
    ...overrides,
  };
}

/** The gateway's signing, written out here (the hub's own signer is another module): HMAC over header + "\n" + body. */
function signedHeaders(who: Principal, body: string, key = KEY): Record<string, string> {
  const header = Buffer.from(JSON.stringify(who), "utf8").toString("base64url");
  const signature = createHmac("sha256", key).update(`${header}\n${body}`, "utf8").digest("hex");
  return { "x-lienthong-principal": header, "x-lienthong-signature": `v1=${signature}` };
}

function entitiesBody(...taxCodes: string[]): string {
  return JSON.stringify({ query: ENTITIES, variables: { representations: taxCodes.map((taxCode) => ({ __typename: "Enterprise", taxCode })) } });
}

async function start(env: Record<string, string | undefined>): Promise<{ board: RunningCommand; url: string }> {
  const board = runCommand(process.execPath, [SERVER], { PORT: "0", HOST: undefined, ...env });
  await board.waitFor(LISTENING, 30_000);
  return { board, url: LISTENING.exec(board.output())![1] };
}

let board: RunningCommand;
let url: string;
beforeAll(async () => {
  ({ board, url } = await start({ IZB_SUBGRAPH_KEY: KEY }));
});
afterAll(async () => {
  board.child.kill("SIGTERM");
  await board.exited;
});

function post(headers: Record<string, string>, body: string): Promise<Response> {
  return fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
}

/** The operation lines the board has printed so far. */
function operationLines(): Record<string, unknown>[] {
  return board
    .output()
    .split("\n")
    .filter((line) => line.startsWith('{"event":"operation"'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function expectRefused(response: Response, requestId?: string): Promise<void> {
  expect(response.status).toBe(401);
  const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
  expect(body).toEqual({ errors: [{ message: expect.any(String), extensions: { code: "UNAUTHENTICATED" } }] });
  if (requestId) expect(operationLines().some((line) => line.requestId === requestId)).toBe(false);
}

describe("the industrial-zone board's example subgraph", () => {
  it("answers a signed _entities request with the zone workforce of each enterprise, null where it has no report", async () => {
    const body = entitiesBody("0100286176", "0101259087", "0137369728");
    const response = await post(signedHeaders(principal(), body), body);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      data: {
        _entities: [
          { taxCode: "0100286176", zoneWorkforce: { zoneCode: "KCN01-03", workers: 108, foreignWorkers: 4, reportedMonth: "2026-10" } },
          { taxCode: "0101259087", zoneWorkforce: { zoneCode: "KCN01-01", workers: 47, foreignWorkers: 2, reportedMonth: "2026-09" } },
          // In a zone in the hub's demo data, but it has no tax headcount, so the board has no report.
          { taxCode: "0137369728", zoneWorkforce: null },
        ],
      },
    });
  });

  it("prints one operation line with the signed principal and the Enterprise fields asked for", async () => {
    const who = principal({ agency: "bhxh", purpose: "enrolment", province: undefined });
    const body = entitiesBody("0100286176");
    expect((await post(signedHeaders(who, body), body)).status).toBe(200);
    // The line is written as the answer goes out: wait for the pipe to deliver it.
    await board.waitFor(who.requestId, 10_000);
    expect(operationLines().filter((line) => line.requestId === who.requestId)).toEqual([
      {
        event: "operation",
        agency: "bhxh",
        purpose: "enrolment",
        requestId: who.requestId,
        fields: ["Query._entities", "Enterprise.taxCode", "Enterprise.zoneWorkforce"],
      },
    ]);
  });

  it("names root fields in its operation line, through fragments", async () => {
    const who = principal();
    const body = JSON.stringify({ query: "query { ...Counts } fragment Counts on Query { zoneWorkforceReports __typename }" });
    const response = await post(signedHeaders(who, body), body);
    expect(await response.json()).toEqual({ data: { zoneWorkforceReports: 197, __typename: "Query" } });
    await board.waitFor(who.requestId, 10_000);
    expect(operationLines().find((line) => line.requestId === who.requestId)?.fields).toEqual(["Query.zoneWorkforceReports"]);
  });

  it("refuses an unsigned request with 401, whatever client credentials it carries", async () => {
    const body = entitiesBody("0100286176");
    await expectRefused(await post({}, body));
    const clientStyle = { authorization: "Bearer eyJhbGciOiJub25lIn0.e30.", "x-principal": Buffer.from(JSON.stringify(principal())).toString("base64url") };
    await expectRefused(await post(clientStyle, body));
  });

  it("refuses a signature made with another key, or not in v1 hex form", async () => {
    const who = principal();
    const body = entitiesBody("0100286176");
    await expectRefused(await post(signedHeaders(who, body, `${KEY}-other`), body), who.requestId);
    const upper = signedHeaders(who, body);
    upper["x-lienthong-signature"] = upper["x-lienthong-signature"].toUpperCase();
    await expectRefused(await post(upper, body), who.requestId);
  });

  it("refuses a signature whose iat is more than 60 s from now, either way", async () => {
    const body = entitiesBody("0100286176");
    for (const iat of [Date.now() - 61_000, Date.now() + 61_000]) {
      const who = principal({ iat });
      await expectRefused(await post(signedHeaders(who, body), body), who.requestId);
    }
  });

  it("refuses a body or a principal changed after signing", async () => {
    const who = principal();
    const body = entitiesBody("0100286176");
    await expectRefused(await post(signedHeaders(who, body), entitiesBody("0101259087")), who.requestId);

    const headers = signedHeaders(who, body);
    const widened = { ...who, agency: "tax" };
    headers["x-lienthong-principal"] = Buffer.from(JSON.stringify(widened)).toString("base64url");
    await expectRefused(await post(headers, body), who.requestId);
  });

  it("serves GraphQL by POST only, and /healthz by GET", async () => {
    expect((await fetch(`${url}/graphql?query=%7BzoneWorkforceReports%7D`)).status).toBe(405);
    const health = await fetch(url.replace(/\/graphql$/, "") + "/healthz");
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
  });
});

describe("starting and stopping the board's subgraph", () => {
  it("refuses to start with a key shorter than 32 characters", async () => {
    const short = runCommand(process.execPath, [SERVER], { PORT: "0", IZB_SUBGRAPH_KEY: "too-short" });
    expect(await short.exited).toBe(1);
    expect(short.output()).toMatch(/IZB_SUBGRAPH_KEY .*at least 32 characters/);
  });

  it("stops cleanly on SIGTERM", async () => {
    const { board: second } = await start({ IZB_SUBGRAPH_KEY: KEY });
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
    expect(second.output()).toContain('{"event":"stopped","signal":"SIGTERM"}');
  });
});
