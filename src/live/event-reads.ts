import type { SharedReads } from "../domains/domain";

/** Distinct reads one event may share; past this, subscribers read on their own (a bound, not a cache size to tune). */
const MAX_READS_PER_EVENT = 256;

/**
 * Statements the subscribers of one event share. Every subscriber resolves the event with its own
 * context and loaders, so a thousand dashboards on one province's totals would run the same
 * aggregate a thousand times; a domain may instead read such an answer through here, once per
 * event. Only answers decided by the key alone may: the key names the statement, its arguments
 * and the subscriber's province scope, so no subscriber gets a row its own loaders would not have
 * read, and the door still decides each subscriber's fields on its own. A failed read is not kept.
 */
export class EventReads implements SharedReads {
  private readonly answers = new Map<string, Promise<unknown>>();

  read<T>(key: string, fetch: () => Promise<T>): Promise<T> {
    const known = this.answers.get(key);
    if (known) return known as Promise<T>;
    const answer = fetch();
    if (this.answers.size < MAX_READS_PER_EVENT) {
      this.answers.set(key, answer);
      answer.catch(() => this.answers.delete(key));
    }
    return answer;
  }
}

const readsByEvent = new WeakMap<object, EventReads>();

/** The reads shared by the subscribers of `event` in this process; dropped with the event once no queue holds it. */
export function readsOf(event: object): EventReads {
  let reads = readsByEvent.get(event);
  if (!reads) readsByEvent.set(event, (reads = new EventReads()));
  return reads;
}
