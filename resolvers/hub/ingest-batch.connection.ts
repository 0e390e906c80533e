import { Field, InputType, Int, ObjectType } from "type-graphql";
import { IngestBatch, IngestStatus } from "../../entities";
import { PageInfo } from "../../src/graphql/connection";
import type { BatchCriteria } from "./ingest-batch.queries";

@InputType({ description: "Which delivered batches to list." })
export class IngestBatchFilter {
  @Field(() => String, { nullable: true, description: "Owning domain: registry, tax, statistics or bhxh." })
  domain?: string | null;

  @Field(() => IngestStatus, { nullable: true, description: "Only batches that ended so." })
  status?: IngestStatus | null;

  @Field(() => String, { nullable: true, description: "Only batches for this period (YYYY-Qn, YYYY-MM or YYYY)." })
  period?: string | null;
}

@ObjectType({ description: "A delivered batch in a list, with the cursor to continue after it." })
export class IngestBatchEdge {
  @Field({ description: "Pass as `after` to read the older batches that follow this one." })
  cursor: string;

  @Field(() => IngestBatch, { description: "The batch record." })
  node: IngestBatch;
}

/** A page of batch records; rows and the count are read only when selected. */
@ObjectType({ description: "Delivered batches (lô dữ liệu), newest first, one page at a time (Relay connection)." })
export class IngestBatchConnection {
  @Field(() => [IngestBatchEdge], { description: "The batches on this page, newest first." })
  edges: IngestBatchEdge[];

  @Field(() => PageInfo, { description: "Whether older batches follow, and the cursors to reach them." })
  pageInfo: PageInfo;

  @Field(() => Int, { description: "How many batches you may read match the filter, on all pages." })
  totalCount: number;

  criteria: BatchCriteria;
  first: number;
  beforeSeq: string | undefined;
  page?: Promise<{ edges: IngestBatchEdge[]; pageInfo: PageInfo }>;
}
