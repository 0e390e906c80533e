import type { HubConfig } from "./config";
import type { AccessPolicy } from "./access";
import type { Database } from "./database";
import { AuditLog, auditKey, documentHash, protectVariables, textBound } from "./audit";
import { CursorCodec } from "./graphql/cursors";
import { RevocationList } from "./identity/revocations";
import { createTokenVerifier } from "./identity/token-verifier";
import { Admission, loadCostModel } from "./limits";
import { ExecutionPool } from "./limits/execution-pool";
import { EnterpriseCountTable } from "../resolvers/registry/enterprise-count-table";
import type { ServerDependencies } from "./server";
import type { Logger } from "./logger";
import { createMetrics } from "./metrics";
import { observeRequests } from "./request-outcomes";
import { localSecret } from "./local-secret";
import { assembleGraph } from "./gateway/assemble-graph";
import { FederatedRuntime } from "./gateway/federated-runtime";
import { readGatewayConfig, type RemoteSubgraph } from "./gateway/gateway-config";
import { GraphExecutor } from "./gateway/graph-executor";
import { fetchRemoteSdl, unreachableSubgraphs } from "./gateway/remote-subgraphs";
import type { SubgraphDefinition } from "./federation/supergraph";
import { BatchListener } from "./live/batch-listener";
import { LiveSubscriptions } from "./live/live-subscriptions";

/** A server's parts and how to release them after the server stops. */
export interface AssembledHub {
  deps: ServerDependencies;
  close(): Promise<void>;
}

/** Which subgraphs a gateway runs in its own process, and which it reaches over HTTP. */
export interface GatewayLayout {
  /** True: every hosted domain runs in this process (`npm start`). False: all are remote (`npm run gateway`). */
  hosted: boolean;
  remote: RemoteSubgraph[];
}

/** The layout of `npm start`: the hosted domains in-process, plus the remote subgraphs gateway.yaml names. */
export function startLayout(config: HubConfig): GatewayLayout {
  return { hosted: true, remote: readGatewayConfig(config.gatewayConfigFile).subgraphs };
}

/** The key gateway replicas share to sign subgraph requests: configured, or kept in the local data folder. */
export function sharedSubgraphKey(config: Pick<HubConfig, "subgraphSharedKey" | "dataDir">): string {
  return config.subgraphSharedKey ?? localSecret(config.dataDir, "subgraph-key");
}

/**
 * Puts the gateway together over an open database: the supergraph of the hosted domains and the
 * remote subgraphs (a composition error or an invalid mandates file stops the start), the mandates
 * compiled against it, the token verifier with the revocation list it keeps fresh, the cursor
 * codec, and the audit log. `accessControl: false` serves the graph with no mandates and no audit,
 * and exists only so that benchmarks can measure what access control costs.
 */
