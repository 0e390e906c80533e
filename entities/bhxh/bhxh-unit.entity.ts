import { Column, Entity, PrimaryColumn } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { DateScalar } from "../../src/graphql/scalars";

/** An employer registered with Vietnam Social Security; joined to the registry only by tax code. */
@Entity({ schema: "bhxh", name: "unit" })
@ObjectType({ description: "An employer registered with Vietnam Social Security (đơn vị tham gia BHXH), identified by its BHXH unit code." })
export class BhxhUnit {
  @PrimaryColumn({ type: "text" })
  @Field({ description: "BHXH unit code (mã đơn vị)." })
  code: string;

  @Column({ type: "text", name: "tax_code" })
  taxCode: string;

  @Column({ type: "text" })
  @Field(() => String, { nullable: true, description: "Unit name as BHXH holds it." })
  name: string;

  @Column({ type: "char", length: 2, name: "province_code" })
  provinceCode: string;

  @Column({ type: "date", name: "registered_on" })
  @Field(() => DateScalar, { nullable: true, description: "Date the unit first registered with BHXH." })
  registeredOn: string;

  @Column({ type: "uuid", name: "batch_id" })
  batchId: string;
}
