import { Column, Entity, PrimaryColumn } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { DateScalar } from "../../src/graphql/scalars";

/** A province as it stood before the 2025 mergers, kept so older series stay readable and roll up. */
@Entity({ schema: "hub", name: "former_province" })
@ObjectType({
  description:
    "A province as it stood before 1 July 2025 (tỉnh cũ), and the province it merged into. Data reported under a former province rolls up into its successor.",
})
export class FormerProvince {
  @PrimaryColumn({ type: "char", length: 2 })
  @Field({ description: "The former two-digit province code. Codes are never reused, but a successor may keep its host's code." })
  code: string;

  @Column({ type: "text" })
  @Field({ description: "Name before the merger, e.g. Bắc Kạn." })
  name: string;

  @Column({ type: "char", length: 2, name: "successor_code" })
  @Field({ description: "Code of the province it became part of." })
  successorCode: string;

  @Column({ type: "date", name: "merged_on" })
  @Field(() => DateScalar, { description: "Date the merger took effect." })
  mergedOn: string;
}
