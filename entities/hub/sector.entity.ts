import { Column, Entity, PrimaryColumn } from "typeorm";
import { Field, ObjectType } from "type-graphql";

@Entity({ schema: "hub", name: "sector" })
@ObjectType({ description: "An economic sector: a section A–U of VSIC 2018 (ngành kinh tế, Decision 27/2018/QĐ-TTg)." })
export class Sector {
  @PrimaryColumn({ type: "text" })
  @Field({ description: "VSIC 2018 section letter, A–U." })
  code: string;

  @Column({ type: "text" })
  @Field({ description: "Official Vietnamese title of the section (tên ngành)." })
  name: string;

  @Column({ type: "text", name: "name_en" })
  @Field({ description: "English title of the section (ISIC Rev. 4)." })
  nameEn: string;
}
