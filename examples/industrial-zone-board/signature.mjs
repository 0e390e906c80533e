// The verifying side of the hub gateway's request signature. The gateway sends:
//   x-lienthong-principal: base64url(JSON {sub, agency, roles, province?, purpose, requestId, iat})
//   x-lienthong-signature: "v1=" + hex(HMAC-SHA256(key, <x-lienthong-principal> + "\n" + <raw body>))
// iat is when the gateway signed, in milliseconds since the epoch.
import { createHmac, timingSafeEqual } from "node:crypto";

/** How far a signature's iat may be from this server's clock, either way. */
export const MAX_SKEW_MS = 60_000;

const SIGNATURE = /^v1=([0-9a-f]{64})$/;

/**
 * Checks one request's signature headers against its raw body. Returns `{ principal }` when the
 * gateway signed exactly these bytes less than MAX_SKEW_MS ago, otherwise `{ refused }` with a
 * reason fit for the 401 body: it names what failed, never what was expected.
 */
export function verifySignedRequest(key, headers, rawBody, now = Date.now()) {
  const unsigned = missingSignature(headers);
  if (unsigned) return { refused: unsigned };
  const principalHeader = headers["x-lienthong-principal"];
  const given = SIGNATURE.exec(headers["x-lienthong-signature"]);
  const expected = createHmac("sha256", key).update(`${principalHeader}\n`, "utf8").update(rawBody).digest();
  if (!given || !timingSafeEqual(Buffer.from(given[1], "hex"), expected)) {
    return { refused: "The request signature does not match its principal and body." };
  }
  const principal = parsePrincipal(principalHeader);
  if (!principal) return { refused: "The signed principal is not a valid principal object." };
  if (Math.abs(now - principal.iat) > MAX_SKEW_MS) {
    return { refused: `The signature is more than ${MAX_SKEW_MS / 1000} s from this server's clock (stale or clock skew).` };
  }
  return { principal };
}

/** The refusal for a request without both signature headers, checked before its body is read; else undefined. */
export function missingSignature(headers) {
  const present = (name) => typeof headers[name] === "string" && headers[name] !== "";
  if (present("x-lienthong-principal") && present("x-lienthong-signature")) return undefined;
  return "Only the Liên thông gateway may call this service: x-lienthong-principal and x-lienthong-signature are required.";
}

function parsePrincipal(header) {
  let value;
  try {
    value = JSON.parse(Buffer.from(header, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  const text = (field) => typeof value?.[field] === "string" && value[field] !== "";
  const valid =
    ["sub", "agency", "purpose", "requestId"].every(text) &&
    Array.isArray(value.roles) &&
    value.roles.every((role) => typeof role === "string") &&
    (value.province == null || typeof value.province === "string") &&
    Number.isFinite(value.iat);
  return valid ? value : undefined;
}
