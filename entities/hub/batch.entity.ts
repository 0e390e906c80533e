import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { DateTimeScalar } from "../../src/graphql/scalars";

export enum IngestStatus {
  APPLIED = "APPLIED",
  REJECTED = "REJECTED",
  DUPLICATE = "DUPLICATE",
}

registerEnumType(IngestStatus, {
  name: "IngestStatus",
  description: "What became of a delivered batch (trạng thái lô dữ liệu).",
  valuesConfig: {
    APPLIED: { description: "Every row was valid and all of them were applied in one transaction." },
    REJECTED: { description: "Some row was invalid: nothing was applied; `errors` says which rows and why." },
    DUPLICATE: { description: "The same content was already applied for this domain and period: nothing was applied again; `duplicateOf` names that batch." },
  },
});

export enum IngestKind {
  import = "import",
  mutation = "mutation",
  seed = "seed",
}

registerEnumType(IngestKind, {
  name: "IngestKind",
  description: "How a batch was delivered.",
  valuesConfig: {
    import: { description: "A CSV file: `npm run import` or POST /ingest/{domain}." },
    mutation: { description: "A GraphQL mutation carrying a small delta." },
    seed: { description: "The demo dataset." },
  },
});

/** One problem with a delivered batch: where it is (line, column) and why. */
@ObjectType({ description: "Why a batch was rejected: one problem, with where it is in the delivered file." })
export class IngestError {
  @Field(() => Int, {
    nullable: true,
    description: "Line of the CSV file (1 is the header); null for a problem with the batch as a whole (its encoding, its header).",
  })
  line: number | null;

  @Field(() => String, { nullable: true, description: "The CSV column, when the problem is in one." })
  column: string | null;

  @Field({ description: "What is wrong, and what a valid value looks like." })
  reason: string;
}

/** A batch of rows an owner delivered; every owner row points at the batch it came in. */
@Entity({ schema: "hub", name: "batch" })
@ObjectType({
  description:
    "A batch of data an owner delivered (lô dữ liệu): who published it, for which period, its checksum, and whether it was applied. Read by the owning agency and the hub's operators.",
})
export class IngestBatch {
  @PrimaryGeneratedColumn("uuid")
  @Field(() => ID, { description: "The batch's id: the `batchId` in the `source` of every value it applied." })
  id: string;

  @Column({ type: "text" })
  @Field({ description: "The owning domain: registry, tax, statistics or bhxh." })
  domain: string;

  @Column({ type: "text", nullable: true })
  @Field(() => String, {
    nullable: true,
    description: "Which of the domain's datasets (tập dữ liệu) it carries, e.g. bhxh `voluntary` or hub `targets`; null for the domain's main dataset.",
  })
  dataset: string | null;

  @Column({ type: "text" })
  @Field({ description: "Code of the agency that delivered it." })
  agency: string;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Who published it: the publishing token's subject (sub). Null for the demo dataset." })
  publisher: string | null;

  @Column({ type: "text" })
  @Field(() => IngestKind, { description: "How it was delivered." })
  kind: IngestKind;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "The reporting period it covers (tax: YYYY-Qn)." })
  period: string | null;

  @Column({ type: "integer", name: "row_count" })
  @Field(() => Int, { description: "Data rows it held (the header not counted)." })
  rowCount: number;

  @Column({ type: "text" })
  @Field({ description: "SHA-256 of the delivered content, hex: the same content is applied only once." })
  checksum: string;

  @Column({ type: "timestamptz", name: "received_at" })
  @Field(() => DateTimeScalar, { description: "When the hub began receiving it." })
  receivedAt: Date;

  @Column({ type: "timestamptz", name: "applied_at", nullable: true })
  @Field(() => DateTimeScalar, { nullable: true, description: "When its rows were committed; null unless APPLIED." })
  appliedAt: Date | null;

  @Column({ type: "text" })
  @Field(() => IngestStatus, { description: "APPLIED, REJECTED or DUPLICATE." })
  status: IngestStatus;

  @Column({ type: "uuid", name: "duplicate_of", nullable: true })
  @Field(() => ID, { nullable: true, description: "For a DUPLICATE: the batch that applied the same content first." })
  duplicateOf: string | null;

  @Column({ type: "jsonb" })
  @Field(() => [IngestError], { description: "Why it was rejected, in file order; at most the first 100 problems are kept (see errorCount)." })
  errors: IngestError[];

  @Column({ type: "integer", name: "error_count" })
  @Field(() => Int, { description: "How many problems were found in all, including those not listed in `errors`." })
  errorCount: number;
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
