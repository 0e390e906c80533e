// Talking to the hub: queries over HTTP, subscriptions over graphql-ws, and the hub's refusals
// turned into sentences a person can act on. The token is passed in by the caller on every call and
// never stored here.
import { createClient } from "./graphql-ws/client.js";

const GRAPHQL_PATH = "/graphql";

/** A refusal of the whole request (bad token, purpose not allowed, rate limit, hub down). */
export class HubError extends Error {
  /** @param {"unauthenticated" | "purpose" | "rate-limited" | "unreachable" | "failed"} kind */
  constructor(kind, message) {
    super(message);
    this.kind = kind;
  }
}

/**
 * What the user pasted, as a bearer token and (when they pasted the header line `npm run token`
 * prints) a purpose. Accepts the bare token, "Bearer <token>" or that JSON line.
 * @returns {{ token: string, purpose?: string }}
 */
export function readCredential(pasted) {
  let text = pasted.trim();
  let purpose;
  if (text.startsWith("{")) {
    try {
      const headers = JSON.parse(text);
      text = String(headers.authorization ?? headers.Authorization ?? "");
      if (typeof headers["x-purpose"] === "string") purpose = headers["x-purpose"];
    } catch {
      // Not JSON after all: treated as a token, which the hub will refuse with its reason.
    }
  }
  return { token: text.replace(/^Bearer\s+/i, "").trim(), purpose };
}

/**
 * The province a token is limited to, read from its claims without verifying them: only to choose
 * which provinces to follow live. The hub verifies the token and enforces the scope itself.
 */
export function provinceClaimOf(token) {
  try {
    const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0))));
    return typeof claims.province === "string" ? claims.province : null;
  } catch {
    return null;
  }
}

/**
 * POSTs one query as this token and purpose. Resolves with `{ data, errors }` when the hub ran it
 * (errors are then per field); throws a HubError when it refused the whole request.
 */
export async function query(document, { token, purpose }) {
  let response;
  try {
    response = await fetch(GRAPHQL_PATH, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/graphql-response+json, application/json",
        authorization: `Bearer ${token}`,
        ...(purpose ? { "x-purpose": purpose } : {}),
      },
      body: JSON.stringify({ query: document }),
      cache: "no-store",
      credentials: "omit",
    });
  } catch (error) {
    throw new HubError("unreachable", `Không kết nối được tới hệ thống · The hub cannot be reached (${error.message}).`);
  }
  let body;
  try {
    body = await response.json();
  } catch {
    throw new HubError("failed", `Hệ thống trả lời không hợp lệ · The hub answered HTTP ${response.status} without a GraphQL answer.`);
  }
  const first = body.errors?.[0];
  if (response.status === 401 || first?.extensions?.code === "UNAUTHENTICATED") {
    throw new HubError("unauthenticated", `Token bị từ chối · The hub refused the token: ${first?.message ?? "no reason given"}`);
  }
  if (response.status === 403 && !body.data) {
    throw new HubError("purpose", `Mục đích không được phép · The purpose was refused: ${first?.message ?? "no reason given"}`);
  }
  if (response.status === 429) {
    throw new HubError("rate-limited", `Quá nhiều yêu cầu · Too many requests: ${first?.message ?? ""}`);
  }
  if (!body.data) {
    const requestId = response.headers.get("x-request-id");
    throw new HubError("failed", `${first?.message ?? `HTTP ${response.status}`}${requestId ? ` (request ${requestId})` : ""}`);
  }
  return { data: body.data, errors: body.errors ?? [] };
}

/**
 * Field errors of an answer, grouped: the fields a mandate refused (by schema coordinate, e.g.
 * Province.labourForce, with the hub's reason) and the other messages, each once.
 * @returns {{ refused: Map<string, string>, other: string[] }}
 */
export function describeFieldErrors(errors) {
  const refused = new Map();
  const other = new Set();
  for (const error of errors) {
    if (error.extensions?.code === "FORBIDDEN" && typeof error.extensions.field === "string") {
      if (!refused.has(error.extensions.field)) refused.set(error.extensions.field, error.message);
    } else {
      other.add(error.message);
    }
  }
  return { refused, other: [...other] };
}

/** graphql-ws close codes after which reconnecting with the same credential cannot help. */
const FINAL_CLOSES = new Map([
  [4401, "unauthenticated"],
  [4403, "purpose"],
  [1008, "refused"],
]);

/**
 * Opens graphql-ws on the hub's GraphQL path with this token and purpose in `connectionParams`,
 * as the hub expects. `onStatus` hears "connected", "reconnected", "retrying" and, once,
 * `{ final: kind, reason }` when the hub closed the socket for good (token expired or revoked…).
 */
export function openLive({ token, purpose }, onStatus) {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  let connectedBefore = false;
  return createClient({
    url: `${scheme}://${location.host}${GRAPHQL_PATH}`,
    connectionParams: { authorization: `Bearer ${token}`, ...(purpose ? { purpose } : {}) },
    // Kept open while subscriptions are active; a dropped network is retried with a capped backoff.
    retryAttempts: 20,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 1000 * 2 ** retries) + Math.random() * 500)),
    shouldRetry: (event) => !FINAL_CLOSES.has(event?.code),
    on: {
      connected: () => {
        onStatus(connectedBefore ? "reconnected" : "connected");
        connectedBefore = true;
      },
      closed: (event) => {
        const final = FINAL_CLOSES.get(event?.code);
        onStatus(final ? { final, reason: event.reason } : "retrying");
      },
    },
  });
}

/**
 * Subscribes to `document` with `variables`, calling `onData(result)` per event. A refusal for
 * the caller's budget (RATE_LIMITED) is retried after the hub's Retry-After; any other error goes
 * to `onError(errors or close event)`. Returns a function that unsubscribes.
 */
export function subscribe(client, document, variables, { onData, onError }) {
  let unsubscribe = () => undefined;
  let stopped = false;
  let timer;
  const start = () => {
    unsubscribe = client.subscribe(
      { query: document, variables },
      {
        next: onData,
        complete: () => undefined,
        error: (error) => {
          const limited = Array.isArray(error) && error.find((e) => e.extensions?.code === "RATE_LIMITED");
          if (limited && !stopped) {
            // Each province is one operation: a national principal's 34 can meet the per-caller bound at once.
            const seconds = Number(limited.extensions.retryAfterSeconds) || 1;
            timer = setTimeout(start, seconds * 1000 + Math.random() * 1000);
            return;
          }
          onError(error);
        },
      },
    );
  };
  start();
  return () => {
    stopped = true;
    clearTimeout(timer);
    unsubscribe();
  };
}
