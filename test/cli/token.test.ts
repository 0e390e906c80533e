import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startTestHub, useTestHub } from "../support/hub";
import { runNode } from "../support/processes";
import { TEST_SECRETS } from "../support/test-env";

/**
 * `npm run token` (node dist/src/cli/token.js), run the way a user runs it: it prints a token the
 * hub accepts, refuses bad options naming them, and with no secret configured keeps one in the
 * data folder.
 */
const hub = useTestHub();

const JWT_LINE = /^ey[\w-]+\.[\w-]+\.[\w-]+$/m;
const BHXH_ANALYST_IN_40 = ["--agency", "bhxh", "--roles", "analyst", "--province", "40", "--purposes", "inspection,enrolment"];

/** Neither an inherited secret nor a JWKS URL may change which secret the command signs with. */
const NO_SIGNING_SETTINGS = { LIENTHONG_JWT_SECRET: undefined, LIENTHONG_JWKS_URL: undefined };

/** Runs the token command to its end. */
async function runToken(args: string[], env: Record<string, string | undefined> = { LIENTHONG_JWT_SECRET: TEST_SECRETS.LIENTHONG_JWT_SECRET }) {
  const command = runNode("src/cli/token.js", args, { ...NO_SIGNING_SETTINGS, ...env });
  const code = await command.exited;
  return { code, output: command.output() };
}

/** The token a successful run printed; fails showing the output when there is none. */
function tokenIn(output: string): string {
  const match = JWT_LINE.exec(output);
  if (!match) throw new Error(`no token in the output:\n${output}`);
  return match[0];
}

/** Sends `query` with the token and no x-purpose, so the token's first purpose applies. */
function asBearer(token: string, query: string, variables?: Record<string, unknown>) {
  return hub.graphql(query, variables, { authorization: `Bearer ${token}` });
}

const ENTERPRISE_NAME = "query Name($taxCode: String!) { enterprise(taxCode: $taxCode) { taxCode name } }";

