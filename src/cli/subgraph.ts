import "reflect-metadata";
import { loadConfig } from "../config";
import { openDatabase } from "../database";
import { DOMAINS } from "../domains";
import { assembleGraph } from "../gateway/assemble-graph";
import { sharedSubgraphKey } from "../assemble";
import { startSubgraphServer } from "../federation/subgraph-server";
import { createLogger } from "../logger";
import { onShutdown } from "../shutdown";

/** Ports of the subgraphs served alone, when PORT does not say: one each, so they can run side by side. */
const DEFAULT_PORTS: Record<string, number> = Object.fromEntries(DOMAINS.map((domain, index) => [domain.name, 4101 + index]));

/**
 * `npm run subgraph -- <domain>`: serves one hosted domain as a Federation 2 subgraph against
 * DATABASE_URL, the way an agency hosts its own part. Only the gateway's signed requests are
 * answered; LIENTHONG_SUBGRAPH_KEY must be the gateway's.
 */
async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  const names: string[] = DOMAINS.map((domain) => domain.name);
  if (!name || name === "--help" || name === "-h" || rest.length > 0) {
    process.stderr.write(
      `Serves one domain as a subgraph: npm run subgraph -- <${names.join("|")}>\n  env: DATABASE_URL (required), PORT (default ${names.map((n) => `${n} ${DEFAULT_PORTS[n]}`).join(", ")}), HOST, LIENTHONG_SUBGRAPH_KEY\n`,
    );
    process.exitCode = name === "--help" || name === "-h" ? 0 : 2;
    return;
  }
  if (!names.includes(name)) {
    process.stderr.write(`subgraph: unknown domain "${name}"; this hub hosts ${names.join(", ")}.\n`);
    process.exitCode = 2;
    return;
  }
  if (!process.env.DATABASE_URL)
    throw new Error("DATABASE_URL must name the PostgreSQL holding this domain's schema (the gateway's `npm start` database, or the agency's own).");
  const config = loadConfig({ ...process.env, PORT: process.env.PORT ?? String(DEFAULT_PORTS[name]) });
  const logger = createLogger(config.logLevel).child({ subgraph: name });
  const database = await openDatabase({ ...config, parallelWorkersPerStatement: config.pgParallelWorkers, log: (line) => logger.info(line) });
  let stop: (() => Promise<void>) | undefined;
  onShutdown(async () => {
    await stop?.().catch(() => undefined);
    await database.close().catch(() => undefined);
  });
  // The gateway's mandates file: mandates on other agencies' subgraphs are the gateway's to check.
  const graph = await assembleGraph({ mandatesFile: config.mandatesFile, hosted: true, remote: [], partOfGraph: true });
  const subgraph = graph.hostedSubgraphs.find((candidate) => candidate.name === name)!;
  const server = await startSubgraphServer({
    subgraph,
    config,
    db: database.db,
    accessPolicy: graph.accessPolicy,
    sharedKey: sharedSubgraphKey(config),
    logger,
  });
  stop = server.stop;
  logger.info(`Subgraph ${name} is ready: ${server.url} (answers only requests signed by the gateway).`);
}

main().catch((error: Error) => {
  process.stderr.write(`subgraph could not start: ${error.message}\n`);
  process.exitCode = 1;
});
