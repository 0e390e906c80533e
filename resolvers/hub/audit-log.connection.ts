import { Field, Int, ObjectType } from "type-graphql";
import { AuditEntry } from "../../entities/hub/audit-entry.entity";
import { PageInfo } from "../../src/graphql/connection";
import type { AuditLogCriteria } from "./audit-log.queries";

@ObjectType({ description: "An audit log row in a list, with the cursor to continue after it." })
export class AuditEntryEdge {
  @Field({ description: "Pass as `after` to read the older rows that follow this one." })
  cursor: string;

  @Field(() => AuditEntry, { description: "The audit log row." })
  node: AuditEntry;
}

/** A page of the audit log. Like EnterpriseConnection, rows and the count are read only when selected. */
@ObjectType({ description: "Rows of the audit log (nhật ký truy cập), newest first, one page at a time (Relay connection)." })
export class AuditEntryConnection {
  @Field(() => [AuditEntryEdge], { description: "The rows on this page, newest first." })
  edges: AuditEntryEdge[];

  @Field(() => PageInfo, { description: "Whether older rows follow, and the cursors to reach them." })
  pageInfo: PageInfo;

  @Field(() => Int, { description: "How many rows you may read match the filter, on all pages (tổng số)." })
  totalCount: number;

  /** What the list was asked for, scope included; read by the connection's field resolvers. */
  criteria: AuditLogCriteria;
  first: number;
  beforeSeq: string | undefined;
  /** The page, fetched once however many of edges/pageInfo are selected. */
  page?: Promise<{ edges: AuditEntryEdge[]; pageInfo: PageInfo }>;
}
