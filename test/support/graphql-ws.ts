import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { queryAt } from "./fresh-database";

/**
 * graphql-ws clients for a test file, disposed after its tests. `connect(params, url)` opens a
 * lazy client (a socket per burst of operations) unless `lazy` is false (one socket kept).
 */
export function useGraphqlWsClients(defaultUrl: () => string) {
  const clients: Client[] = [];
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
  });
  return function connect(connectionParams: Record<string, unknown>, url = defaultUrl(), lazy = true): Client {
    const client = createClient({
      url: `${url.replace("http", "ws")}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams,
      retryAttempts: 0,
      lazy,
      onNonLazyError: () => undefined,
    });
    clients.push(client);
    return client;
  };
}

/** Runs one operation; resolves with its result, or rejects with the close event or errors. */
export function run(client: Client, query: string, variables?: Record<string, unknown>): Promise<any> {
  return new Promise((resolve, reject) => {
    let result: unknown;
    client.subscribe({ query, variables }, { next: (value) => (result = value), error: reject, complete: () => resolve(result) });
  });
}

/** A subscription a test follows: every payload it received, in order, and how it ended. */
export interface Followed {
  received: any[];
  /** Resolves once `count` payloads arrived; rejects when it ends first or `timeoutMs` passes. */
  waitFor(count: number, timeoutMs?: number): Promise<any[]>;
  /** Resolves with the error (or undefined on complete) when the server ends it. */
  ended: Promise<unknown>;
  stop(): void;
}

/** Subscribes with `client` and keeps what arrives. */
export function follow(client: Client, query: string, variables?: Record<string, unknown>): Followed {
  const received: any[] = [];
  const waiters = new Set<() => void>();
  let settle!: (value: unknown) => void;
  const ended = new Promise<unknown>((resolve) => (settle = resolve));
  let done = false;
  const finish = (value: unknown) => {
    done = true;
    settle(value);
    for (const waiter of waiters) waiter();
  };
  const stop = client.subscribe(
    { query, variables },
    {
      next: (value) => {
        received.push(value);
        for (const waiter of waiters) waiter();
      },
      error: (error) => finish(error),
      complete: () => finish(undefined),
    },
  );
  return {
    received,
    ended,
    stop,
    waitFor(count, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (received.length >= count) {
            cleanup();
            resolve(received.slice());
          } else if (done) {
            cleanup();
            ended.then((error) => reject(new Error(`the subscription ended after ${received.length} payloads: ${JSON.stringify(error)}`)));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out after ${received.length} of ${count} payloads: ${JSON.stringify(received)}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
  };
}

/**
 * Waits until `subject` has `count` subscriptions started (audited `ok`) on the database at `url`:
 * a subscription is live once its start is audited, and events published before that are not its.
 */
export async function subscriptionsStarted(url: string, subject: string, count = 1): Promise<void> {
  // Up to 30 s: a page starting 34 subscriptions in a browser on a loaded machine takes a while.
  for (let tries = 0; tries < 600; tries++) {
    const [{ n }] = await queryAt(
      url,
      "SELECT count(*)::int AS n FROM hub.audit_log WHERE subject = $1 AND entry::jsonb->>'operationType' = 'subscription' AND entry::jsonb->>'outcome' = 'ok'",
      [subject],
    );
    if (n >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${subject}'s ${count} subscription(s) did not start`);
}