export async function assembleHub(
  config: HubConfig,
  db: Database,
  logger: Logger,
  options: { accessControl?: boolean; layout?: GatewayLayout } = {},
): Promise<AssembledHub> {
  const accessControl = options.accessControl ?? true;
  const layout = options.layout ?? startLayout(config);
  const subgraphKey = sharedSubgraphKey(config);
  const remoteSdl = await fetchRemoteSdl(layout.remote, subgraphKey);
  const execution = await assembleExecution(config, { accessControl, hosted: layout.hosted, remoteSdl, logger, subgraphKey });
  const { accessPolicy } = execution;
  const key = auditKey(config);
  const metrics = createMetrics();
  const admission = new Admission(config, await loadCostModel(db, config, accessPolicy.mandates.length), {
    limitRefused: (limit) => metrics.limitRefusals.inc({ limit }),
    budgetRejected: (reason) => metrics.budgetRejections.inc({ reason }),
  });
  const auditLog = accessControl
    ? new AuditLog(db, key, (line) => logger.error(line), {
        anchorFile: config.auditAnchorFile,
        observeCommit: (seconds) => metrics.auditCommitSeconds.observe(seconds),
      })
    : undefined;
  const revocations = await RevocationList.start(db, config.revocationRefreshSeconds, (line) => logger.warn(line));
  // Its own connection, outside the request pool: one LISTEN per process, shared by its subscribers.
  const listener = await BatchListener.start(db.url, { log: (level, line) => logger[level](line) });
  const live = new LiveSubscriptions(listener, { maxPerCaller: config.maxSubscriptionsPerCaller, queueLength: config.subscriptionQueueLength }, () =>
    metrics.budgetRejections.inc({ reason: "caller-subscriptions" }),
  );
  metrics.watch({ db, auditLog, live });
  // With access control off (benchmarks only) the workers run without it too, so on vs off measures access control and audit alone.
  const workers =
    layout.hosted && config.executionWorkers > 0
      ? await ExecutionPool.start(
          config.executionWorkers,
          { config, databaseUrl: db.url, poolSize: Math.min(4, config.poolSize), remoteSdl, accessControl },
          (line) => logger.warn(line),
        )
      : null;
  return {
    deps: {
      config,
      db,
      ...execution,
      verifier: createTokenVerifier(config, revocations.check),
      boundText: textBound(key),
      audit: auditLog
        ? {
            sink: observeRequests(auditLog, metrics, logger),
            protect: (variables) => protectVariables(variables, key) ?? {},
            hashDocument: (document) => documentHash(key, document),
          }
        : null,
      admission,
      workers,
      live,
      logger,
      metrics,
      subgraphsUnreachable: () => unreachableSubgraphs(layout.remote, subgraphKey),
    },
    close: async () => {
      await workers?.close();
      await live.close();
      await execution.federated?.dispose();
      await revocations.stop();
      await auditLog?.close();
    },
  };
}

/** What executing an operation needs, the same in the hub thread and in an execution worker. */
export interface ExecutionParts {
  /** Runs admitted operations: mandates at the door, the in-process fast path, Hive Gateway's planner beyond it. */
  graph: GraphExecutor;
  accessPolicy: AccessPolicy;
  cursors: CursorCodec;
  enterpriseCountTable: EnterpriseCountTable;
  /** The embedded Hive Gateway runtime, when some subgraph is remote. */
  federated: FederatedRuntime | null;
  /** The supergraph SDL served (for `_service`-style inspection and the drift test). */
  supergraphSdl: string;
}

/**
 * The graph with its mandates, the cursor codec and the count table. `remoteSdl` are
 * the remote subgraphs' SDL, fetched once by the hub thread and handed to execution workers, so
 * both compile the same mandates against the same supergraph.
 */
export async function assembleExecution(
  config: HubConfig,
  options: { accessControl: boolean; hosted: boolean; remoteSdl: SubgraphDefinition[]; logger: Logger; subgraphKey?: string; federate?: boolean },
): Promise<ExecutionParts> {
  const assembled = await assembleGraph({ mandatesFile: config.mandatesFile, hosted: options.hosted, remote: options.remoteSdl });
  const federated =
    options.federate !== false && options.remoteSdl.length > 0
      ? await FederatedRuntime.start({
          supergraphSdl: assembled.supergraph.supergraphSdl,
          inProcess: new Map(assembled.hostedSubgraphs.map((subgraph) => [subgraph.name, subgraph.schema])),
          remote: new Map(options.remoteSdl.map((subgraph) => [subgraph.url, subgraph.name])),
          sharedKey: options.subgraphKey ?? sharedSubgraphKey(config),
          planner: config.queryPlanner,
          logger: options.logger,
        })
      : null;
  return {
    graph: new GraphExecutor({
      apiSchema: assembled.supergraph.apiSchema,
      inProcessSchema: assembled.inProcessSchema,
      federated,
      accessControl: options.accessControl,
      compiledExecution: config.compiledExecution,
    }),
    accessPolicy: assembled.accessPolicy,
    // Derived from the audit key, which every replica shares, so a cursor from one replica works on all.
    cursors: new CursorCodec(auditKey(config)),
    enterpriseCountTable: new EnterpriseCountTable(config.disclosureCacheSeconds),
    federated,
    supergraphSdl: assembled.supergraph.supergraphSdl,
  };
}
