import fs from "node:fs";
import path from "node:path";
import "reflect-metadata";
import { projectRoot } from "../config";
import { buildHubSchema, printHubSchema } from "../schema";

/**
 * Writes schema/schema.graphql (the graph clients see) and schema/supergraph.graphql (the hosted
 * subgraphs composed, as the gateway plans over them) from the code; a test fails when either
 * checked-in file differs.
 */
async function main(): Promise<void> {
  const { schema, graph } = await buildHubSchema();
  const written = [
    write(path.join(projectRoot(), "schema", "schema.graphql"), printHubSchema(schema)),
    write(path.join(projectRoot(), "schema", "supergraph.graphql"), graph.supergraph.supergraphSdl),
  ];
  process.stderr.write(`Wrote ${written.map((file) => path.relative(process.cwd(), file)).join(" and ")}\n`);
}

function write(target: string, text: string): string {
  fs.writeFileSync(target, text.endsWith("\n") ? text : `${text}\n`);
  return target;
}

main().catch((error: Error) => {
  process.stderr.write(`schema:emit: ${error.message}\n`);
  process.exitCode = 1;
});
