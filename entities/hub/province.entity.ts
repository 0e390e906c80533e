import { Column, Entity, PrimaryColumn } from "typeorm";
import { Directive, Field, ObjectType } from "type-graphql";
import { DateScalar } from "../../src/graphql/scalars";

/** Shared entity: a first-level administrative unit. Other domains attach their figures to it by `code`. */
@Entity({ schema: "hub", name: "province" })
@ObjectType({
  description:
    "A province or centrally-run city (tỉnh, thành phố trực thuộc trung ương): one of the 34 in force since 1 July 2025 (Resolution 202/2025/QH15). Shared entity, keyed by `code`.",
})
@Directive('@key(fields: "code")')
export class Province {
  @PrimaryColumn({ type: "char", length: 2 })
  @Field({ description: "Two-digit province code (mã tỉnh) under Decision 19/2025/QĐ-TTg, e.g. 01 Hà Nội, 79 Thành phố Hồ Chí Minh." })
  code: string;

  @Column({ type: "text" })
  @Field({ description: "Official name with diacritics (tên tỉnh), e.g. Nghệ An." })
  name: string;

  @Column({ type: "text", name: "name_ascii" })
  nameAscii: string;

  @Column({ type: "text" })
  kind: "province" | "city";

  @Column({ type: "date", name: "in_force_from" })
  @Field(() => DateScalar, { description: "Date this province came into force in its current boundaries." })
  inForceFrom: string;
}
