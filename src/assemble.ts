import type { GraphQLSchema } from "graphql";
import type { HubConfig } from "./config";
import type { AccessPolicy } from "./access";
import type { Database } from "./database";
import { protectSchema } from "./access";
import { AuditLog, auditKey, documentHash, protectVariables, textBound } from "./audit";
import { CursorCodec } from "./graphql/cursors";
import { RevocationList } from "./identity/revocations";
import { createTokenVerifier } from "./identity/token-verifier";
import { buildHubSchema } from "./schema";
import { Admission, loadCostModel } from "./limits";
import { ExecutionPool } from "./limits/execution-pool";
import { EnterpriseCountTable } from "../resolvers/registry/enterprise-count-table";
import type { ServerDependencies } from "./server";
import type { Logger } from "./logger";
import { createMetrics } from "./metrics";
import { observeRequests } from "./request-outcomes";

/** A server's parts and how to release them after the server stops. */
export interface AssembledHub {
  deps: ServerDependencies;
  close(): Promise<void>;
}

/**
 * Puts the hub together over an open database: the schema with its access rules compiled from the
 * mandates file (an invalid file throws MandatesFileError, stopping the start), the token
 * verifier with the revocation list it keeps fresh, the cursor codec, and the audit log. `accessControl: false` serves the bare schema with no audit, and
 * exists only so that benchmarks can measure what access control costs.
 */
export async function assembleHub(config: HubConfig, db: Database, logger: Logger, options: { accessControl?: boolean } = {}): Promise<AssembledHub> {
  const accessControl = options.accessControl ?? true;
  const execution = await assembleExecution(config, db, accessControl);
  const { accessPolicy } = execution;
  const key = auditKey(config);
  const metrics = createMetrics();
  const admission = new Admission(config, await loadCostModel(db, config, accessPolicy.mandates.length), {
    limitRefused: (limit) => metrics.limitRefusals.inc({ limit }),
    budgetRejected: (reason) => metrics.budgetRejections.inc({ reason }),
  });
  const auditLog = accessControl
    ? new AuditLog(db, key, (line) => logger.error(line), { anchorFile: config.auditAnchorFile, observeCommit: (seconds) => metrics.auditCommitSeconds.observe(seconds) })
    : undefined;
  metrics.watch({ db, auditLog });
  const revocations = await RevocationList.start(db, config.revocationRefreshSeconds, (line) => logger.warn(line));
  // Only with access control: the benchmark's bare hub measures the schema alone, in-process.
  const workers =
    accessControl && config.executionWorkers > 0
      ? await ExecutionPool.start(config.executionWorkers, { config, databaseUrl: db.url, poolSize: Math.min(4, config.poolSize) }, (line) => logger.warn(line))
      : null;
  return {
    deps: {
      config,
      db,
      ...execution,
      verifier: createTokenVerifier(config, revocations.check),
      boundText: textBound(key),
      audit: auditLog
        ? { sink: observeRequests(auditLog, metrics, logger), protect: (variables) => protectVariables(variables, key) ?? {}, hashDocument: (document) => documentHash(key, document) }
        : null,
      admission,
      workers,
      logger,
      metrics,
    },
    close: async () => {
      await workers?.close();
      await revocations.stop();
      await auditLog?.close();
    },
  };
}

/** What executing an operation needs, the same in the hub thread and in an execution worker. */
export interface ExecutionParts {
  /** The schema as served: protected by the access rules (see src/access/protect-schema.ts). */
  schema: GraphQLSchema;
  accessPolicy: AccessPolicy;
  cursors: CursorCodec;
  enterpriseCountTable: EnterpriseCountTable;
}

/**
 * The schema with its access rules compiled from the mandates file, the cursor codec and the
 * count table, over `db`. `accessControl: false` (benchmarks only) serves the bare schema.
 */
export async function assembleExecution(config: HubConfig, db: Database, accessControl = true): Promise<ExecutionParts> {
  const { schema, accessPolicy } = await buildHubSchema(config.mandatesFile);
  return {
    schema: accessControl ? protectSchema(schema, accessPolicy) : schema,
    accessPolicy,
    // Derived from the audit key, which every replica shares, so a cursor from one replica works on all.
    cursors: new CursorCodec(auditKey(config)),
    enterpriseCountTable: new EnterpriseCountTable(db, config.disclosureCacheSeconds),
  };
}
