import { GraphQLError } from "graphql";
import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import type { HubConfig } from "../config";
import { ErrorCode, quoteValue } from "../errors";
import { localSecret } from "../local-secret";
import { PROVINCES } from "../reference-data/provinces";
import { AGENCIES, PURPOSES, ROLES, isAgency, isPurpose, isRole, type Principal } from "./principal";
import type { RevocationCheck } from "./revocations";
import { readZoneClaim } from "./zone-claim";

/** The algorithm of locally signed tokens; anything else (and `none` above all) is refused. */
export const LOCAL_ALGORITHM = "HS256";
const PROVINCE_CODES = new Set(PROVINCES.map((p) => p.code));

/** Turns an Authorization header into a principal; throws UNAUTHENTICATED (HTTP 401) saying what is wrong. */
export interface TokenVerifier {
  /** Resolves to null when there is no credential at all (an anonymous request). */
  verify(authorization: string | undefined): Promise<Principal | null>;
  /** "HS256 with LIENTHONG_JWT_SECRET" and the like, for the start-up log. */
  describe: string;
}

/** What the verifier demands of a token's times, besides a signature. */
interface TimeLimits {
  maxLifetimeSeconds: number;
  clockSkewSeconds: number;
}

/**
 * Verifies HS256 tokens with LIENTHONG_JWT_SECRET (or the local secret in the data folder), or
 * tokens from a JWKS endpoint with issuer and audience checks when LIENTHONG_JWKS_URL is set.
 * Either way a token must carry iat, live no longer than the configured maximum, and not be
 * revoked according to `revocation`.
 */
export function createTokenVerifier(config: HubConfig, revocation: RevocationCheck = () => undefined): TokenVerifier {
  const limits: TimeLimits = { maxLifetimeSeconds: config.tokenMaxLifetimeHours * 3600, clockSkewSeconds: config.clockSkewSeconds };
  if (config.jwksUrl) {
    const jwks: JWTVerifyGetKey = createRemoteJWKSet(new URL(config.jwksUrl));
    return verifierWith(jwks, { issuer: config.jwtIssuer, audience: config.jwtAudience }, limits, revocation, `JWKS at ${config.jwksUrl}`);
  }
  const secret = new TextEncoder().encode(signingSecret(config));
  const describe = config.jwtSecret ? "HS256 with LIENTHONG_JWT_SECRET" : "HS256 with the local secret in the data folder";
  return verifierWith(secret, { algorithms: [LOCAL_ALGORITHM] }, limits, revocation, describe);
}

/** The HS256 secret tokens are signed with: LIENTHONG_JWT_SECRET, else one kept in the data folder. */
export function signingSecret(config: HubConfig): string {
  return config.jwtSecret ?? localSecret(config.dataDir, "jwt-secret");
}

function verifierWith(
  key: Uint8Array | JWTVerifyGetKey,
  options: { algorithms?: string[]; issuer?: string; audience?: string },
  limits: TimeLimits,
  revocation: RevocationCheck,
  describe: string,
): TokenVerifier {
  return {
    describe,
    async verify(authorization) {
      if (authorization === undefined || authorization.trim() === "") return null;
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (!match) throw unauthenticated("The Authorization header is malformed: it must be `Bearer <token>`.");
      const token = match[1];
      checkHeader(token);
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, key as Uint8Array, { ...options, requiredClaims: ["exp", "sub"], clockTolerance: limits.clockSkewSeconds }));
      } catch (error) {
        throw unauthenticated(explain(error));
      }
      const issuedAt = checkTimes(payload as TimedPayload, limits);
      const principal = principalFrom(payload);
      const revoked = revocation({ jti: jtiOf(payload), subject: principal.subject, issuedAt });
      if (revoked) throw unauthenticated(revoked);
      return principal;
    },
  };
}

/** A payload jose has verified: exp is a number, and so is iat when present. */
type TimedPayload = JWTPayload & { exp: number; iat?: number };

/**
 * jose checks nbf (with the skew) but accepts any iat and any lifetime: a token stamped in the
 * future, or valid until the year 9999, would outlive every rotation and revocation. Returns iat.
 */
function checkTimes(payload: TimedPayload, limits: TimeLimits): number {
  const now = Math.floor(Date.now() / 1000);
  // The skew given to jose is for issuers whose clocks run ahead (iat, nbf); expiry stays exact.
  if (payload.exp <= now) throw unauthenticated(`The token expired at ${isoSeconds(payload.exp)}; ask for a new one.`);
  // Required (after expiry, the likelier complaint): without it neither the lifetime nor "issued before" revocation can be judged.
  if (payload.iat === undefined) throw unauthenticated("The token lacks the required claim iat (when it was issued).");
  if (payload.iat > now + limits.clockSkewSeconds) {
    throw unauthenticated(
      `The token's claim iat says it was issued at ${isoSeconds(payload.iat)}, in the future (more than ${limits.clockSkewSeconds} s ahead of the hub's clock); its issuer's clock is wrong or the token is forged.`,
    );
  }
  const lifetime = payload.exp - payload.iat;
  if (lifetime > limits.maxLifetimeSeconds) {
    throw unauthenticated(
      `The token's lifetime (claims exp − iat) is ${hours(lifetime)} h, longer than the ${hours(limits.maxLifetimeSeconds)} h this hub accepts; ask for a token that expires sooner.`,
    );
  }
  return payload.iat;
}

