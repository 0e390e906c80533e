import "reflect-metadata";
import path from "node:path";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { compileAccessPolicy, describeReaders, type AccessPolicy } from "./access";
import { projectRoot } from "./config";
import { DOMAINS } from "./domains";

/** Every resolver of every hosted domain: the in-process graph the gateway's fast path executes. */
export const RESOLVERS = DOMAINS.flatMap((domain) => domain.resolvers) as [Function, ...Function[]];

/** The mandates file checked in beside the schema. */
export const DEFAULT_MANDATES_FILE = path.join(projectRoot(), "schema", "mandates.yaml");

/**
 * Builds the schema from the decorated classes and compiles the mandates file against it; each
 * description then says who may read the field. The SDL in schema/ is printed from this schema.
 * Throws MandatesFileError when the mandates file is invalid. Serve it through protectSchema.
 */
export async function buildHubSchema(mandatesFile = DEFAULT_MANDATES_FILE): Promise<{ schema: GraphQLSchema; accessPolicy: AccessPolicy }> {
  const schema = await buildGraphSchema();
  const accessPolicy = compileAccessPolicy(schema, mandatesFile, DOMAINS.map((domain) => domain.access));
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
