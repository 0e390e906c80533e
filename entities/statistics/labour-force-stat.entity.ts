import { Column, Entity, PrimaryColumn } from "typeorm";
import { Field, Int, ObjectType } from "type-graphql";

/** The statistics office's labour-force figures for one province and period. */
@Entity({ schema: "statistics", name: "labour_force" })
@ObjectType({
  description:
    "Labour-force figures for a province and period from the statistics office (số liệu lực lượng lao động). The working-age labour force is the denominator of coverage rates.",
})
export class LabourForceStat {
  @PrimaryColumn({ type: "char", length: 2, name: "province_code" })
  provinceCode: string;

  @PrimaryColumn({ type: "text" })
  @Field({ description: "Quarter (YYYY-Qn) or year (YYYY)." })
  period: string;

  @Column({ type: "integer" })
  @Field(() => Int, { nullable: true, description: "Labour force aged 15 and over (lực lượng lao động từ 15 tuổi trở lên)." })
  labourForce: number;

  @Column({ type: "integer", name: "working_age_labour_force" })
  @Field(() => Int, { nullable: true, description: "Labour force of working age (lực lượng lao động trong độ tuổi lao động)." })
  workingAgeLabourForce: number;

  @Column({ type: "integer" })
  @Field(() => Int, { nullable: true, description: "Employed (có việc làm)." })
  employed: number;

  @Column({ type: "integer" })
  @Field(() => Int, { nullable: true, description: "Unemployed (thất nghiệp)." })
  unemployed: number;

  @Column({ type: "integer" })
  @Field(() => Int, { nullable: true, description: "Population (dân số)." })
  population: number;

  @Column({ type: "integer", name: "working_age_population" })
  @Field(() => Int, { nullable: true, description: "Population of working age (dân số trong độ tuổi lao động)." })
  workingAgePopulation: number;

  @Column({ type: "integer", name: "away_from_home" })
  @Field(() => Int, { nullable: true, description: "Workers working away from their home province (lao động đi làm ăn xa)." })
  awayFromHome: number;

  @Column({ type: "uuid", name: "batch_id" })
  batchId: string;
}