/** The jti claim when present; revocation of one token needs it, so a malformed one is refused. */
function jtiOf(payload: JWTPayload): string | undefined {
  if (payload.jti === undefined) return undefined;
  if (typeof payload.jti !== "string" || payload.jti === "")
    throw unauthenticated(`The token's claim jti is ${JSON.stringify(payload.jti)}; it must be a non-empty string.`);
  return payload.jti;
}

function isoSeconds(epochSeconds: number): string {
  const date = new Date(epochSeconds * 1000);
  return Number.isNaN(date.getTime()) ? String(epochSeconds) : date.toISOString();
}

function hours(seconds: number): string {
  return String(Math.round((seconds / 3600) * 100) / 100);
}

/** Malformed and unsigned tokens are named before jose sees them, so the message says exactly that. */
function checkHeader(token: string): void {
  let alg: unknown;
  try {
    ({ alg } = decodeProtectedHeader(token));
  } catch {
    throw unauthenticated("The token is malformed: it is not a JWT (three base64url parts with a JSON header).");
  }
  if (typeof alg !== "string" || alg === "") throw unauthenticated("The token is malformed: its header names no signing algorithm (alg).");
  if (alg.toLowerCase() === "none") throw unauthenticated('The token is unsigned (alg "none"); the hub accepts only signed tokens.');
}

function explain(error: unknown): string {
  if (error instanceof errors.JWTExpired) {
    const exp = error.payload.exp;
    return `The token expired${typeof exp === "number" ? ` at ${isoSeconds(exp)}` : ""}; ask for a new one.`;
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "nbf") {
      const nbf = error.payload.nbf;
      return `The token is not valid yet (claim nbf)${typeof nbf === "number" ? `: it is valid from ${isoSeconds(nbf)}` : ""}.`;
    }
    if (error.claim === "iss") return "The token was issued by an issuer this hub does not trust (claim iss).";
    if (error.claim === "aud") return "The token is meant for another audience (claim aud).";
    if (error.reason === "missing") return `The token lacks the required claim ${error.claim}.`;
    return `The token's claim ${error.claim} is invalid: ${error.message}.`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return "The token's signature does not verify: it was not signed by this hub's issuer, or it was altered.";
  if (error instanceof errors.JOSEAlgNotAllowed) return "The token is signed with an algorithm this hub does not accept.";
  if (error instanceof errors.JWKSNoMatchingKey) return "No key of the identity provider matches the token's key id (kid).";
  if (error instanceof errors.JWKSTimeout) return "The identity provider's keys (JWKS) could not be fetched in time; try again.";
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid || error instanceof errors.JOSENotSupported) {
    return `The token is malformed: ${error.message}.`;
  }
  return "The token could not be verified.";
}

/** Checks the claims against the graph contract's principals; an unknown value is refused, never ignored. */
function principalFrom(payload: JWTPayload): Principal {
  const { sub, agency, roles, province, zones, purposes } = payload as Record<string, unknown>;
  if (typeof sub !== "string" || sub.trim() === "") throw unauthenticated("The token's claim sub is empty.");
  if (!isAgency(agency)) throw unauthenticated(`The token's claim agency is ${quoteValue(agency)}; it must be one of ${AGENCIES.join(", ")}.`);
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every(isRole)) {
    throw unauthenticated(`The token's claim roles is ${quoteValue(roles)}; it must be a non-empty list of ${ROLES.join(", ")}.`);
  }
  if (province !== undefined && (typeof province !== "string" || !PROVINCE_CODES.has(province))) {
    throw unauthenticated(
      `The token's claim province is ${quoteValue(province)}; it must be the two-digit code of one of the 34 provinces, or absent for national.`,
    );
  }
  if (!Array.isArray(purposes) || purposes.length === 0 || !purposes.every(isPurpose)) {
    throw unauthenticated(`The token's claim purposes is ${quoteValue(purposes)}; it must be a non-empty list of ${PURPOSES.join(", ")}.`);
  }
  let zoneCodes: string[] | undefined;
  if (zones !== undefined) {
    const claim = readZoneClaim(zones, province);
    if ("problem" in claim) throw unauthenticated(`The token's claim zones is refused: ${claim.problem}.`);
    zoneCodes = claim.zones;
  }
  return { subject: sub, agency, roles: [...new Set(roles)], provinceCode: province, ...(zoneCodes ? { zoneCodes } : {}), purposes: [...new Set(purposes)] };
}

/** HTTP 401 with UNAUTHENTICATED: the credential, not the question, is wrong. */
export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
}
