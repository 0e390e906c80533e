import { createHmac, timingSafeEqual } from "node:crypto";
import { isAgency, isPurpose, isRole, type Principal, type Purpose } from "../identity/principal";

/** The principal the gateway vouches for, as a subgraph receives it. */
export const PRINCIPAL_HEADER = "x-lienthong-principal";
/** `v1=` + hex HMAC-SHA256 over the principal header, a newline and the raw body. */
export const SIGNATURE_HEADER = "x-lienthong-signature";
/** A signed request older (or newer) than this is refused: a captured request cannot be replayed later. */
export const SIGNATURE_TOLERANCE_MS = 60_000;

/** What a gateway signs about a request: who asks, for what, and when it signed. */
export interface SignedPrincipal {
  principal: Principal | null;
  purpose: Purpose | null;
  requestId: string;
  /** Milliseconds since the epoch when the gateway signed. */
  signedAt: number;
}

/**
 * The key for one subgraph, derived from the key gateway replicas share: each subgraph (ours or
 * another agency's) gets its own, so an agency holding its key cannot sign requests to ours.
 */
export function subgraphKey(sharedKey: string, subgraph: string): string {
  return createHmac("sha256", sharedKey).update(`lienthong-subgraph:${subgraph}`).digest("hex");
}

/** The two headers that make a request to a subgraph acceptable: principal and signature. */
export function signRequest(key: string, signed: SignedPrincipal, body: string): Record<string, string> {
  const { principal, purpose, requestId, signedAt } = signed;
  const claims = principal
    ? {
        sub: principal.subject,
        agency: principal.agency,
        roles: principal.roles,
        province: principal.provinceCode,
        zones: principal.zoneCodes,
        purposes: principal.purposes,
        purpose,
        requestId,
        iat: signedAt,
      }
    : // Every field present, so a subgraph's own check of the shape passes; `anonymous` says no token was shown.
      { anonymous: true, sub: "anonymous", agency: "anonymous", roles: [], purposes: [], purpose: "none", requestId, iat: signedAt };
  const header = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return { [PRINCIPAL_HEADER]: header, [SIGNATURE_HEADER]: `v1=${mac(key, header, body)}` };
}

/** Why a request to a subgraph is refused, or the principal it was signed for. */
export function verifyRequest(
  key: string,
  headers: { principal?: string; signature?: string },
  body: string,
  now = Date.now(),
): SignedPrincipal | { refused: string } {
  const { principal: header, signature } = headers;
  if (!header || !signature) return { refused: "the request is not signed by the gateway; subgraphs answer only the gateway" };
  const expected = Buffer.from(`v1=${mac(key, header, body)}`);
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { refused: "the gateway's signature does not match this request" };
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(Buffer.from(header, "base64url").toString("utf8")) as Record<string, unknown>;
  } catch {
    return { refused: "the signed principal is not readable" };
  }
  const signedAt = claims.iat;
  if (typeof signedAt !== "number" || Math.abs(now - signedAt) > SIGNATURE_TOLERANCE_MS)
    return { refused: "the signature is too old or from the future; a signed request is good for 60 seconds" };
  const requestId = typeof claims.requestId === "string" ? claims.requestId : "";
  if (claims.anonymous === true) return { principal: null, purpose: null, requestId, signedAt };
  const roles = Array.isArray(claims.roles) ? claims.roles.filter(isRole) : [];
  const purposes = Array.isArray(claims.purposes) ? claims.purposes.filter(isPurpose) : [];
  if (typeof claims.sub !== "string" || !isAgency(claims.agency) || !isPurpose(claims.purpose)) return { refused: "the signed principal is incomplete" };
  // A zone limit the gateway signed must reach the subgraph's SQL: one it cannot read refuses the request rather than widen its rows.
  if (claims.zones !== undefined && !(Array.isArray(claims.zones) && claims.zones.every((zone) => typeof zone === "string")))
    return { refused: "the signed principal's zones are not a list of zone codes" };
  const principal: Principal = {
    subject: claims.sub,
    agency: claims.agency,
    roles,
    purposes,
    ...(typeof claims.province === "string" ? { provinceCode: claims.province } : {}),
    ...(Array.isArray(claims.zones) ? { zoneCodes: claims.zones as string[] } : {}),
  };
  return { principal, purpose: claims.purpose, requestId, signedAt };
}

function mac(key: string, header: string, body: string): string {
  return createHmac("sha256", key).update(header).update("\n").update(body).digest("hex");
}
