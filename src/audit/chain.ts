import { createHmac, timingSafeEqual } from "node:crypto";
import type { HubConfig } from "../config";
import { localSecret } from "../local-secret";

/** prev_hash of row 1: the chain starts from nothing. */
export const GENESIS_HASH = "0".repeat(64);

/** Name of the key file in the data folder when LIENTHONG_AUDIT_KEY is not set. */
export const LOCAL_AUDIT_KEY_NAME = "audit-key";

/**
 * The hash stored in audit row `seq`: HMAC-SHA256 over its number, the previous row's hash and its
 * entry text, as hex. Keyed, so that someone with only database access cannot recompute a
 * consistent chain after changing a row; covering `seq` means a row cannot be moved either.
 */
export function chainHash(key: string, seq: number, prevHash: string, entry: string): string {
  return hmacHex(key, `${seq}\n${prevHash}\n${entry}`);
}

/** The MAC of the chain's head (hub.audit_head), so that the anchor cannot be rewound or forged without the key. */
export function headMac(key: string, seq: number, hash: string): string {
  return hmacHex(key, `head\n${seq}\n${hash}`);
}

/** Compares two hex digests in constant time; false when their lengths differ. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The audit chain's key: LIENTHONG_AUDIT_KEY, or else a key made once in the data folder. */
export function auditKey(config: Pick<HubConfig, "auditKey" | "dataDir">): string {
  return config.auditKey ?? localSecret(config.dataDir, LOCAL_AUDIT_KEY_NAME);
}

function hmacHex(key: string, message: string): string {
  return createHmac("sha256", key).update(message, "utf8").digest("hex");
}
