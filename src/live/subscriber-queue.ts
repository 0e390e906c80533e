import type { MissedEvents } from "./batch-listener";

/** What a subscriber is handed next: an event to resolve, or a notice that it did not get some. */
export type QueueItem<Event> =
  | { kind: "event"; event: Event }
  /** The LISTEN connection was lost and resumed: events may have been committed unheard. */
  | { kind: "missed"; notice: MissedEvents }
  /** The subscriber fell behind: `count` events were dropped (the newest one is kept after this notice). */
  | { kind: "dropped"; count: number; since: string };

/**
 * One subscriber's events waiting to be resolved and sent, at most `capacity` of them. The
 * listener pushes without waiting; the subscriber's socket pulls as fast as it takes messages. A
 * subscriber that falls `capacity` events behind has its waiting events dropped at once (memory
 * stays bounded, and no other subscriber waits for it), keeps the newest, and is told first how
 * many it lost, so it can query what changed. Events pushed after close are dropped.
 */
export class SubscriberQueue<Event> {
  private items: QueueItem<Event>[] = [];
  private events = 0;
  private waiting: ((item: QueueItem<Event> | null) => void) | null = null;
  private closed = false;

  constructor(private readonly capacity: number) {}

  push(event: Event): void {
    if (this.closed) return;
    if (this.events >= this.capacity) {
      const previous = this.items[0]?.kind === "dropped" ? this.items[0] : undefined;
      const count = this.events + (previous?.count ?? 0);
      this.items = [{ kind: "dropped", count, since: previous?.since ?? new Date().toISOString() }];
      this.events = 0;
    }
    this.offer({ kind: "event", event });
  }

  /** The connection that hears events was lost and is back: the subscriber is told, after what it was already given. */
  missed(notice: MissedEvents): void {
    if (this.closed) return;
    this.offer({ kind: "missed", notice });
  }

  /** The next item, waiting for one; null once closed. One caller at a time (graphql-ws pulls one result after another). */
  next(): Promise<QueueItem<Event> | null> {
    const item = this.items.shift();
    if (item) {
      if (item.kind === "event") this.events -= 1;
      return Promise.resolve(item);
    }
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  /** Events waiting, notices aside. */
  get length(): number {
    return this.events;
  }

  close(): void {
    this.closed = true;
    this.items = [];
    this.events = 0;
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.(null);
  }

  private offer(item: QueueItem<Event>): void {
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = null;
      waiting(item);
      return;
    }
    this.items.push(item);
    if (item.kind === "event") this.events += 1;
  }
}
