import "reflect-metadata";
import path from "node:path";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { compileAccessPolicy, describeReaders, type AccessPolicy } from "./access";
import { projectRoot } from "./config";
import { MandatesResolver } from "../resolvers/hub/mandates.resolver";
import { AuditEntryConnectionResolver, AuditLogResolver } from "../resolvers/hub/audit-log.resolver";
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
  MandatesResolver,
  AuditLogResolver, AuditEntryConnectionResolver,
] as const;

/** The mandates file checked in beside the schema. */
export const DEFAULT_MANDATES_FILE = path.join(projectRoot(), "schema", "mandates.yaml");

/**
 * Builds the schema from the decorated classes and compiles the mandates file against it; each
 * description then says who may read the field. The SDL in schema/ is printed from this schema.
 * Throws MandatesFileError when the mandates file is invalid. Serve it through protectSchema.
 */
export async function buildHubSchema(mandatesFile = DEFAULT_MANDATES_FILE): Promise<{ schema: GraphQLSchema; accessPolicy: AccessPolicy }> {
  const schema = await buildGraphSchema();
  const accessPolicy = compileAccessPolicy(schema, mandatesFile);
  describeReaders(schema, accessPolicy);
  return { schema, accessPolicy };
}

async function buildGraphSchema(): Promise<GraphQLSchema> {
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
