/**
 * The hub with no access control and no audit: for `npm run bench` only, to measure what mandates
 * and the audit log cost. Never started by `npm start`; nothing in src/ can switch access off.
 */
import "reflect-metadata";
import { assembleHub } from "../../src/assemble";
import { loadConfig } from "../../src/config";
import { openDatabase } from "../../src/database";
import { startServer } from "../../src/server";

async function main(): Promise<void> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const config = loadConfig();
  const database = await openDatabase({ ...config, log });
  const hub = await assembleHub(config, database.db, log, { accessControl: false });
  const server = await startServer(hub.deps);
  log(`GraphiQL: ${server.url}/graphql (access control OFF, benchmark only)`);
  process.once("SIGINT", () => {
    void server.stop().then(hub.close).then(database.close).then(() => process.exit(0));
  });
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
});
