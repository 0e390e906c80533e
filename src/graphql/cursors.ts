import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from "node:crypto";
import { badUserInput } from "../errors";

/** First byte of every cursor: lets a later format be told apart, and a foreign one refused. */
const FORMAT = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** Cursors remembered per process (about 100 bytes each); past it the memory starts again. */
const REMEMBERED_CURSORS = 50_000;
/** Far above any real cursor (a 13-character tax code gives 56 characters); longer input is not decrypted at all. */
const MAX_CURSOR_LENGTH = 200;

/**
 * Opaque, tamper-evident cursors for keyset pagination. The key of the last item seen is sealed
 * with AES-256-GCM under a key derived from the hub's secret, with the kind of list as associated
 * data: a client can neither read a tax code out of a cursor, nor make one up, nor alter one, nor
 * reuse one from another list. The nonce is derived from the content (as in SIV), so the same item
 * always gets the same cursor, on every replica sharing the secret.
 */
export class CursorCodec {
  private readonly encryptionKey: Buffer;
  private readonly nonceKey: Buffer;
  /** Cursors already sealed: the same item always seals the same way, and a page of 100 would otherwise cost 100 ciphers. */
  private readonly sealed = new Map<string, string>();

  /** `secret` is the hub's audit key: shared by every replica, so any replica reads another's cursors. */
  constructor(secret: string) {
    this.encryptionKey = derive(secret, "lienthong cursor encryption v1");
    this.nonceKey = derive(secret, "lienthong cursor nonce v1");
  }

  /** The cursor of item `key` in a list of `kind` (e.g. "enterprise"). */
  encode(kind: string, key: string): string {
    const id = `${kind}\n${key}`;
    let cursor = this.sealed.get(id);
    if (cursor === undefined) {
      cursor = this.seal(kind, key);
      if (this.sealed.size >= REMEMBERED_CURSORS) this.sealed.clear();
      this.sealed.set(id, cursor);
    }
    return cursor;
  }

  private seal(kind: string, key: string): string {
    const nonce = createHmac("sha256", this.nonceKey).update(`${kind}\n${key}`, "utf8").digest().subarray(0, NONCE_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.encryptionKey, nonce);
    cipher.setAAD(Buffer.from(kind, "utf8"));
    const sealed = Buffer.concat([cipher.update(key, "utf8"), cipher.final()]);
    return Buffer.concat([Buffer.of(FORMAT), nonce, sealed, cipher.getAuthTag()]).toString("base64url");
  }

  /** The key a cursor of this kind of list holds; anything else (forged, altered, foreign) is BAD_USER_INPUT naming `argument`. */
  decode(kind: string, cursor: string, argument = "after"): string {
    const key = this.open(kind, cursor);
    if (key === undefined) {
      throw badUserInput(argument, "not a cursor from this list; pass a `cursor` or `pageInfo.endCursor` value this list returned", cursor);
    }
    return key;
  }

  private open(kind: string, cursor: string): string | undefined {
    if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
    const bytes = Buffer.from(cursor, "base64url");
    // Only the one spelling encode gives: a changed last character must not decode to the same bytes.
    if (bytes.toString("base64url") !== cursor) return undefined;
    if (bytes.length <= 1 + NONCE_BYTES + TAG_BYTES || bytes[0] !== FORMAT) return undefined;
    const nonce = bytes.subarray(1, 1 + NONCE_BYTES);
    const sealed = bytes.subarray(1 + NONCE_BYTES, bytes.length - TAG_BYTES);
    const decipher = createDecipheriv("aes-256-gcm", this.encryptionKey, nonce);
    decipher.setAAD(Buffer.from(kind, "utf8"));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(sealed), decipher.final()]).toString("utf8");
    } catch {
      // The tag does not verify: made up, altered, or sealed for another kind of list.
      return undefined;
    }
  }
}

function derive(secret: string, label: string): Buffer {
  return Buffer.from(hkdfSync("sha256", Buffer.from(secret, "utf8"), Buffer.alloc(0), label, 32));
}
