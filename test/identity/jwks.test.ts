import http from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT, exportJWK, generateKeyPair, type KeyLike } from "jose";
import { startTestHub, type TestHub } from "../support/hub";
import { signRaw } from "../support/tokens";

/** Production identity: tokens signed by an identity provider, whose keys the hub fetches from a JWKS URL. */
const ISSUER = "https://id.example.gov.vn";
const AUDIENCE = "lienthong";
const CLAIMS = { agency: "bhxh", roles: ["analyst"], purposes: ["enrolment"] };

let jwks: http.Server;
let hub: TestHub;
let privateKey: KeyLike;

beforeAll(async () => {
  const pair = await generateKeyPair("RS256");
  privateKey = pair.privateKey;
  const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: "key-1", alg: "RS256", use: "sig" };
  jwks = http.createServer((_req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ keys: [publicJwk] }));
  });
  await new Promise<void>((resolve) => jwks.listen(0, "127.0.0.1", resolve));
  const { port } = jwks.address() as AddressInfo;
  hub = await startTestHub({
    LIENTHONG_JWT_SECRET: "",
    LIENTHONG_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    LIENTHONG_JWT_ISSUER: ISSUER,
    LIENTHONG_JWT_AUDIENCE: AUDIENCE,
  });
});

afterAll(async () => {
  await hub?.stop();
  await new Promise((resolve) => jwks?.close(resolve));
});

function providerToken(overrides: { issuer?: string; audience?: string; kid?: string } = {}): Promise<string> {
  return new SignJWT(CLAIMS)
    .setProtectedHeader({ alg: "RS256", kid: overrides.kid ?? "key-1" })
    .setSubject("analyst@bhxh.gov.vn")
    .setIssuer(overrides.issuer ?? ISSUER)
    .setAudience(overrides.audience ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime("10m")
    .sign(privateKey);
}

async function askAs(token: string) {
  return hub.graphql(`{ myMandates { id } }`, {}, { authorization: `Bearer ${token}` });
}

describe("tokens from an identity provider (LIENTHONG_JWKS_URL)", () => {
  it("accepts a token signed with the provider's key, for the configured issuer and audience", async () => {
    const response = await askAs(await providerToken());
    expect(response.status).toBe(200);
    expect(response.data!.myMandates.length).toBeGreaterThan(0);
  });

  it.each([
    ["another issuer", { issuer: "https://evil.example" }, /issuer/],
    ["another audience", { audience: "some-other-api" }, /audience/],
    ["a key the provider does not publish", { kid: "key-2" }, /key id/],
  ])("refuses a token from %s with 401", async (_what, overrides, reason) => {
    const response = await askAs(await providerToken(overrides));
    expect(response.status).toBe(401);
    expect(response.errors![0].extensions!.code).toBe("UNAUTHENTICATED");
    expect(response.errors![0].message).toMatch(reason);
  });

  it("refuses a locally signed HS256 token: only the provider's keys count", async () => {
    const local = await signRaw({ ...CLAIMS, sub: "x", iss: ISSUER, aud: AUDIENCE, exp: Math.floor(Date.now() / 1000) + 600 });
    const response = await askAs(local);
    expect(response.status).toBe(401);
    expect(response.errors![0].extensions!.code).toBe("UNAUTHENTICATED");
  });
});
