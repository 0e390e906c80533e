import type { HubConfig } from "./config";
import type { Database } from "./database";
import { protectSchema } from "./access";
import { AuditLog, auditKey, protectVariables } from "./audit";
import { CursorCodec } from "./graphql/cursors";
import { RevocationList } from "./identity/revocations";
import { createTokenVerifier } from "./identity/token-verifier";
import { buildHubSchema } from "./schema";
import { Admission, loadCostModel, type AdmissionEvents } from "./limits";
import type { ServerDependencies } from "./server";

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
export async function assembleHub(
  config: HubConfig,
  db: Database,
  log: (line: string) => void,
  options: { accessControl?: boolean; admissionEvents?: AdmissionEvents } = {},
): Promise<AssembledHub> {
  const accessControl = options.accessControl ?? true;
  const { schema, accessPolicy } = await buildHubSchema(config.mandatesFile);
  const key = auditKey(config);
  const admission = new Admission(config, await loadCostModel(db, config, accessPolicy.mandates.length), options.admissionEvents);
  const auditLog = accessControl ? new AuditLog(db, key, log, { anchorFile: config.auditAnchorFile }) : undefined;
  const revocations = await RevocationList.start(db, config.revocationRefreshSeconds, log);
  return {
    deps: {
      config,
      db,
      schema: accessControl ? protectSchema(schema, accessPolicy) : schema,
      accessPolicy,
      verifier: createTokenVerifier(config, revocations.check),
      // Derived from the audit key, which every replica shares, so a cursor from one replica works on all.
      cursors: new CursorCodec(key),
      audit: auditLog ? { sink: auditLog, protect: (variables) => protectVariables(variables, key) ?? {} } : null,
      admission,
      log,
    },
    close: async () => {
      await revocations.stop();
      await auditLog?.close();
    },
  };
}
