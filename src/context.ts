import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { GraphQLError } from "graphql";
import type { HubConfig } from "./config";
import { RequestDeadline, type Database, type StatementStats } from "./database";
import type { Caller } from "./limits";
import type { CursorCodec } from "./graphql/cursors";
import { ErrorCode, quoteValue } from "./errors";
import { RequestAccess, type AccessPolicy } from "./access";
import { isPurpose, type Principal, type Purpose } from "./identity/principal";
import type { TokenVerifier } from "./identity/token-verifier";
import { CLIENT_TEXT_LIMITS, type TextBound } from "./audit/bounded-text";
import type { EnterpriseCountTable } from "../resolvers/registry/enterprise-count-table";
import { DOMAINS, type Loaders } from "./domains";
import { EntityReferences, type Resolved } from "./domains/references";
import type { LoaderScope, SharedReads } from "./domains/domain";

const ALL_HOSTED = EntityReferences.all();

/**
 * Everything a resolver may use for one request. Built only by `createRequestContext`, the one
 * place that reads request headers and credentials.
 */
export interface RequestContext {
  /** Correlates a response, its log lines and its audit row; always the hub's own. */
  requestId: string;
  /** The client's x-request-id, bounded; null when it sent none. */
  clientRequestId: string | null;
  /** When the request arrived; mandates are judged at this instant. */
  startedAt: Date;
  /** Who is asking; null for an anonymous request (public reference data only). */
  principal: Principal | null;
  /** The purpose the request is made for (x-purpose, else the token's first); null when anonymous. */
  purpose: Purpose | null;
  /** This request's view of the mandates: field decisions, row scope, what it touched. */
  access: RequestAccess;
  db: Database;
  /** Fresh per request (and per subscription event), never shared: no data leaks between callers. */
  loaders: Loaders;
  /** Another domain's entity by key (src/domains/references.ts): how domains meet, never through each other's tables. */
  entity<Entity>(type: string, key: string | null | undefined): Resolved<Entity>;
  stats: StatementStats;
  limits: { maxPageSize: number };
  /** Whose budget the request spends, and the deadline its statements must meet. */
  caller: Caller;
  /** Seals and opens pagination cursors with the hub's key, made once at start. */
  cursors: CursorCodec;
  /** The protected table aggregate-only principals count from, shared by the hub's requests (it holds no principal's data). */
  enterpriseCountTable: EnterpriseCountTable;
}

export type { Loaders } from "./domains";

/** What building a context needs from the composition root. */
export interface ContextDependencies {
  db: Database;
  config: HubConfig;
  accessPolicy: AccessPolicy;
  verifier: TokenVerifier;
  cursors: CursorCodec;
  /** Bounds client-supplied strings (keyed with the audit key), for the request id and audit rows. */
  boundText: TextBound;
  enterpriseCountTable: EnterpriseCountTable;
  /** Which domains this process resolves itself; others' entities are left to the gateway. Defaults to all. */
  references?: EntityReferences;
}

/** Request facts known before the credential is checked, for audit rows of refused requests. */
export interface RequestIdentity {
  /** Always the hub's own (a UUID): a client must not be able to reuse or forge another request's id. */
  requestId: string;
  /** The client's x-request-id, bounded; kept beside the hub's id for the client's own tracing. */
  clientRequestId: string | null;
  startedAt: Date;
}

/** Every hosted domain's loaders for one request. */
function createLoaders(db: Database, scope: LoaderScope): Loaders {
  const loaders: Record<string, unknown> = {};
  for (const domain of DOMAINS) loaders[domain.name] = domain.createLoaders(db, scope);
  return loaders as Loaders;
}

/** A new request id of the hub's own, with the caller's x-request-id, if any, bounded by `bound` beside it. */
export function identifyRequest(headers: IncomingHttpHeaders, bound: TextBound): RequestIdentity {
  const offered = headerValue(headers["x-request-id"]);
  return {
    requestId: randomUUID(),
    clientRequestId: offered === undefined || offered === "" ? null : bound(offered, CLIENT_TEXT_LIMITS.clientRequestId),
    startedAt: new Date(),
  };
}

/**
 * Builds the context for one request: verifies the bearer token, checks the stated purpose,
 * and makes loaders limited to the principal's province. Throws UNAUTHENTICATED (401) for a bad
 * credential and FORBIDDEN (403) for a purpose the token does not allow.
 */
export async function createRequestContext(
  deps: ContextDependencies,
  request: { headers: IncomingHttpHeaders; authorization?: string; purpose?: string; remoteAddress?: string },
  identity: RequestIdentity,
  stats: StatementStats,
  /** A subscription event's shared reads (src/live/event-reads.ts); absent for every other request. */
  shared?: SharedReads,
): Promise<RequestContext> {
  const authorization = request.authorization ?? headerValue(request.headers.authorization);
  const principal = await deps.verifier.verify(authorization);
  const purpose = statedPurpose(principal, request.purpose ?? headerValue(request.headers["x-purpose"]));
  return contextForPrincipal(deps, principal, purpose, identity, stats, request.remoteAddress, shared);
}

/**
 * The context of a request whose credential and purpose were already checked: by
 * createRequestContext, or by the hub thread that hands a costly operation to an execution worker
 * (src/limits/execution-pool.ts), which must see the request exactly as the hub thread did.
 */
export function contextForPrincipal(
  deps: Pick<ContextDependencies, "db" | "config" | "accessPolicy" | "cursors" | "enterpriseCountTable" | "references">,
  principal: Principal | null,
  purpose: Purpose | null,
  identity: RequestIdentity,
  stats: StatementStats,
  remoteAddress: string | undefined,
  shared?: SharedReads,
): RequestContext {
  const access = new RequestAccess(deps.accessPolicy, principal, purpose, identity.startedAt);
  // Every statement of the request is held to this deadline (src/database/request-deadline.ts).
  stats.deadline ??= new RequestDeadline(deps.config.requestDeadlineMs);
  const caller: Caller = {
    key: principal ? `principal:${principal.agency}:${principal.subject}` : `address:${remoteAddress ?? "unknown"}`,
    anonymous: principal === null,
    deadline: stats.deadline,
  };
  const db = deps.db.forRequest(stats);
  const loaders = createLoaders(db, { provinceCode: access.provinceScope, zoneCodes: access.zoneScope, shared });
  const references = deps.references ?? ALL_HOSTED;
  return {
    caller,
    ...identity,
    principal,
    purpose,
    access,
    db,
    loaders,
    entity: (type, key) => references.load(loaders, type, key),
    stats,
    limits: { maxPageSize: deps.config.maxPageSize },
    cursors: deps.cursors,
    enterpriseCountTable: deps.enterpriseCountTable,
  };
}

/** The purpose a request is made for; a purpose the token does not allow refuses the whole request. */
function statedPurpose(principal: Principal | null, stated: string | undefined): Purpose | null {
  // Anonymous requests read only open data, which needs no purpose.
  if (!principal) return null;
  if (stated === undefined || stated.trim() === "") return principal.purposes[0];
  const purpose = stated.trim();
  if (isPurpose(purpose) && principal.purposes.includes(purpose)) return purpose;
  throw new GraphQLError(
    `The stated purpose (x-purpose) ${quoteValue(purpose)} is not among your token's purposes: ${principal.purposes.join(", ")}. The request was refused whole.`,
    { extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } } },
  );
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
