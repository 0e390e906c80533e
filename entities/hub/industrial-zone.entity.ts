import { Column, Entity, PrimaryColumn } from "typeorm";
import { Field, ObjectType } from "type-graphql";

@Entity({ schema: "hub", name: "industrial_zone" })
@ObjectType({ description: "An industrial park or export-processing zone (khu công nghiệp, khu chế xuất)." })
export class IndustrialZone {
  @PrimaryColumn({ type: "text" })
  @Field({ description: "The hub's zone code: KCN, the province code, a hyphen and a sequence, e.g. KCN79-01." })
  code: string;

  @Column({ type: "text" })
  @Field({ description: "Name of the zone." })
  name: string;

  @Column({ type: "char", length: 2, name: "province_code" })
  @Field({ description: "Code of the province the zone lies in." })
  provinceCode: string;
}
