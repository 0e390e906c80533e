/** Why a place in the lane was not given. */
export class LaneRefusal extends Error {
  constructor(
    readonly reason: "full" | "aborted",
    message: string,
  ) {
    super(message);
  }
}

interface Waiter {
  admit(): void;
  refuse(error: LaneRefusal): void;
}

/**
 * A lane that runs at most `capacity` operations at once and, when full, admits the waiting ones
 * round-robin by caller: a caller with many queued operations takes one turn like any other. It
 * keeps heavy operations from taking every core and connection while light ones wait behind them.
 */
export class FairLane {
  private running = 0;
  private waiting = 0;
  /** Callers with someone waiting, in turn order; each with its waiters in arrival order. */
  private readonly queues = new Map<string, Waiter[]>();

  constructor(
    private readonly capacity: number,
    /** Waiters beyond this are refused at once rather than queued without bound. */
    private readonly maxWaiting = 1000,
  ) {}

  /** Resolves with the function that frees the place, once `caller` is admitted; rejects with LaneRefusal when full or aborted. */
  async enter(caller: string, signal?: AbortSignal): Promise<() => void> {
    if (this.running < this.capacity && this.waiting === 0) {
      this.running += 1;
      return this.releaser();
    }
    if (this.waiting >= this.maxWaiting) throw new LaneRefusal("full", `${this.waiting} heavy operations are already waiting; retry shortly.`);
    if (signal?.aborted) throw new LaneRefusal("aborted", "the request's deadline passed while it waited for a place");
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        admit: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
        refuse: reject,
      };
      const onAbort = () => {
        const queue = this.queues.get(caller);
        const index = queue?.indexOf(waiter) ?? -1;
        if (queue && index >= 0) {
          queue.splice(index, 1);
          this.waiting -= 1;
          if (queue.length === 0) this.queues.delete(caller);
          reject(new LaneRefusal("aborted", "the request's deadline passed while it waited for a place"));
        }
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      const queue = this.queues.get(caller);
      if (queue) queue.push(waiter);
      else this.queues.set(caller, [waiter]);
      this.waiting += 1;
    });
    return this.releaser();
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running -= 1;
      this.admitNext();
    };
  }

  private admitNext(): void {
    while (this.running < this.capacity && this.waiting > 0) {
      // Maps iterate in insertion order: the first caller is next; it goes to the back if it has more.
      const [caller, queue] = this.queues.entries().next().value as [string, Waiter[]];
      this.queues.delete(caller);
      const waiter = queue.shift()!;
      if (queue.length > 0) this.queues.set(caller, queue);
      this.waiting -= 1;
      this.running += 1;
      waiter.admit();
    }
  }
}
