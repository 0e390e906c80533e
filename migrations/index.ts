import { DomainSchemas1795311900000 } from "./1795311900000-domain-schemas";
import { ReferenceData1795311900001 } from "./1795311900001-reference-data";
import { AuditLog1795311900002 } from "./1795311900002-audit-log";
import { AuditLogReaderScope1795311900003 } from "./1795311900003-audit-log-reader-scope";
import { TokenRevocation1795311960000 } from "./1795311960000-token-revocation";

/** Every migration, oldest first. Listed explicitly so that source and compiled runs see the same set. */
export const MIGRATIONS = [DomainSchemas1795311900000, ReferenceData1795311900001, AuditLog1795311900002, AuditLogReaderScope1795311900003, TokenRevocation1795311960000];
