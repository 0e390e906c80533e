/**
 * An execution worker: a thread that runs the hub's costly queries, so that their CPU work (tens
 * of milliseconds of field resolution at a time) does not stand between light requests and the
 * hub thread's event loop. Started by ExecutionPool with the hub's database URL; it builds the
 * same schema, access rules and loaders over a small pool of its own, and answers each job with
 * the formatted result, what access control recorded, and the statements it ran.
 */
import "reflect-metadata";
import { parentPort, workerData } from "node:worker_threads";
import { parse, type DocumentNode } from "graphql";
import { assembleExecution } from "../assemble";
import { contextForPrincipal } from "../context";
import { openDatabase, RequestDeadline, type StatementStats } from "../database";
import { formatErrorForClient } from "../graphql/error-masking";
import { createLogger } from "../logger";
import type { ExecutionJob, WorkerMessage, WorkerSetup } from "./execution-pool";

/** Parsed documents by text: the same few queries come again and again. */
const DOCUMENT_CACHE_SIZE = 200;

async function main(): Promise<void> {
  const setup = workerData as WorkerSetup;
  const config = { ...setup.config, databaseUrl: setup.databaseUrl, poolSize: setup.poolSize };
  const logger = createLogger(config.logLevel).child({ thread: "execution-worker" });
  const database = await openDatabase({ ...config, parallelWorkersPerStatement: config.pgParallelWorkers, log: (line) => logger.info(line) });
  // The same graph and mandates as the hub thread; no planner: workers run in-process operations only.
  const execution = await assembleExecution(config, { accessControl: setup.accessControl, hosted: true, remoteSdl: setup.remoteSdl, logger, federate: false });
  const documents = new Map<string, DocumentNode>();
  const documentOf = (query: string) => {
    let document = documents.get(query);
    if (!document) {
      document = parse(query);
      if (documents.size >= DOCUMENT_CACHE_SIZE) documents.delete(documents.keys().next().value as string);
      documents.set(query, document);
    }
    return document;
  };
  const port = parentPort!;
  port.on("message", (message: ExecutionJob | "close") => {
    if (message === "close") {
      void database.close().finally(() => process.exit(0));
      return;
    }
    void run(message);
  });
  const run = async (job: ExecutionJob) => {
    const stats: StatementStats = { sqlStatements: 0, deadline: new RequestDeadline(Math.max(1, job.deadlineMs)) };
    try {
      const identity = { requestId: job.requestId, clientRequestId: job.clientRequestId, startedAt: new Date(job.startedAt) };
      const context = contextForPrincipal({ ...execution, db: database.db, config }, job.principal, job.purpose, identity, stats, job.remoteAddress);
      const result = await execution.graph.execute({
        document: documentOf(job.query),
        variables: job.variables ?? undefined,
        operationName: job.operationName ?? undefined,
        context,
      });
      for (const error of result.errors ?? []) {
        const original = error.originalError as (Error & { extensions?: { code?: unknown } }) | undefined;
        if (original && !original.extensions?.code) logger.error({ requestId: job.requestId, err: original }, "unexpected error");
      }
      const reply: WorkerMessage = {
        id: job.id,
        // data as JSON text: one string to copy across, not a tree to clone and rebuild (src/graphql/serialized-data.ts).
        result: {
          dataJson: result.data == null ? null : JSON.stringify(result.data),
          ...(result.errors ? { errors: result.errors.map((error) => formatErrorForClient(error.toJSON())) } : {}),
        },
        access: context.access.snapshot(),
        sqlStatements: stats.sqlStatements,
      };
      port.postMessage(reply);
    } catch (error) {
      logger.error({ requestId: job.requestId, err: error }, "execution worker failed a job");
      port.postMessage({ id: job.id, failure: (error as Error).message } satisfies WorkerMessage);
    } finally {
      stats.deadline?.dispose();
    }
  };
  port.postMessage({ ready: true } satisfies WorkerMessage);
}

main().catch((error: Error) => {
  parentPort?.postMessage({ startFailure: error.message } satisfies WorkerMessage);
  process.exitCode = 1;
});
