import { Field, Int, ObjectType } from "type-graphql";
import { Enterprise } from "../../entities";
import { PageInfo } from "../../src/graphql/connection";
import type { EnterpriseCriteria } from "./registry.queries";

@ObjectType({ description: "An enterprise in a list, with the cursor to continue after it." })
export class EnterpriseEdge {
  @Field({ description: "Pass as `after` to read the items that follow this one." })
  cursor: string;

  @Field(() => Enterprise, { description: "The enterprise." })
  node: Enterprise;
}

/**
 * A page of enterprises. Rows and the count are read only when asked for: a client that wants
 * only `totalCount` costs one COUNT, and one that wants only rows never counts.
 */
@ObjectType({ description: "A list of enterprises, one page at a time (Relay connection)." })
export class EnterpriseConnection {
  // edges, pageInfo and totalCount are nullable so that a mandate refusing one (an aggregate-only
  // grantee may count but not list) nulls only that field, never the whole answer.
  @Field(() => [EnterpriseEdge], { nullable: true, description: "The enterprises on this page, in tax-code order. Needs a record-level mandate." })
  edges: EnterpriseEdge[];

  @Field(() => PageInfo, { nullable: true, description: "Whether more pages follow, and the cursors to reach them. Needs a record-level mandate." })
  pageInfo: PageInfo;

  @Field(() => Int, {
    nullable: true,
    description:
      "How many enterprises match the filter, on all pages (tổng số). Aggregate-only mandates count from one fixed table: by province, and by commune within it, for one status or all; a count below 5, and any count it could be worked out from, is withheld (null, explained in extensions.suppressed).",
  })
  totalCount: number | null;

  /** What the list was asked for; read by the connection's field resolvers. */
  criteria: EnterpriseCriteria;
  first: number;
  afterTaxCode: string | undefined;
  /** Whether the page's statement also counts every match (totalCount asked beside the page, exact count allowed). */
  countWithPage: boolean;
  /** The page, fetched once however many of edges/pageInfo are selected; `total` when counted with it. */
  page?: Promise<{ edges: EnterpriseEdge[]; pageInfo: PageInfo; total: number | undefined }>;
}
