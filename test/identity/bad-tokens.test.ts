import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { useTestHub, type GraphQLResponse } from "../support/hub";
import { PROJECT_ROOT } from "../support/processes";
import { signRaw, tokenFor, type TestClaims } from "../support/tokens";

/**
 * Token verification through the real HTTP server (src/identity/token-verifier.ts, src/context.ts):
 * a bad credential refuses the whole request with 401 UNAUTHENTICATED and a message saying which
 * problem it was; no credential at all is an anonymous request; a purpose the token does not
 * allow refuses the whole request with 403 FORBIDDEN.
 */
const hub = useTestHub();

const PROVINCES = "{ provinces { code name } }";
const MY_MANDATES = "{ myMandates { id applies reason } }";
const BHXH_ANALYST: TestClaims = { agency: "bhxh", roles: ["analyst"], purposes: ["enrolment", "inspection"] };

/** Seconds since the epoch, `offset` seconds from now. */
const epoch = (offset = 0) => Math.floor(Date.now() / 1000) + offset;

/** Claims the hub would accept, for tests that break one of them. */
function validClaims(): Record<string, unknown> {
  return { sub: "tester", agency: "bhxh", roles: ["inspector"], purposes: ["inspection"], iat: epoch(), exp: epoch(3600) };
}

/** `validClaims()` with `changes` applied; an `undefined` value removes the claim. */
function claimsWith(changes: Record<string, unknown>): Record<string, unknown> {
  const claims = { ...validClaims(), ...changes };
  for (const [name, value] of Object.entries(claims)) if (value === undefined) delete claims[name];
  return claims;
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** Sends `query` with exactly this Authorization header (and x-purpose when given). */
function withAuthorization(authorization: string, query = PROVINCES, purpose?: string): Promise<GraphQLResponse> {
  return hub.graphql(query, undefined, { authorization, ...(purpose === undefined ? {} : { "x-purpose": purpose }) });
}

const withToken = (token: string, query = PROVINCES, purpose?: string) => withAuthorization(`Bearer ${token}`, query, purpose);

/** Nothing internal in what the client reads: no stack frames, file paths, library names or extra extensions. */
function expectNoInternals(response: GraphQLResponse): void {
  for (const error of response.errors ?? []) {
    expect(error.message).not.toMatch(/\bat \/|\n\s*at |node_modules|\.[jt]s:\d|stack|Error:|ERR_[A-Z_]+|jose|Context creation failed/i);
    expect(error.extensions?.stacktrace).toBeUndefined();
    expect(error.extensions?.exception).toBeUndefined();
    expect(error.extensions?.http).toBeUndefined();
  }
}

/** The request was refused whole for its credential: 401, one UNAUTHENTICATED error saying `why`, no data. */
function expectUnauthenticated(response: GraphQLResponse, why: RegExp): void {
  expect(response.status).toBe(401);
  expect(response.errors).toHaveLength(1);
  expect(response.errors![0].extensions?.code).toBe("UNAUTHENTICATED");
  expect(response.errors![0].message).toMatch(why);
  expect(response).not.toHaveProperty("data");
  expectNoInternals(response);
}

/** The request was refused whole for its stated purpose: 403, one FORBIDDEN error naming `purpose`, no data. */
function expectPurposeRefused(response: GraphQLResponse, purpose: string): void {
  expect(response.status).toBe(403);
  expect(response.errors).toHaveLength(1);
  expect(response.errors![0].extensions?.code).toBe("FORBIDDEN");
  expect(response.errors![0].message).toContain(`"${purpose}"`);
  expect(response).not.toHaveProperty("data");
  expectNoInternals(response);
}

describe("a credential that is not a JWT", () => {
  it("refuses a token that is not a JWT with 401 and says it is malformed", async () => {
    expectUnauthenticated(await withToken("abc"), /malformed/i);
  });

  it("refuses three base64url parts that are not JSON with 401 and says it is malformed", async () => {
    expectUnauthenticated(await withToken("eyJub3Q.json.here"), /malformed/i);
  });

  it("refuses an Authorization header that is not `Bearer <token>` with 401 and says so", async () => {
    const token = await tokenFor(BHXH_ANALYST);
    for (const header of [`Basic ${Buffer.from("user:password").toString("base64")}`, token, "Bearer", `Bearer ${token} extra`]) {
      expectUnauthenticated(await withAuthorization(header), /Authorization header is malformed.*Bearer <token>/);
    }
  });
});

describe("a JWT the hub did not sign or that is not valid now", () => {
  it("refuses an expired token with 401 and says it expired", async () => {
    const response = await withToken(await signRaw(claimsWith({ iat: epoch(-7200), exp: epoch(-3600) })));
    expectUnauthenticated(response, /expired/);
  });

  it("refuses a token that is not valid yet with 401 and says from when it is", async () => {
    const response = await withToken(await signRaw(claimsWith({ nbf: epoch(3600), exp: epoch(7200) })));
    expectUnauthenticated(response, /not valid yet/);
  });

  it("refuses a token signed with another secret with 401 and says the signature does not verify", async () => {
    const response = await withToken(await signRaw(validClaims(), {}, "another-secret-of-another-issuer-0123456789abcdef"));
    expectUnauthenticated(response, /signature/);
  });

  it("refuses a token whose payload was altered after signing with 401 and says the signature does not verify", async () => {
    const [header, , signature] = (await signRaw(validClaims())).split(".");
    const forged = `${header}.${base64url(claimsWith({ roles: ["inspector", "publisher"] }))}.${signature}`;
    expectUnauthenticated(await withToken(forged), /signature/);
  });

  it('refuses an unsigned token (alg "none") with 401 and says it is unsigned', async () => {
    const unsigned = `${base64url({ alg: "none", typ: "JWT" })}.${base64url(validClaims())}.`;
    expectUnauthenticated(await withToken(unsigned), /unsigned/);
  });

  it("refuses a token signed with the right secret but another algorithm with 401 and names the algorithm as the problem", async () => {
    const response = await withToken(await signRaw(validClaims(), { alg: "HS512" }));
    expectUnauthenticated(response, /algorithm/);
  });
});

describe("a token's times: lifetime, clock skew and iat", () => {
  /** The hub's defaults (LIENTHONG_TOKEN_MAX_LIFETIME_HOURS, LIENTHONG_CLOCK_SKEW_SECONDS). */
  const MAX_LIFETIME = 24 * 3600;
  const SKEW = 60;

  it("refuses a token valid until the year 9999 with 401 and says its lifetime is too long", async () => {
    const response = await withToken(await signRaw(claimsWith({ exp: Date.UTC(9999, 11, 31) / 1000 })));
    expectUnauthenticated(response, /lifetime \(claims exp − iat\) is [\d.]+ h, longer than the 24 h/);
  });

  it("refuses a lifetime one second over the maximum, and accepts one exactly at it", async () => {
    const iat = epoch(-10);
    expectUnauthenticated(await withToken(await signRaw(claimsWith({ iat, exp: iat + MAX_LIFETIME + 1 }))), /lifetime/);
    const atMax = await withToken(await signRaw(claimsWith({ iat, exp: iat + MAX_LIFETIME })));
    expect(atMax.status).toBe(200);
    expect(atMax.errors).toBeUndefined();
  });

  it("refuses an iat further in the future than the clock skew with 401 naming the claim, and accepts one within it", async () => {
    const ahead = await withToken(await signRaw(claimsWith({ iat: epoch(SKEW + 60), exp: epoch(3600) })));
    expectUnauthenticated(ahead, /claim iat .*in the future/);
    const slightlyAhead = await withToken(await signRaw(claimsWith({ iat: epoch(SKEW / 2), exp: epoch(3600) })));
    expect(slightlyAhead.status).toBe(200);
    expect(slightlyAhead.errors).toBeUndefined();
  });

  it("refuses an nbf further in the future than the clock skew with 401 naming the claim, and accepts one within it", async () => {
    expectUnauthenticated(await withToken(await signRaw(claimsWith({ nbf: epoch(SKEW + 60) }))), /not valid yet \(claim nbf\)/);
    const slightlyAhead = await withToken(await signRaw(claimsWith({ nbf: epoch(SKEW / 2) })));
    expect(slightlyAhead.status).toBe(200);
    expect(slightlyAhead.errors).toBeUndefined();
  });

  it("refuses a token without iat with 401 and names the claim", async () => {
    expectUnauthenticated(await withToken(await signRaw(claimsWith({ iat: undefined }))), /claim iat/);
  });

  it("refuses a jti that is not a non-empty string with 401 and names the claim", async () => {
    expectUnauthenticated(await withToken(await signRaw(claimsWith({ jti: 42 }))), /claim jti is 42/);
  });
});

describe("a signed token whose claims break the graph contract", () => {
  it("refuses an unknown agency with 401 and names the claim and the agencies allowed", async () => {
    const response = await withToken(await signRaw(claimsWith({ agency: "nobody" })));
    expectUnauthenticated(response, /claim agency is "nobody".*registry, tax, statistics, bhxh/);
  });

  it.each(["99", "4"])("refuses the province code %s with 401 and names the claim", async (province) => {
    const response = await withToken(await signRaw(claimsWith({ province })));
    expectUnauthenticated(response, new RegExp(`claim province is "${province}".*two-digit code`));
  });

  it("refuses a purpose that is not in the list with 401 and names the claim", async () => {
    const response = await withToken(await signRaw(claimsWith({ purposes: ["inspection", "curiosity"] })));
    expectUnauthenticated(response, /claim purposes is .*"curiosity".*enrolment, inspection/);
  });

  it("refuses a token without roles with 401 and names the claim", async () => {
    expectUnauthenticated(await withToken(await signRaw(claimsWith({ roles: undefined }))), /claim roles/);
  });

  it("refuses an empty list of roles with 401 and names the claim", async () => {
    expectUnauthenticated(await withToken(await signRaw(claimsWith({ roles: [] }))), /claim roles is \[\]/);
  });

  it("refuses a token without sub with 401 and names the claim", async () => {
    expectUnauthenticated(await withToken(await signRaw(claimsWith({ sub: undefined }))), /claim sub/);
  });

  it("refuses a token without exp with 401 and names the claim", async () => {
    expectUnauthenticated(await withToken(await signRaw(claimsWith({ exp: undefined }))), /claim exp/);
  });
});

describe("no credential at all", () => {
  const anonymous = (query: string) => hub.graphql(query, undefined, { authorization: "" });

  it("answers open reference data to an anonymous request: the 34 provinces", async () => {
    const response = await anonymous(PROVINCES);
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    expect(response.data.provinces).toHaveLength(34);
    expect(response.data.provinces[0]).toEqual({ code: expect.stringMatching(/^\d{2}$/), name: expect.any(String) });
  });

  it("refuses enterprise fields to an anonymous request field by field, with FORBIDDEN on their paths and the rest of the answer", async () => {
    const response = await anonymous("{ enterprises(first: 1) { totalCount edges { node { taxCode } } } }");
    expect(response.status).toBe(200);
    expect(response.data).toEqual({ enterprises: { totalCount: null, edges: null } });
    const refused = response.errors!.map((error) => ({ path: error.path, code: error.extensions?.code }));
    expect(refused).toEqual(
      expect.arrayContaining([
        { path: ["enterprises", "totalCount"], code: "FORBIDDEN" },
        { path: ["enterprises", "edges"], code: "FORBIDDEN" },
      ]),
    );
    expect(refused.every((error) => error.code === "FORBIDDEN")).toBe(true);
    expectNoInternals(response);
  });

  it("holds no mandate when anonymous", async () => {
    const response = await anonymous(MY_MANDATES);
    expect(response.status).toBe(200);
    expect(response.data).toEqual({ myMandates: [] });
  });
});

describe("the stated purpose (x-purpose)", () => {
  it("refuses a purpose the token does not carry with 403, naming it, and answers nothing", async () => {
    const token = await tokenFor({ agency: "bhxh", roles: ["inspector"], purposes: ["enrolment"] });
    expectPurposeRefused(await withToken(token, PROVINCES, "inspection"), "inspection");
  });

  it("refuses a purpose that does not exist with 403, naming it", async () => {
    const token = await tokenFor({ agency: "bhxh", roles: ["inspector"], purposes: ["enrolment"] });
    expectPurposeRefused(await withToken(token, PROVINCES, "nonsense"), "nonsense");
  });

  it("uses the token's first purpose when the request states none", async () => {
    const response = await withToken(await tokenFor(BHXH_ANALYST), MY_MANDATES);
    expect(response.status).toBe(200);
    const mandates = new Map(response.data.myMandates.map((m: { id: string }) => [m.id, m]));
    expect(mandates.get("registry-identity-to-bhxh")).toEqual({ id: "registry-identity-to-bhxh", applies: true, reason: null });
    // Its only purpose is inspection: with enrolment (the first) as the default, it does not apply.
    expect(mandates.get("registry-representative-id-to-bhxh-inspection")).toMatchObject({ applies: false });
  });

  it("uses the stated purpose, and explains a mandate that needs another role", async () => {
    const response = await withToken(await tokenFor(BHXH_ANALYST), MY_MANDATES, "inspection");
    expect(response.status).toBe(200);
    const mandates = new Map(response.data.myMandates.map((m: { id: string }) => [m.id, m]));
    expect(mandates.get("registry-identity-to-bhxh")).toMatchObject({ applies: true });
    const idNumber = mandates.get("registry-representative-id-to-bhxh-inspection") as { applies: boolean; reason: string };
    expect(idNumber.applies).toBe(false);
    expect(idNumber.reason).toMatch(/role.*inspector/);
  });

  it("lists exactly the mandates schema/mandates.yaml grants to the token's agency", async () => {
    const file = parse(fs.readFileSync(path.join(PROJECT_ROOT, "schema", "mandates.yaml"), "utf8")) as {
      mandates: { id: string; grantee: { agency: string } }[];
    };
    const granted = file.mandates.filter((m) => m.grantee.agency === "bhxh").map((m) => m.id);
    const response = await withToken(await tokenFor(BHXH_ANALYST), "{ myMandates { id } }");
    expect(response.data.myMandates.map((m: { id: string }) => m.id).sort()).toEqual(granted.sort());
  });
});
