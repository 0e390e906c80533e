import "reflect-metadata";
import path from "node:path";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import type { AccessPolicy } from "./access";
import { projectRoot } from "./config";
import { assembleGraph, type AssembledGraph } from "./gateway/assemble-graph";

/** The mandates file checked in beside the schema. */
export const DEFAULT_MANDATES_FILE = path.join(projectRoot(), "schema", "mandates.yaml");

/**
 * The graph of the hosted domains alone, as clients see it (the supergraph's API schema), with the
 * mandates file compiled against it; each description then says who may read the field. The SDL
 * in schema/ is printed from it. Throws MandatesFileError when the mandates file is invalid.
 */
export async function buildHubSchema(
  mandatesFile = DEFAULT_MANDATES_FILE,
): Promise<{ schema: GraphQLSchema; accessPolicy: AccessPolicy; graph: AssembledGraph }> {
  const graph = await assembleGraph({ mandatesFile, hosted: true, remote: [] });
  return { schema: graph.supergraph.apiSchema, accessPolicy: graph.accessPolicy, graph };
}

/** The SDL checked in as schema/schema.graphql: sorted, so a diff shows only what changed. */
export function printHubSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
