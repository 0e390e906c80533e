import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { LOCAL_ALGORITHM } from "./token-verifier";
import type { Principal } from "./principal";

/** Signs a token for `principal` with the hub's HS256 secret, valid for `hours` from now, with iat and a random jti (for revocation). */
export function signToken(principal: Principal, secret: string, hours = 12): Promise<string> {
  const claims: Record<string, unknown> = { agency: principal.agency, roles: principal.roles, purposes: principal.purposes };
  if (principal.provinceCode) claims.province = principal.provinceCode;
  if (principal.zoneCodes) claims.zones = principal.zoneCodes;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: LOCAL_ALGORITHM, typ: "JWT" })
    .setSubject(principal.subject)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${Math.round(hours * 3600)}s`)
    .sign(new TextEncoder().encode(secret));
}