describe("npm run token", () => {
  let token: string;

  beforeAll(async () => {
    const run = await runToken(BHXH_ANALYST_IN_40);
    expect(run.code).toBe(0);
    token = tokenIn(run.output);
  });

  it("prints exactly one token and tells how to use it", async () => {
    const run = await runToken(BHXH_ANALYST_IN_40);
    expect(run.code).toBe(0);
    expect(run.output.match(new RegExp(JWT_LINE.source, "gm"))).toHaveLength(1);
    expect(run.output).toContain('"x-purpose":"inspection"');
  });

  it("prints a token the hub accepts, holding the bhxh mandates", async () => {
    const response = await asBearer(token, "{ myMandates { id applies } }");
    expect(response.status).toBe(200);
    const mandates: { id: string; applies: boolean }[] = response.data.myMandates;
    expect(mandates.map((m) => m.id)).toEqual(expect.arrayContaining(["registry-identity-to-bhxh", "tax-headcount-to-bhxh"]));
    expect(mandates.find((m) => m.id === "registry-identity-to-bhxh")!.applies).toBe(true);
  });

  it("limits the token's rows to its province: an enterprise in 40 answers, one elsewhere is null", async () => {
    const [inside] = await hub.sql("SELECT tax_code, name FROM registry.enterprise WHERE province_code = '40' ORDER BY tax_code LIMIT 1");
    const [outside] = await hub.sql("SELECT tax_code FROM registry.enterprise WHERE province_code <> '40' ORDER BY tax_code LIMIT 1");

    const own = await asBearer(token, ENTERPRISE_NAME, { taxCode: inside.tax_code });
    expect(own.errors).toBeUndefined();
    expect(own.data.enterprise).toEqual({ taxCode: inside.tax_code, name: inside.name });

    const other = await asBearer(token, ENTERPRISE_NAME, { taxCode: outside.tax_code });
    expect(other.errors).toBeUndefined();
    expect(other.data.enterprise).toBeNull();
  });

  it("signs a token carrying iat and a random jti, and prints the jti for token:revoke", async () => {
    const [first, second] = [await runToken(BHXH_ANALYST_IN_40), await runToken(BHXH_ANALYST_IN_40)];
    const claims = [first, second].map((run) => JSON.parse(Buffer.from(tokenIn(run.output).split(".")[1], "base64url").toString("utf8")));
    for (const [index, run] of [first, second].entries()) {
      expect(claims[index]).toMatchObject({ iat: expect.any(Number), jti: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      expect(run.output).toContain(`Its jti is ${claims[index].jti}`);
    }
    expect(claims[0].jti).not.toBe(claims[1].jti);
  });

  it("signs for the maximum lifetime, and refuses one hour more with exit code 2 naming --hours and the limit", async () => {
    const atMax = await runToken([...BHXH_ANALYST_IN_40, "--hours", "24"]);
    expect(atMax.code).toBe(0);
    expect((await asBearer(tokenIn(atMax.output), "{ myMandates { id } }")).status).toBe(200);

    const over = await runToken([...BHXH_ANALYST_IN_40, "--hours", "25"]);
    expect(over).toEqual({
      code: 2,
      output: expect.stringMatching(/--hours must be from 1\/60 \(one minute\) to 24 \(LIENTHONG_TOKEN_MAX_LIFETIME_HOURS\), not "25"/),
    });
    expect(over.output).not.toMatch(JWT_LINE);
  });

  it.each([
    ["an unknown agency", ["--agency", "nobody", "--roles", "analyst", "--purposes", "inspection"], /--agency.*"nobody"/],
    ["an unknown province", ["--agency", "bhxh", "--roles", "analyst", "--province", "99", "--purposes", "inspection"], /--province "99"/],
    ["an unknown purpose", ["--agency", "bhxh", "--roles", "analyst", "--purposes", "fun"], /--purposes.*"fun"/],
    ["no roles", ["--agency", "bhxh", "--purposes", "inspection"], /--roles/],
    // The hub refuses a token whose sub is empty, so the command must not print one.
    ["an empty subject", ["--agency", "bhxh", "--roles", "analyst", "--purposes", "inspection", "--sub", ""], /--sub/],
  ])("refuses %s with exit code 2 and a message naming the option", async (_case, args, message) => {
    const run = await runToken(args);
    expect(run).toEqual({ code: 2, output: expect.stringMatching(message) });
    expect(run.output).not.toMatch(JWT_LINE);
  });
});

describe("npm run token without LIENTHONG_JWT_SECRET", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lienthong-token-"));
  const secretFile = path.join(dataDir, "jwt-secret");
  const withLocalSecret = { LIENTHONG_DATA_DIR: dataDir };
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("keeps a secret in the data folder, readable by its owner only, and signs every run with it", async () => {
    const first = await runToken(BHXH_ANALYST_IN_40, withLocalSecret);
    expect(first.code).toBe(0);
    expect(fs.statSync(secretFile).mode & 0o777).toBe(0o600);
    const secret = fs.readFileSync(secretFile, "utf8");
    const { mtimeMs } = fs.statSync(secretFile);

    const second = await runToken(BHXH_ANALYST_IN_40, withLocalSecret);
    expect(second.code).toBe(0);
    expect(fs.readFileSync(secretFile, "utf8")).toBe(secret);
    expect(fs.statSync(secretFile).mtimeMs).toBe(mtimeMs);

    // A hub with no secret configured reads the same file, so both tokens work there.
    const localHub = await startTestHub({ LIENTHONG_JWT_SECRET: "", LIENTHONG_DATA_DIR: dataDir });
    try {
      for (const run of [first, second]) {
        const response = await localHub.graphql("{ myMandates { id } }", undefined, { authorization: `Bearer ${tokenIn(run.output)}` });
        expect(response.status).toBe(200);
        expect(response.data.myMandates.length).toBeGreaterThan(0);
      }
      // …and a token signed with the test run's secret does not.
      const foreign = await localHub.graphql("{ myMandates { id } }", undefined, { authorization: `Bearer ${await tokenInRunWithTestSecret()}` });
      expect(foreign.status).toBe(401);
    } finally {
      await localHub.stop();
    }
  });
});

async function tokenInRunWithTestSecret(): Promise<string> {
  const run = await runToken(BHXH_ANALYST_IN_40);
  return tokenIn(run.output);
}
