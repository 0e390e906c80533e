import { DOMAINS } from "../domains";
import type { Domain } from "../domains/domain";
import { rateLimited } from "../limits";
import type { BatchAppliedEvent } from "./batch-events";
import type { BatchEventHandler, BatchListener } from "./batch-listener";
import type { LiveField } from "./live-field";
import { SubscriberQueue } from "./subscriber-queue";

/** What a started subscription holds in this process until it ends. */
export interface LiveSubscription {
  /** Its events and notices, bounded (src/live/subscriber-queue.ts). */
  queue: SubscriberQueue<BatchAppliedEvent>;
  /** Stops listening and frees the caller's slot; safe to call more than once. */
  end(): void;
}

/**
 * This process's subscriptions: every Subscription root field the domains declare, the one LISTEN
 * connection they share, and how many each caller holds (a caller's sockets together may hold at
 * most `maxPerCaller`, so no one principal can fill a replica's memory with subscribers).
 */
export class LiveSubscriptions {
  private readonly fields = new Map<string, LiveField>(
    (DOMAINS as readonly Domain[]).flatMap((domain) => (domain.liveFields ?? []).map((field) => [field.field, field] as const)),
  );
  private readonly perCaller = new Map<string, number>();

  constructor(
    private readonly listener: BatchListener,
    private readonly limits: { maxPerCaller: number; queueLength: number },
    /** Counts a refusal in the metrics. */
    private readonly onRefused?: () => void,
  ) {}

  /** The Subscription root field `name`, as its domain declared it; undefined for a field no domain follows events for. */
  field(name: string): LiveField | undefined {
    return this.fields.get(name);
  }

  /** Throws RATE_LIMITED when `caller` already holds as many subscriptions as one caller may. */
  private checkRoom(caller: string): void {
    const held = this.perCaller.get(caller) ?? 0;
    if (held >= this.limits.maxPerCaller) {
      this.onRefused?.();
      throw rateLimited(
        `You hold ${held} subscriptions on this hub replica, the most one caller may (${this.limits.maxPerCaller}). Complete one first.`,
        1,
        "caller-subscriptions",
      );
    }
  }

  /** Starts delivering the events `matches` accepts into a queue of their own; `onEnd` runs once when it ends. Throws RATE_LIMITED past the caller's bound. */
  open(caller: string, matches: (event: BatchAppliedEvent) => boolean, onEnd: () => void = () => undefined): LiveSubscription {
    this.checkRoom(caller);
    this.perCaller.set(caller, (this.perCaller.get(caller) ?? 0) + 1);
    const queue = new SubscriberQueue<BatchAppliedEvent>(this.limits.queueLength);
    const handler: BatchEventHandler = {
      event: (event) => {
        if (matches(event)) queue.push(event);
      },
      missed: (notice) => queue.missed(notice),
    };
    const unsubscribe = this.listener.subscribe(handler);
    let ended = false;
    return {
      queue,
      end: () => {
        if (ended) return;
        ended = true;
        unsubscribe();
        queue.close();
        const held = (this.perCaller.get(caller) ?? 1) - 1;
        if (held > 0) this.perCaller.set(caller, held);
        else this.perCaller.delete(caller);
        onEnd();
      },
    };
  }

  /** Subscriptions open in this process. */
  get count(): number {
    return this.listener.subscribers;
  }

  /** True while the LISTEN connection is up. */
  get listening(): boolean {
    return this.listener.listening;
  }

  close(): Promise<void> {
    return this.listener.close();
  }
}
