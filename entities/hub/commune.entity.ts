import { Column, Entity, PrimaryColumn } from "typeorm";
import { Field, ObjectType } from "type-graphql";

@Entity({ schema: "hub", name: "commune" })
@ObjectType({ description: "A commune-level unit since 1 July 2025: commune (xã), ward (phường) or special zone (đặc khu)." })
export class Commune {
  @PrimaryColumn({ type: "char", length: 5 })
  @Field({ description: "Five-digit commune code (mã xã)." })
  code: string;

  @Column({ type: "text" })
  @Field({ description: "Name with diacritics." })
  name: string;

  @Column({ type: "text" })
  @Field({ description: "xa (commune), phuong (ward) or dac-khu (special zone)." })
  kind: string;

  @Column({ type: "char", length: 2, name: "province_code" })
  @Field({ description: "Code of the province it belongs to." })
  provinceCode: string;
}
