import type { HubConfig } from "./config";
import type { Database } from "./database";
import { protectSchema } from "./access";
import { AuditLog, auditKey, protectVariables } from "./audit";
import { createTokenVerifier } from "./identity/token-verifier";
import { buildHubSchema } from "./schema";
import { EnterpriseCountTable } from "../resolvers/registry/enterprise-count-table";
import type { ServerDependencies } from "./server";

/** A server's parts and how to release them after the server stops. */
export interface AssembledHub {
  deps: ServerDependencies;
  close(): Promise<void>;
}

/**
 * Puts the hub together over an open database: the schema with its access rules compiled from the
 * mandates file (an invalid file throws MandatesFileError, stopping the start), the token
 * verifier, and the audit log. `accessControl: false` serves the bare schema with no audit, and
 * exists only so that benchmarks can measure what access control costs.
 */
export async function assembleHub(config: HubConfig, db: Database, log: (line: string) => void, options: { accessControl?: boolean } = {}): Promise<AssembledHub> {
  const accessControl = options.accessControl ?? true;
  const { schema, accessPolicy } = await buildHubSchema(config.mandatesFile);
  const key = auditKey(config);
  const auditLog = accessControl ? new AuditLog(db, key, log, { anchorFile: config.auditAnchorFile }) : undefined;
  return {
    deps: {
      config,
      db,
      schema: accessControl ? protectSchema(schema, accessPolicy) : schema,
      accessPolicy,
      verifier: createTokenVerifier(config),
      enterpriseCountTable: new EnterpriseCountTable(db, config.disclosureCacheSeconds),
      audit: auditLog ? { sink: auditLog, protect: (variables) => protectVariables(variables, key) ?? {} } : null,
      log,
    },
    close: async () => {
      await auditLog?.close();
    },
  };
}
