import type { DocumentNode } from "graphql";

/**
 * Facts about a parsed document, remembered for as long as the document lives. Apollo Server keeps
 * each distinct query text parsed and validated once (its document store), and hands every request
 * with that text the same DocumentNode; checks that depend only on the document (and a schema or a
 * limit that does not change while the hub runs) then need not walk it again per request. Documents
 * are never mutated (the door builds new ones), and a WeakMap forgets one Apollo has dropped.
 * Documents parsed per message (graphql-ws) simply miss, and are checked as before.
 */
export class DocumentMemo<Value> {
  private readonly byDocument = new WeakMap<DocumentNode, Map<unknown, Value>>();

  /** What was remembered for `document` under `key` (a schema, a limits object, a number), if anything. */
  get(document: DocumentNode, key: unknown): Value | undefined {
    return this.byDocument.get(document)?.get(key);
  }

  set(document: DocumentNode, key: unknown, value: Value): void {
    let entries = this.byDocument.get(document);
    if (!entries) this.byDocument.set(document, (entries = new Map()));
    entries.set(key, value);
  }
}
