/**
 * The hub with part of access control switched off, for `npm run bench` only, to measure what the
 * mandates and the audit log each cost. `--rules-only` keeps the field rules and drops the audit
 * log; without it both are off. Never started by `npm start`; nothing in src/ can switch them off.
 */
import "reflect-metadata";
import { assembleHub } from "../../src/assemble";
import { loadConfig } from "../../src/config";
import { openDatabase } from "../../src/database";
import { startServer } from "../../src/server";
import { createLogger } from "../../src/logger";

async function main(): Promise<void> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const config = loadConfig();
  const database = await openDatabase({ ...config, parallelWorkersPerStatement: config.pgParallelWorkers, log });
  const rulesOnly = process.argv.includes("--rules-only");
  const hub = await assembleHub(config, database.db, createLogger(config.logLevel), { accessControl: rulesOnly });
  const server = await startServer(rulesOnly ? { ...hub.deps, audit: null } : hub.deps);
  log(`GraphiQL: ${server.url}/graphql (${rulesOnly ? "audit log OFF" : "access control and audit log OFF"}, benchmark only)`);
  process.once("SIGINT", () => {
    void server
      .stop()
      .then(hub.close)
      .then(database.close)
      .then(() => process.exit(0));
  });
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
});
