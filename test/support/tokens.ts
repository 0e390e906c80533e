import { SignJWT } from "jose";
import type { Agency, Purpose, Role } from "../../src/identity/principal";
import { signToken } from "../../src/identity/sign-token";
import { TEST_SECRETS } from "./test-env";

export interface TestClaims {
  agency: Agency;
  roles: Role[];
  purposes: Purpose[];
  province?: string;
  /** Industrial-zone codes (claim zones), in `province`. */
  zones?: string[];
  sub?: string;
}

/** A bearer token the test hubs accept (signed with the run's shared secret). */
export async function tokenFor(claims: TestClaims): Promise<string> {
  return signToken(
    {
      subject: claims.sub ?? `${claims.agency}-test`,
      agency: claims.agency,
      roles: claims.roles,
      purposes: claims.purposes,
      provinceCode: claims.province,
      ...(claims.zones ? { zoneCodes: claims.zones } : {}),
    },
    TEST_SECRETS.LIENTHONG_JWT_SECRET,
  );
}

/** Headers for a request as this principal, stating `purpose` (the token's first purpose by default). */
export async function headersFor(claims: TestClaims, purpose?: Purpose): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await tokenFor(claims)}`, "x-purpose": purpose ?? claims.purposes[0] };
}

/** Signs arbitrary claims and header with the run's secret: for tests of tokens the hub must refuse. */
export function signRaw(
  payload: Record<string, unknown>,
  header: Record<string, unknown> = {},
  secret: string = TEST_SECRETS.LIENTHONG_JWT_SECRET,
): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: "HS256", ...header }).sign(new TextEncoder().encode(secret));
}

/**
 * The principal most existing tests read as: a national BHXH inspector, whose mandates cover the
 * registry, tax and BHXH fields (statistics are own-province only: see schema/mandates.yaml).
 */
export const NATIONAL_BHXH_INSPECTOR: TestClaims = { agency: "bhxh", roles: ["inspector"], purposes: ["inspection"] };
