import { GraphQLError } from "graphql";
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { IngestBatch } from "../../entities";
import type { RequestContext } from "../../src/context";
import { badUserInput, ErrorCode } from "../../src/errors";
import { pageOf, PageInfo } from "../../src/graphql/connection";
import { pageSize } from "../../src/graphql/pagination";
// Read at call time only: src/domains lists this very domain, so it is still loading when this file is.
import { DOMAINS } from "../../src/domains";
import type { Principal } from "../../src/identity/principal";
import { IngestBatchConnection, IngestBatchEdge, IngestBatchFilter } from "./ingest-batch.connection";
import { UUID, batchCount, batchPage, type BatchCriteria } from "./ingest-batch.queries";

const CURSOR_KIND = "batch";

/** The batch records of data in: publishers read what became of their batches, operators every domain's. */
@Resolver()
export class IngestBatchResolver {
  @Query(() => IngestBatch, {
    nullable: true,
    description: "One delivered batch by id: its status, and why it was rejected. Null when there is none, or it is another agency's.",
  })
  async ingestBatch(
    @Arg("id", () => ID, { description: "The batch id a publish answered, or a value's source.batchId." }) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<IngestBatch | null> {
    if (!UUID.test(id)) throw badUserInput("id", "a batch id is a UUID, e.g. 0b6c3f6e-1d2a-4c8e-9f10-2a3b4c5d6e7f", id);
    const domains = readableDomains(ctx.principal);
    const batch = await ctx.loaders.hub.batchById.load(id.toLowerCase());
    return batch && (domains === undefined || domains.includes(batch.domain)) ? batch : null;
  }

  @Query(() => IngestBatchConnection, {
    nullable: true,
    description:
      "Delivered batches, newest first. Operators read every domain's; an owning agency (registry, tax, statistics, bhxh) its own domain's. Anyone else is refused.",
  })
  ingestBatches(
    @Arg("filter", () => IngestBatchFilter, { nullable: true, description: "Which batches to list; all you may read when not given." })
    filter: IngestBatchFilter | null,
    @Arg("first", () => Int, { nullable: true, description: "Page size; 20 when not given." }) first: number | null,
    @Arg("after", () => String, { nullable: true, description: "Cursor after which the page starts (pageInfo.endCursor of the previous page)." })
    after: string | null,
    @Ctx() ctx: RequestContext,
  ): IngestBatchConnection {
    const connection = new IngestBatchConnection();
    const criteria: BatchCriteria = { domains: readableDomains(ctx.principal) };
    if (filter?.domain != null) criteria.domain = filter.domain;
    if (filter?.status != null) criteria.status = filter.status;
    if (filter?.period != null) criteria.period = filter.period;
    connection.criteria = criteria;
    connection.first = pageSize(first, ctx.limits.maxPageSize);
    connection.beforeSeq = after == null ? undefined : ctx.cursors.decode(CURSOR_KIND, after);
    return connection;
  }
}

/** Reads a connection's page and count lazily, so each costs a statement only when selected. */
@Resolver(() => IngestBatchConnection)
export class IngestBatchConnectionResolver {
  @FieldResolver(() => [IngestBatchEdge])
  async edges(@Root() connection: IngestBatchConnection, @Ctx() ctx: RequestContext): Promise<IngestBatchEdge[]> {
    return (await readPage(connection, ctx)).edges;
  }

  @FieldResolver(() => PageInfo)
  async pageInfo(@Root() connection: IngestBatchConnection, @Ctx() ctx: RequestContext): Promise<PageInfo> {
    return (await readPage(connection, ctx)).pageInfo;
  }

  @FieldResolver(() => Int)
  totalCount(@Root() connection: IngestBatchConnection, @Ctx() ctx: RequestContext): Promise<number> {
    return batchCount(ctx.db, connection.criteria);
  }
}

/**
 * The domains whose batches `principal` reads: every one for an operator (undefined), its own
 * agency's for an owner. The door already refused anyone else; this keeps the rule in SQL too.
 */
function readableDomains(principal: Principal | null): readonly string[] | undefined {
  if (principal?.roles.includes("operator")) return undefined;
  const own = DOMAINS.filter((domain) => domain.agency !== null && domain.agency === principal?.agency).map((domain) => domain.name);
  if (own.length === 0)
    throw new GraphQLError("Delivered batches are read by the hub's operators and by the owning agencies for their own domain.", {
      extensions: { code: ErrorCode.FORBIDDEN },
    });
  return own;
}

function readPage(connection: IngestBatchConnection, ctx: RequestContext) {
  connection.page ??= batchPage(ctx.db, connection.criteria, connection.first + 1, connection.beforeSeq).then((rows) =>
    pageOf(rows, connection.first, connection.beforeSeq, (batch) => ctx.cursors.encode(CURSOR_KIND, batch.seq)),
  );
  return connection.page;
}
