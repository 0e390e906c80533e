import path from "node:path";
import { Worker } from "node:worker_threads";
import type { FormattedExecutionResult } from "graphql";
import type { AccessSnapshot } from "../access/request-access";
import { projectRoot, type HubConfig } from "../config";
import type { Principal, Purpose } from "../identity/principal";
import type { SubgraphDefinition } from "../federation/supergraph";

/** What a worker needs to start: the hub's own configuration (not the environment's, which a test or embedding may not share). */
export interface WorkerSetup {
  config: HubConfig;
  databaseUrl: string;
  poolSize: number;
  /** The remote subgraphs' SDL as the hub thread fetched it, so the worker compiles the same mandates over the same supergraph. */
  remoteSdl: SubgraphDefinition[];
  /** False only in benchmarks that measure what access control costs. */
  accessControl: boolean;
}

/** One operation for a worker: the request as the hub thread admitted it. */
export interface ExecutionJob {
  id: number;
  query: string;
  variables: Record<string, unknown> | null;
  operationName: string | null;
  principal: Principal | null;
  purpose: Purpose | null;
  requestId: string;
  clientRequestId: string | null;
  startedAt: number;
  remoteAddress: string | undefined;
  /** What is left of the request's deadline when the job is sent. */
  deadlineMs: number;
}

/** What a worker answers. */
export type WorkerMessage =
  | { ready: true }
  | { startFailure: string }
  | { id: number; result: WorkerResult; access: AccessSnapshot; sqlStatements: number }
  | { id: number; failure: string };

/** A worker's formatted result, with data serialized (null when there is none): see src/graphql/serialized-data.ts. */
export interface WorkerResult {
  dataJson: string | null;
  errors?: FormattedExecutionResult["errors"];
}

type Answer = Extract<WorkerMessage, { result: WorkerResult }>;

interface PooledWorker {
  worker: Worker;
  busy: number;
  pending: Map<number, { resolve(answer: Answer): void; reject(error: Error): void }>;
}

/** Compiled worker entry; `npm test` and `npm start` build dist/ first, so it exists under ts-jest too. */
const WORKER_ENTRY = path.join(projectRoot(), "dist", "src", "limits", "execution-worker.js");

/**
 * Threads that execute costly queries away from the hub thread's event loop (see
 * execution-worker.ts). Jobs go to the least busy worker. A worker that dies fails its jobs with
 * an error and is replaced, so one crash costs its own requests only.
 */
export class ExecutionPool {
  private readonly workers: PooledWorker[] = [];
  private nextId = 1;
  private closed = false;

  private constructor(
    private readonly setup: WorkerSetup,
    private readonly log: (line: string) => void,
  ) {}

  /** Starts `size` workers and resolves once each has built its schema and connected. */
  static async start(size: number, setup: WorkerSetup, log: (line: string) => void): Promise<ExecutionPool> {
    const pool = new ExecutionPool(setup, log);
    try {
      await Promise.all(Array.from({ length: size }, () => pool.spawn()));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  /** Whether a worker is up to take a job. */
  get available(): boolean {
    return !this.closed && this.workers.length > 0;
  }

  /** Runs `job` (without its id) in the least busy worker. */
  run(job: Omit<ExecutionJob, "id">): Promise<Answer> {
    if (!this.available) return Promise.reject(new Error("The execution workers are stopped."));
    const pooled = this.workers.reduce((least, candidate) => (candidate.busy < least.busy ? candidate : least));
    const id = this.nextId++;
    pooled.busy += 1;
    return new Promise<Answer>((resolve, reject) => {
      pooled.pending.set(id, { resolve, reject });
      pooled.worker.postMessage({ ...job, id } satisfies ExecutionJob);
    }).finally(() => {
      pooled.busy -= 1;
    });
  }

  /** Stops every worker; jobs still running fail. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      this.workers.map(async ({ worker }) => {
        const exited = new Promise((resolve) => worker.once("exit", resolve));
        worker.postMessage("close");
        const timer = setTimeout(() => void worker.terminate(), 5000);
        await exited;
        clearTimeout(timer);
      }),
    );
  }

  private spawn(): Promise<void> {
    const worker = new Worker(WORKER_ENTRY, { workerData: this.setup });
    const pooled: PooledWorker = { worker, busy: 0, pending: new Map() };
    return new Promise<void>((resolve, reject) => {
      let started = false;
      worker.on("message", (message: WorkerMessage) => {
        if ("ready" in message) {
          started = true;
          this.workers.push(pooled);
          resolve();
        } else if ("startFailure" in message) {
          reject(new Error(`An execution worker could not start: ${message.startFailure}`));
        } else {
          const waiting = pooled.pending.get(message.id);
          pooled.pending.delete(message.id);
          if ("failure" in message) waiting?.reject(new Error(message.failure));
          else waiting?.resolve(message);
        }
      });
      worker.on("error", (error) => this.log(`execution worker error: ${error.message}`));
      worker.on("exit", (code) => {
        const index = this.workers.indexOf(pooled);
        if (index >= 0) this.workers.splice(index, 1);
        for (const waiting of pooled.pending.values()) waiting.reject(new Error(`The execution worker stopped (exit code ${code}).`));
        pooled.pending.clear();
        if (!started) reject(new Error(`An execution worker exited with code ${code} before it was ready.`));
        else if (!this.closed) {
          this.log(`execution worker exited with code ${code}; starting another`);
          this.spawn().catch((error: Error) => this.log(error.message));
        }
      });
    });
  }
}
