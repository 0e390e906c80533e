import type { HubConfig } from "./config";
import type { Database } from "./database";
import { protectSchema } from "./access";
import { AuditLog, auditKey, documentHash, protectVariables, textBound } from "./audit";
import { CursorCodec } from "./graphql/cursors";
import { RevocationList } from "./identity/revocations";
import { createTokenVerifier } from "./identity/token-verifier";
import { buildHubSchema } from "./schema";
import { Admission, loadCostModel } from "./limits";
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
  const { schema, accessPolicy } = await buildHubSchema(config.mandatesFile);
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
  return {
    deps: {
      config,
      db,
      schema: accessControl ? protectSchema(schema, accessPolicy) : schema,
      accessPolicy,
      verifier: createTokenVerifier(config, revocations.check),
      // Derived from the audit key, which every replica shares, so a cursor from one replica works on all.
      cursors: new CursorCodec(key),
      boundText: textBound(key),
      audit: auditLog
        ? { sink: observeRequests(auditLog, metrics, logger), protect: (variables) => protectVariables(variables, key) ?? {}, hashDocument: (document) => documentHash(key, document) }
        : null,
      enterpriseCountTable: new EnterpriseCountTable(db, config.disclosureCacheSeconds),
      admission,
      logger,
      metrics,
    },
    close: async () => {
      await revocations.stop();
      await auditLog?.close();
    },
  };
}
