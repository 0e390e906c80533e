import fs from "node:fs";
import path from "node:path";
import "reflect-metadata";
import { projectRoot } from "../config";
import { buildHubSchema, printHubSchema } from "../schema";

/** Writes schema/schema.graphql from the code; a test fails when the checked-in file differs. */
async function main(): Promise<void> {
  const target = path.join(projectRoot(), "schema", "schema.graphql");
  fs.writeFileSync(target, printHubSchema((await buildHubSchema()).schema));
  process.stderr.write(`Wrote ${path.relative(process.cwd(), target)}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`schema:emit: ${error.message}\n`);
  process.exitCode = 1;
});
