import { createHmac } from "node:crypto";

/**
 * `hmac:` and the first 16 hex digits of HMAC-SHA256(key, text): how the audit log names a value
 * it must not store in clear (a variable value, a client string too long to keep). The same text
 * always gives the same token, so an operator holding the key can test whether a row holds a
 * given value, while someone reading the log without the key cannot.
 */
export function hmacToken(key: string, text: string): string {
  return `hmac:${createHmac("sha256", key).update(text, "utf8").digest("hex").slice(0, 16)}`;
}

/**
 * The audit row's `documentHash`: HMAC-SHA256(key, "document\n" + the GraphQL document text), hex.
 * Keyed, so that an audit reader cannot hash guessed documents (with inline tax codes) to learn
 * what was looked up. The "document\n" prefix keeps it from ever equalling a chain hash or head
 * MAC (src/audit/chain.ts) made with the same key, so documents cannot be used to forge links.
 */
export function documentHash(key: string, document: string): string {
  return createHmac("sha256", key).update(`document\n${document}`, "utf8").digest("hex");
}
