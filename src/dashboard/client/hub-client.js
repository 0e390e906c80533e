// Talking to the hub over HTTP: the credential as pasted, queries, and the hub's refusals turned
// into sentences a person can act on. The token is passed in by the caller on every call and never
// stored here.

export const GRAPHQL_PATH = "/graphql";

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
