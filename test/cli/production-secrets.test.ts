import { runNode } from "../support/processes";

/**
 * In production the hub refuses to start with short secrets (src/config.ts): a guessable
 * LIENTHONG_JWT_SECRET lets anyone mint tokens, a guessable LIENTHONG_AUDIT_KEY lets anyone with
 * database access rewrite the audit chain. Run as `npm start` runs the hub.
 */
const STRONG = "a-production-secret-of-32-bytes!";
// Nothing listens there: a start that got past the configuration would fail on the database instead.
const UNREACHABLE_DATABASE = "postgres://127.0.0.1:1/none";

async function startInProduction(env: Record<string, string | undefined>) {
  const hub = runNode("src/index.js", [], { NODE_ENV: "production", DATABASE_URL: UNREACHABLE_DATABASE, LIENTHONG_JWKS_URL: undefined, ...env });
  const code = await hub.exited;
  return { code, output: hub.output() };
}

describe("production secrets", () => {
  it("is 32 bytes long, the shortest secret these tests accept", () => {
    expect(Buffer.byteLength(STRONG)).toBe(32);
  });

  it.each([
    ["LIENTHONG_JWT_SECRET", 1, { LIENTHONG_JWT_SECRET: "x", LIENTHONG_AUDIT_KEY: STRONG }],
    ["LIENTHONG_JWT_SECRET", 31, { LIENTHONG_JWT_SECRET: STRONG.slice(1), LIENTHONG_AUDIT_KEY: STRONG }],
    ["LIENTHONG_AUDIT_KEY", 1, { LIENTHONG_JWT_SECRET: STRONG, LIENTHONG_AUDIT_KEY: "x" }],
    ["LIENTHONG_AUDIT_KEY", 31, { LIENTHONG_JWT_SECRET: STRONG, LIENTHONG_AUDIT_KEY: STRONG.slice(1) }],
  ])("stops the start when %s has %i bytes, naming the variable", async (name, bytes, env) => {
    const { code, output } = await startInProduction(env);
    expect(code).toBe(1);
    expect(output).toContain(`Liên thông could not start: ${name} must be at least 32 bytes in production; it is ${bytes}.`);
  });

  it("gets past the secrets when both have 32 bytes, and with a JWKS needs no JWT secret", async () => {
    for (const env of [
      { LIENTHONG_JWT_SECRET: STRONG, LIENTHONG_AUDIT_KEY: STRONG },
      { LIENTHONG_JWT_SECRET: undefined, LIENTHONG_JWKS_URL: "https://idp.example/jwks", LIENTHONG_AUDIT_KEY: STRONG },
    ]) {
      const { code, output } = await startInProduction(env);
      // It fails later, on the unreachable database: the configuration was accepted.
      expect(code).toBe(1);
      expect(output).not.toMatch(/LIENTHONG_(JWT_SECRET|AUDIT_KEY)/);
      expect(output).toContain("could not start");
    }
  });
});
