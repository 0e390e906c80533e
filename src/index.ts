import "reflect-metadata";
import { loadConfig } from "./config";
import { openDatabase } from "./database";
import { databaseIsEmpty, loadDemoData } from "./demo/load-demo";
import { progressBar } from "./demo/progress";
import { assembleHub, startLayout, type GatewayLayout } from "./assemble";
import type { HubConfig } from "./config";
import { DOMAINS } from "./domains";
import { DASHBOARD_PATH, GRAPHQL_PATH, startServer } from "./server";
import { onShutdown } from "./shutdown";
import { createLogger } from "./logger";

/**
 * The composition root: configuration → database (embedded or DATABASE_URL, migrated) → demo data
 * on first start → the supergraph with the mandates, tokens, audit log → the gateway's HTTP server.
 * `layoutOf` says which subgraphs run in this process (`npm start`: every hosted domain) and which
 * are remote (gateway.yaml). Ctrl-C (SIGINT) or SIGTERM stops the server, then PostgreSQL.
 */
export async function runGateway(layoutOf: (config: HubConfig) => GatewayLayout): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const layout = layoutOf(config);
  const logger = createLogger(config.logLevel);
  const log = (line: string) => logger.info(line);
  const database = await openDatabase({ ...config, parallelWorkersPerStatement: config.pgParallelWorkers, log });
  let stopServer: (() => Promise<void>) | undefined;
  let closeHub: (() => Promise<void>) | undefined;

  onShutdown(async () => {
    log("Stopping Liên thông…");
    await stopServer?.().catch((err: Error) => logger.error({ err }, "stopping the server failed"));
    await closeHub?.().catch((err: Error) => logger.error({ err }, "closing the audit log failed"));
    await database.close().catch((err: Error) => logger.error({ err }, "closing the database failed"));
    log("Stopped.");
  });

  try {
    if (config.loadDemoData && (await databaseIsEmpty(database.db))) {
      log(`First start: loading the demo dataset (${config.demoEnterprises.toLocaleString("en-US")} enterprises)…`);
      const summary = await loadDemoData(database.db.url, { enterprises: config.demoEnterprises, progress: progressBar() });
      log(`Demo data loaded in ${summary.seconds.toFixed(1)} s.`);
    }
    const hub = await assembleHub(config, database.db, logger, { layout });
    closeHub = hub.close;
    const server = await startServer(hub.deps);
    stopServer = server.stop;
    log(`Access: ${hub.deps.accessPolicy.mandates.length} mandates from ${config.mandatesFile}; tokens: ${hub.deps.verifier.describe}.`);
    log(`Liên thông is ready in ${((Date.now() - started) / 1000).toFixed(1)} s (${database.embedded ? "embedded PostgreSQL" : "DATABASE_URL"}).`);
    log(
      `Subgraphs: ${layout.hosted ? `${DOMAINS.map((domain) => domain.name).join(", ")} in this process` : "none in this process"}${layout.remote.length > 0 ? `; remote: ${layout.remote.map((s) => `${s.name} (${s.url})`).join(", ")}` : ""}.`,
    );
    log(`GraphiQL: ${server.url}${GRAPHQL_PATH}`);
    log(`Dashboard: ${server.url}${DASHBOARD_PATH}`);
    if (!config.jwtSecret && !config.jwksUrl) {
      log("Tokens for GraphiQL: npm run token -- --agency bhxh --roles inspector --province 79 --purposes inspection");
    }
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
  // From here on the HTTP server keeps the process alive until a signal arrives.
}

if (require.main === module) {
  // Plain text, not JSON: the configuration (and so the logger) may be what failed.
  runGateway(startLayout).catch((error: Error) => {
    process.stderr.write(`Liên thông could not start: ${error.message}\n`);
    process.exitCode = 1;
  });
}
