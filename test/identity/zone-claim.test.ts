import { dataOf, useTestHub, type GraphQLResponse } from "../support/hub";
import { runNode } from "../support/processes";
import { TEST_SECRETS } from "../support/test-env";
import { signRaw } from "../support/tokens";

/**
 * The zones claim (src/identity/zone-claim.ts), checked like the graph contract's claims through
 * the real HTTP server: a malformed or unknown zone code, a zone of another province, or zones
 * without a province refuse the whole request with 401 and say which; `npm run token -- --zones`
 * issues such a token and refuses the same mistakes naming the option.
 */
const hub = useTestHub();

const epoch = (offset = 0) => Math.floor(Date.now() / 1000) + offset;
const MY_MANDATES = "{ myMandates { id applies } }";

function boardClaims(changes: Record<string, unknown>): Record<string, unknown> {
  const claims: Record<string, unknown> = {
    sub: "izb-79",
    agency: "izb",
    roles: ["analyst"],
    purposes: ["monitoring"],
    province: "79",
    iat: epoch(),
    exp: epoch(3600),
    ...changes,
  };
  for (const [name, value] of Object.entries(claims)) if (value === undefined) delete claims[name];
  return claims;
}

async function asBoard(changes: Record<string, unknown>): Promise<GraphQLResponse> {
  return hub.graphql(MY_MANDATES, undefined, { authorization: `Bearer ${await signRaw(boardClaims(changes))}` });
}

function expectRefused(response: GraphQLResponse, why: RegExp): void {
  expect(response.status).toBe(401);
  expect(response.errors).toHaveLength(1);
  expect(response.errors![0].extensions?.code).toBe("UNAUTHENTICATED");
  expect(response.errors![0].message).toMatch(/claim zones is refused/);
  expect(response.errors![0].message).toMatch(why);
  expect(response).not.toHaveProperty("data");
}

describe("a token's zones claim", () => {
  it("is accepted with zones of the token's province, and the own-zones mandate applies", async () => {
    const data = dataOf(await asBoard({ zones: ["KCN79-01", "KCN79-02"] }));
    expect(data.myMandates).toEqual([{ id: "registry-zone-enterprises-to-izb", applies: true }]);
  });

  it("refuses a code that is not a zone code, saying what one looks like", async () => {
    expectRefused(await asBoard({ zones: ["79-01"] }), /"79-01" is not an industrial-zone code .*KCN79-01/);
  });

  it("refuses a well-formed code no zone has", async () => {
    expectRefused(await asBoard({ zones: ["KCN79-01", "KCN79-99"] }), /no industrial zone has the code KCN79-99/);
  });

  it("refuses a zone of another province, naming both provinces", async () => {
    expectRefused(await asBoard({ zones: ["KCN01-01"] }), /KCN01-01 is a zone of province 01, not of the token's province 79/);
  });

  it("refuses zones on a token that names no province", async () => {
    expectRefused(await asBoard({ province: undefined, zones: ["KCN79-01"] }), /names none/);
  });

  it("refuses a zones claim that is not a non-empty list of codes", async () => {
    for (const zones of ["KCN79-01", [], [7901], null]) expectRefused(await asBoard({ zones }), /not a non-empty list of industrial-zone codes/);
  });
});

describe("npm run token -- --zones", () => {
  const BOARD = ["--agency", "izb", "--roles", "analyst", "--province", "79", "--purposes", "monitoring"];
  async function runToken(args: string[]) {
    const command = runNode("src/cli/token.js", args, { LIENTHONG_JWT_SECRET: TEST_SECRETS.LIENTHONG_JWT_SECRET, LIENTHONG_JWKS_URL: undefined });
    const code = await command.exited;
    return { code, output: command.output() };
  }

  it("issues a token limited to the zones, which the hub accepts and scopes", async () => {
    const run = await runToken([...BOARD, "--zones", "KCN79-02,KCN79-01"]);
    expect(run.code).toBe(0);
    const token = /^ey[\w-]+\.[\w-]+\.[\w-]+$/m.exec(run.output)![0];
    const claims = JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8"));
    expect(claims).toMatchObject({ agency: "izb", province: "79", zones: ["KCN79-01", "KCN79-02"] });
    const [{ count }] = await hub.sql<{ count: number }>(`SELECT count(*)::int AS count FROM registry.enterprise WHERE industrial_zone_code = ANY($1)`, [
      ["KCN79-01", "KCN79-02"],
    ]);
    const data = dataOf(await hub.graphql(`{ enterprises(first: 1) { totalCount } }`, {}, { authorization: `Bearer ${token}` }));
    expect(data.enterprises.totalCount).toBe(count);
  });

  it("refuses a zone of another province with exit code 2, naming --zones", async () => {
    const run = await runToken([...BOARD, "--zones", "KCN01-01"]);
    expect(run.code).toBe(2);
    expect(run.output).toContain('--zones "KCN01-01" is refused: KCN01-01 is a zone of province 01, not of the token\'s province 79.');
    expect(run.output).not.toMatch(/^ey/m);
  });
});
