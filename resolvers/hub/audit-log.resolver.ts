import { GraphQLError } from "graphql";
import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../../src/context";
import { ErrorCode } from "../../src/errors";
import { PageInfo, pageOf } from "../../src/graphql/connection";
import type { CursorCodec } from "../../src/graphql/cursors";
import { pageSize } from "../../src/graphql/pagination";
import type { Principal } from "../../src/identity/principal";
import { AuditEntryConnection, AuditEntryEdge } from "./audit-log.connection";
import { AuditLogFilter, toAuditLogCriteria } from "./audit-log.input";
import { auditEntryCount, auditEntryPage, type AuditLogCriteria } from "./audit-log.queries";

const CURSOR_KIND = "audit";

const whoMayRead = (owners: readonly string[]) =>
  `The audit log (nhật ký truy cập) is read by the hub's operators (role operator), and by the owning agencies (${owners.join(", ")}) for requests that touched their own data`;

/** The hub's own record of who accessed what: owners see who read their data, operators see everything. */
@Resolver()
export class AuditLogResolver {
  @Query(() => AuditEntryConnection, {
    nullable: true,
    description:
      "Who accessed the hub's data (nhật ký truy cập), newest first. Operators read every row; an owning agency (registry, tax, statistics, bhxh) reads the rows of requests that touched its own data. Anyone else is refused.",
  })
  auditLog(
    @Arg("filter", () => AuditLogFilter, { nullable: true, description: "Which rows to list; all rows you may read when not given." })
    filter: AuditLogFilter | null,
    @Arg("first", () => Int, { nullable: true, description: "Page size; 20 when not given." }) first: number | null,
    @Arg("after", () => String, { nullable: true, description: "Cursor after which the page starts (pageInfo.endCursor of the previous page)." })
    after: string | null,
    @Ctx() ctx: RequestContext,
  ): AuditEntryConnection {
    const connection = new AuditEntryConnection();
    connection.criteria = scopedCriteria(ctx.principal, toAuditLogCriteria(filter, ctx.access.owners), ctx.access.owners);
    connection.first = pageSize(first, ctx.limits.maxPageSize);
    connection.beforeSeq = after == null ? undefined : seqOfCursor(ctx.cursors, after);
    return connection;
  }
}

/** Reads a connection's page and count lazily, so each costs a statement only when selected. */
@Resolver(() => AuditEntryConnection)
export class AuditEntryConnectionResolver {
  @FieldResolver(() => [AuditEntryEdge])
  async edges(@Root() connection: AuditEntryConnection, @Ctx() ctx: RequestContext): Promise<AuditEntryEdge[]> {
    return (await readPage(connection, ctx)).edges;
  }

  @FieldResolver(() => PageInfo)
  async pageInfo(@Root() connection: AuditEntryConnection, @Ctx() ctx: RequestContext): Promise<PageInfo> {
    return (await readPage(connection, ctx)).pageInfo;
  }

  @FieldResolver(() => Int)
  totalCount(@Root() connection: AuditEntryConnection, @Ctx() ctx: RequestContext): Promise<number> {
    return auditEntryCount(ctx.db, connection.criteria);
  }
}

/**
 * Folds who is asking into the criteria, so the scope is applied in SQL: an operator reads every
 * row, an owner only rows whose domains include its own. A reader whose token names a province
 * reads only rows of its province (principals limited to it, or responses that carried its
 * records), as everywhere else in the graph. Throws FORBIDDEN for anyone else.
 */
export function scopedCriteria(principal: Principal | null, criteria: AuditLogCriteria, owners: readonly string[]): AuditLogCriteria {
  const province = principal?.provinceCode;
  if (principal?.roles.includes("operator")) return province === undefined ? criteria : { ...criteria, province };
  const owner = owners.find((agency) => agency === principal?.agency);
  if (!principal || !owner) {
    throw forbidden(`${whoMayRead(owners)}; ${principal ? `agency ${principal.agency} without the operator role` : "an anonymous request"} may not.`);
  }
  if (criteria.domain !== undefined && criteria.domain !== owner) {
    throw forbidden(`${whoMayRead(owners)}: as ${owner} you may read domain ${owner} only, not ${criteria.domain}. Leave filter.domain out.`);
  }
  return { ...criteria, domain: owner, ...(province !== undefined && { province }) };
}

function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN } });
}

/** A sealed cursor opens only to a seq the hub itself sealed for this list: nothing left to check. */
function seqOfCursor(cursors: CursorCodec, after: string): string {
  return cursors.decode(CURSOR_KIND, after);
}

/** One statement serves both edges and pageInfo, however many of them the query selects. */
function readPage(connection: AuditEntryConnection, ctx: RequestContext) {
  connection.page ??= auditEntryPage(ctx.db, connection.criteria, connection.first + 1, connection.beforeSeq).then((rows) =>
    pageOf(rows, connection.first, connection.beforeSeq, (entry) => ctx.cursors.encode(CURSOR_KIND, entry.seq)),
  );
  return connection.page;
}
