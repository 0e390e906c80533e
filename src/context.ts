import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { GraphQLError } from "graphql";
import type { HubConfig } from "./config";
import type { Database, StatementStats } from "./database";
import { ErrorCode } from "./errors";
import { RequestAccess, type AccessPolicy } from "./access";
import { isPurpose, type Principal, type Purpose } from "./identity/principal";
import type { TokenVerifier } from "./identity/token-verifier";
import { createHubLoaders } from "../resolvers/hub/hub.loaders";
import { createRegistryLoaders } from "../resolvers/registry/registry.loaders";
import { createTaxLoaders } from "../resolvers/tax/tax.loaders";
import { createBhxhLoaders } from "../resolvers/bhxh/bhxh.loaders";
import { createStatisticsLoaders } from "../resolvers/statistics/statistics.loaders";
import type { EnterpriseCountTable } from "../resolvers/registry/enterprise-count-table";

/**
 * Everything a resolver may use for one request. Built only by `createRequestContext`, the one
 * place that reads request headers and credentials.
 */
export interface RequestContext {
  /** Correlates a response, its log lines and its audit row. */
  requestId: string;
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
  stats: StatementStats;
  limits: { maxPageSize: number };
  /** The protected table aggregate-only principals count from, shared by the hub's requests (it holds no principal's data). */
  enterpriseCountTable: EnterpriseCountTable;
}

export type Loaders = ReturnType<typeof createLoaders>;

/** What building a context needs from the composition root. */
export interface ContextDependencies {
  db: Database;
  config: HubConfig;
  accessPolicy: AccessPolicy;
  verifier: TokenVerifier;
  enterpriseCountTable: EnterpriseCountTable;
}

/** Request facts known before the credential is checked, for audit rows of refused requests. */
export interface RequestIdentity {
  requestId: string;
  startedAt: Date;
}

function createLoaders(db: Database, provinceScope: string | undefined) {
  return {
    hub: createHubLoaders(db),
    registry: createRegistryLoaders(db, provinceScope),
    tax: createTaxLoaders(db),
    bhxh: createBhxhLoaders(db),
    statistics: createStatisticsLoaders(db, provinceScope),
  };
}

/** The request id to use: the caller's x-request-id when it is sane, else a new one. */
export function identifyRequest(headers: IncomingHttpHeaders): RequestIdentity {
  const offered = headers["x-request-id"];
  const requestId = typeof offered === "string" && /^[\w.-]{1,100}$/.test(offered) ? offered : randomUUID();
  return { requestId, startedAt: new Date() };
}

/**
 * Builds the context for one request: verifies the bearer token, checks the stated purpose,
 * and makes loaders limited to the principal's province. Throws UNAUTHENTICATED (401) for a bad
 * credential and FORBIDDEN (403) for a purpose the token does not allow.
 */
export async function createRequestContext(
  deps: ContextDependencies,
  request: { headers: IncomingHttpHeaders; authorization?: string; purpose?: string },
  identity: RequestIdentity,
  stats: StatementStats,
): Promise<RequestContext> {
  const authorization = request.authorization ?? headerValue(request.headers.authorization);
  const principal = await deps.verifier.verify(authorization);
  const purpose = statedPurpose(principal, request.purpose ?? headerValue(request.headers["x-purpose"]));
  const access = new RequestAccess(deps.accessPolicy, principal, purpose, identity.startedAt);
  return {
    ...identity,
    principal,
    purpose,
    access,
    db: deps.db,
    loaders: createLoaders(deps.db, access.provinceScope),
    stats,
    limits: { maxPageSize: deps.config.maxPageSize },
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
    `The stated purpose (x-purpose) "${purpose}" is not among your token's purposes: ${principal.purposes.join(", ")}. The request was refused whole.`,
    { extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } } },
  );
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
