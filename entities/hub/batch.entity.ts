import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../../src/graphql/scalars";

/** A batch of rows an owner delivered; every owner row points at the batch it came in. */
@Entity({ schema: "hub", name: "batch" })
@ObjectType({ description: "A batch of rows an owner delivered and the hub applied whole (lô dữ liệu): who sent it, for which period, how many rows." })
export class IngestBatch {
  @PrimaryGeneratedColumn("uuid")
  @Field(() => ID, { description: "The batch's id: every row it brought names it as its source." })
  id: string;

  @Column({ type: "text" })
  @Field({ description: "The domain whose data it holds (registry, tax, statistics, bhxh, hub)." })
  domain: string;

  @Column({ type: "text" })
  @Field({ description: "Code of the agency that delivered it." })
  agency: string;

  @Column({ type: "text" })
  @Field({ description: "How it came: seed (demo data), import (a file) or mutation (a GraphQL delta)." })
  kind: "seed" | "import" | "mutation";

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Reporting period it covers (YYYY-MM, YYYY-Qn or YYYY), when it covers one." })
  period: string | null;

  @Column({ type: "integer", name: "row_count" })
  @Field(() => Int, { description: "Rows it applied." })
  rowCount: number;

  @Column({ type: "text" })
  @Field({ description: "Checksum of its content: the same batch sent again changes nothing." })
  checksum: string;

  @Column({ type: "timestamptz", name: "received_at" })
  @Field(() => DateTimeScalar, { description: "When the hub received it." })
  receivedAt: Date;
}

@ObjectType({ description: "Where a value came from (nguồn dữ liệu): the owning agency and the batch it was delivered in." })
export class Source {
  @Field({ description: "Code of the agency that owns and delivered the value (registry, tax, statistics, bhxh)." })
  agency: string;

  @Field(() => ID, { description: "The delivery batch the value came in." })
  batchId: string;

  @Field(() => DateTimeScalar, { description: "When the hub received that batch." })
  asOf: Date;

  @Field({ nullable: true, description: "Reporting period the batch covers, when it covers one." })
  period?: string;
}
