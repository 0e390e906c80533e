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
export function buildHubSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: RESOLVERS,
    validate: false,
    emitSchemaFile: false,
  });
}

/** The SDL checked in as schema/schema.graphql: sorted, so a diff shows only what changed. */
export function printHubSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
