import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { Field, ID, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../../src/graphql/scalars";

/** A batch of rows an owner delivered; every owner row points at the batch it came in. */
@Entity({ schema: "hub", name: "batch" })
export class IngestBatch {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ type: "text" })
  domain: string;

  @Column({ type: "text" })
  agency: string;

  @Column({ type: "text" })
  kind: "seed" | "import" | "mutation";

  @Column({ type: "text", nullable: true })
  period: string | null;

  @Column({ type: "integer", name: "row_count" })
  rowCount: number;

  @Column({ type: "text" })
  checksum: string;

  @Column({ type: "timestamptz", name: "received_at" })
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
