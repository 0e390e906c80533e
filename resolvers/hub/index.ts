import { Commune, FormerProvince, IndustrialZone, IngestBatch, Province, Sector, Source } from "../../entities";
import { AuditEntry } from "../../entities/hub/audit-entry.entity";
import { DomainSchemas1795311900000 } from "../../migrations/1795311900000-domain-schemas";
import { ReferenceData1795311900001 } from "../../migrations/1795311900001-reference-data";
import { AuditLog1795311900002 } from "../../migrations/1795311900002-audit-log";
import { AuditLogReaderScope1795311900003 } from "../../migrations/1795311900003-audit-log-reader-scope";
import { TokenRevocation1795311960000 } from "../../migrations/1795311960000-token-revocation";
import { LegalBasisInfo, MandateInfo } from "../../entities/hub/mandate-info.entity";
import { CARRIED, REFERENCE } from "../../src/access/field-classes";
import type { Database } from "../../src/database";
import { defineDomain } from "../../src/domains/domain";
import { AuditEntryConnection, AuditEntryEdge } from "./audit-log.connection";
import { AuditEntryConnectionResolver, AuditLogResolver } from "./audit-log.resolver";
import { createHubLoaders } from "./hub.loaders";
import { hubDemo } from "./hub.demo";
import { MandatesResolver } from "./mandates.resolver";
import { LiveResolver, batchAppliedField, enterpriseChangedField } from "./live.resolver";
import { FormerProvinceResolver, IndustrialZoneResolver, ProvinceResolver, SectorResolver } from "./province.resolver";

/** The hub's own data: reference data (provinces and their history, communes, sectors, zones), batch provenance, mandates and the audit log. */
export const hub = defineDomain({
  name: "hub",
  agency: null,
  title: "the hub (reference data, provenance, mandates, audit log)",
  resolvers: [ProvinceResolver, SectorResolver, IndustrialZoneResolver, FormerProvinceResolver, MandatesResolver, AuditLogResolver, AuditEntryConnectionResolver, LiveResolver],
  types: [Province, FormerProvince, Commune, Sector, IndustrialZone, Source, IngestBatch, MandateInfo, LegalBasisInfo, AuditEntry, AuditEntryConnection, AuditEntryEdge],
  records: [],
  entities: {
    Province: { key: "code", loader: (loaders) => loaders.provinceByCode },
    Sector: { key: "code", loader: (loaders) => loaders.sectorByCode },
    Commune: { key: "code", loader: (loaders) => loaders.communeByCode },
    IndustrialZone: { key: "code", loader: (loaders) => loaders.industrialZoneByCode },
    Source: { key: "batchId", loader: (loaders) => loaders.sourceByBatchId },
  },
  access: {
    // Root fields are reference data unless said otherwise.
    Query: { fields: REFERENCE, except: { myMandates: CARRIED, auditLog: { kind: "audit-readers" } } },
    Province: { fields: REFERENCE },
    Sector: { fields: REFERENCE },
    Commune: { fields: REFERENCE },
    IndustrialZone: { fields: REFERENCE },
    FormerProvince: { fields: REFERENCE },
    Source: { fields: CARRIED },
    PageInfo: { fields: CARRIED },
    // What myMandates answers is the law itself, readable by whoever may ask.
    MandateInfo: { fields: CARRIED },
    LegalBasisInfo: { fields: CARRIED },
    AuditEntry: { fields: CARRIED },
    AuditEntryConnection: { fields: CARRIED },
    AuditEntryEdge: { fields: CARRIED },
    // Following an enterprise is reading it: the same as Query.enterprise. Following batches is reading them.
    Subscription: { except: { enterpriseChanged: { kind: "enterprise-rows" }, batchApplied: { kind: "batch-readers" } } },
    IngestBatch: { fields: CARRIED },
  },
  liveFields: [batchAppliedField, enterpriseChangedField],
  createLoaders: (db: Database) => createHubLoaders(db),
  migrations: [
    // The foundation: every domain's schema and first tables, the hub's among them, in one migration
    // applied before migrations were kept per domain. It stays whole, under its name, as databases
    // have recorded it; each domain's later changes are its own.
    DomainSchemas1795311900000,
    ReferenceData1795311900001,
    AuditLog1795311900002,
    AuditLogReaderScope1795311900003,
    TokenRevocation1795311960000,
  ],
  demo: hubDemo,
});
