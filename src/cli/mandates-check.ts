import "reflect-metadata";
import path from "node:path";
import { MandatesFileError } from "../access";
import { loadConfig } from "../config";
import { buildHubSchema } from "../schema";

/**
 * Validates a mandates file against the schema, exactly as the hub does at start:
 * `npm run mandates:check [-- file]`. Exit 0 when valid, 1 listing every problem, 2 on usage errors.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes("--help") || args.includes("-h") || args.length > 1) {
    process.stderr.write(
      "Validates the mandates file the hub would load (LIENTHONG_MANDATES_FILE or schema/mandates.yaml):\n  npm run mandates:check [-- path/to/mandates.yaml]\n",
    );
    process.exitCode = args.length > 1 ? 2 : 0;
    return;
  }
  const file = args[0] ? path.resolve(args[0]) : loadConfig().mandatesFile;
  try {
    const { accessPolicy } = await buildHubSchema(file);
    const { mandates } = accessPolicy;
    const agencies = new Set(mandates.map((m) => m.grantee.agency));
    process.stdout.write(
      `${path.relative(process.cwd(), file) || file}: valid. ${mandates.length} mandates to ${agencies.size} agencies (${[...agencies].sort().join(", ")}); ` +
        `${accessPolicy.open.size} open reference fields.\n`,
    );
  } catch (error) {
    if (!(error instanceof MandatesFileError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  }
}

main().catch((error: Error) => {
  process.stderr.write(`mandates:check: ${error.message}\n`);
  process.exitCode = 1;
});
