// Live updates over graphql-ws on the hub's GraphQL path, with the token and purpose in
// connectionParams as the hub expects, and the hub's bounds on subscriptions respected.
import { createClient } from "./graphql-ws/client.js";
import { GRAPHQL_PATH } from "./hub-client.js";

/** Close codes after which reconnecting with the same credential cannot help. */
const FINAL_CLOSES = new Map([
  [4401, "unauthenticated"],
  [4403, "purpose"],
  [1008, "refused"],
]);

/** Notices: a `next` without data saying events were lost while the subscription went on. */
const MISSED_EVENTS = new Set(["EVENTS_MISSED", "EVENTS_DROPPED"]);

/** True when `result` is a notice that events were lost: the figures on screen must be read again. */
export function isMissedEventsNotice(result) {
  return !result.data && (result.errors ?? []).some((error) => MISSED_EVENTS.has(error.extensions?.code));
}

/**
 * The page's graphql-ws sockets. A socket may hold only so many subscriptions
 * (LIENTHONG_WS_MAX_SUBSCRIPTIONS, 32 by default) and a national reader follows 34 provinces, so a
 * subscription the newest socket has no room for moves to a new one. `onStatus` hears
 * "connected", "reconnected", "retrying" and, once, `{ final: kind, reason }` when the hub closed a
 * socket for good (token expired or revoked, purpose refused).
 */
export class LiveConnection {
  constructor(credential, onStatus) {
    this.credential = credential;
    this.onStatus = onStatus;
    this.sockets = [];
  }

  /**
   * Subscribes to `document` with `variables`. A start refused for a bound that frees up (the
   * caller's operations in flight) is tried again after the hub's Retry-After; any other error goes
   * to `onError(errors or close event)`. Returns a function that unsubscribes.
   */
  subscribe(document, variables, { onData, onError }) {
    let unsubscribe = () => undefined;
    let stopped = false;
    let timer;
    const start = (socket) => {
      unsubscribe = socket.subscribe(
        { query: document, variables },
        {
          next: onData,
          complete: () => undefined,
          error: (error) => {
            if (stopped) return;
            const limited = Array.isArray(error) ? error.find((e) => e.extensions?.code === "RATE_LIMITED") : undefined;
            const reason = limited?.extensions?.reason;
            if (reason === "socket-subscriptions") {
              start(socket === this.newest() ? this.open() : this.newest());
            } else if (limited && reason !== "caller-subscriptions") {
              // A national reader starts 34 at once; the hub admits 8 operations of a caller at a time.
              timer = setTimeout(() => start(this.newest()), (Number(limited.extensions.retryAfterSeconds) || 1) * 1000 + Math.random() * 1000);
            } else {
              onError(error);
            }
          },
        },
      );
    };
    start(this.newest());
    return () => {
      stopped = true;
      clearTimeout(timer);
      unsubscribe();
    };
  }

  dispose() {
    for (const socket of this.sockets) void socket.dispose();
    this.sockets = [];
  }

  newest() {
    return this.sockets.at(-1) ?? this.open();
  }

  open() {
    const { token, purpose } = this.credential;
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    let connectedBefore = false;
    const socket = createClient({
      url: `${scheme}://${location.host}${GRAPHQL_PATH}`,
      connectionParams: { authorization: `Bearer ${token}`, ...(purpose ? { purpose } : {}) },
      // A dropped network is retried with a capped backoff; subscriptions resume on the new socket.
      retryAttempts: 20,
      retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 1000 * 2 ** retries) + Math.random() * 500)),
      shouldRetry: (event) => !FINAL_CLOSES.has(event?.code),
      on: {
        connected: () => {
          this.onStatus(connectedBefore ? "reconnected" : "connected");
          connectedBefore = true;
        },
        closed: (event) => {
          const final = FINAL_CLOSES.get(event?.code);
          if (final) this.onStatus({ final, reason: event.reason });
          // A lazy socket closes normally (1000) once it holds no subscription: nothing to report.
          else if (event?.code !== 1000) this.onStatus("retrying");
        },
      },
    });
    this.sockets.push(socket);
    return socket;
  }
}
