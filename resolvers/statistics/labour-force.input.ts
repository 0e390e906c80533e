import { Field, InputType, Int } from "type-graphql";

@InputType({ description: "One province's labour-force figures for the period being published: a row of the labour-force CSV." })
export class LabourForceRowInput {
  @Field({ description: "Province (code in force since 2025-07-01)." })
  provinceCode: string;

  @Field(() => Int, { description: "Population (dân số)." })
  population: number;

  @Field(() => Int, { description: "Population of working age (dân số trong độ tuổi lao động); at most the population." })
  workingAgePopulation: number;

  @Field(() => Int, { description: "Labour force aged 15 and over (lực lượng lao động từ 15 tuổi trở lên): employed + unemployed." })
  labourForce: number;

  @Field(() => Int, {
    description: "Labour force of working age (lực lượng lao động trong độ tuổi lao động); at most the labour force and the working-age population.",
  })
  workingAgeLabourForce: number;

  @Field(() => Int, { description: "Employed (có việc làm)." })
  employed: number;

  @Field(() => Int, { description: "Unemployed (thất nghiệp)." })
  unemployed: number;

  @Field(() => Int, { description: "Workers working away from their home province (lao động đi làm ăn xa)." })
  awayFromHome: number;
}
