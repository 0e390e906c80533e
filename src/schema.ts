import "reflect-metadata";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { BhxhUnitResolver, EnrolmentResolver, EnterpriseBhxhResolver } from "../resolvers/bhxh/bhxh-unit.resolver";
import { FormerProvinceResolver, IndustrialZoneResolver, ProvinceResolver, SectorResolver } from "../resolvers/hub/province.resolver";
import { EnterpriseConnectionResolver, EnterpriseResolver } from "../resolvers/registry/enterprise.resolver";
import { LabourForceStatResolver, ProvinceStatisticsResolver } from "../resolvers/statistics/labour-force.resolver";
import { EnterpriseTaxResolver, TaxHeadcountResolver } from "../resolvers/tax/tax-headcount.resolver";

/** Every resolver, by domain. Each domain adds its fields to the shared Enterprise and Province. */
export const RESOLVERS = [
  ProvinceResolver, SectorResolver, IndustrialZoneResolver, FormerProvinceResolver,
  EnterpriseResolver, EnterpriseConnectionResolver,
  EnterpriseTaxResolver, TaxHeadcountResolver,
  EnterpriseBhxhResolver, BhxhUnitResolver, EnrolmentResolver,
  ProvinceStatisticsResolver, LabourForceStatResolver,
] as const;

/** Builds the executable schema from the decorated classes; the SDL in schema/ is printed from it. */
export async function buildHubSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: RESOLVERS,
    validate: false,
    emitSchemaFile: false,
  });
  // type-graphql offers no option for the root type's description, which GraphiQL shows first.
  schema.getQueryType()!.description =
    "Liên thông: enterprise registration, tax headcount, labour-force statistics and BHXH enrolment as one graph. Start from `enterprises`, `enterprise(taxCode)` or `provinces`.";
  return schema;
}

/** The SDL checked in as schema/schema.graphql: sorted, so a diff shows only what changed. */
export function printHubSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
