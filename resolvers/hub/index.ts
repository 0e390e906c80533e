import { Commune, FormerProvince, IndustrialZone, IngestBatch, IngestError, Province, Sector, Source } from "../../entities";
import { IngestBatchRecord1795313000000 } from "../../migrations/1795313000000-ingest-batch-record";
import { IngestBatchConnection, IngestBatchEdge } from "./ingest-batch.connection";
import { IngestBatchConnectionResolver, IngestBatchResolver } from "./ingest-batch.resolver";
import { AuditEntry } from "../../entities/hub/audit-entry.entity";
import { DomainSchemas1795311900000 } from "../../migrations/1795311900000-domain-schemas";
import { ReferenceData1795311900001 } from "../../migrations/1795311900001-reference-data";
import { AuditLog1795311900002 } from "../../migrations/1795311900002-audit-log";
import { AuditLogReaderScope1795311900003 } from "../../migrations/1795311900003-audit-log-reader-scope";
import { TokenRevocation1795311960000 } from "../../migrations/1795311960000-token-revocation";
import { LegalBasisInfo, MandateInfo } from "../../entities/hub/mandate-info.entity";
import { BATCH_READERS, CARRIED, REFERENCE } from "../../src/access/field-classes";
import type { Database } from "../../src/database";
import { defineDomain, type LoaderScope } from "../../src/domains/domain";
import { AuditEntryConnection, AuditEntryEdge } from "./audit-log.connection";
import { AuditEntryConnectionResolver, AuditLogResolver } from "./audit-log.resolver";
import { createHubLoaders } from "./hub.loaders";
import { hubDemo } from "./hub.demo";
import { MandatesResolver } from "./mandates.resolver";
import { LiveResolver, batchAppliedField, enterpriseChangedField } from "./live.resolver";
import { FormerProvinceResolver, IndustrialZoneResolver, ProvinceResolver, SectorResolver } from "./province.resolver";
import { Coverage, CoverageProgress, CoverageTarget } from "../../entities/hub/coverage.entity";
import { BatchDataset1795314000000 } from "../../migrations/1795314000000-batch-dataset";
import { CoverageTargets1795314000003 } from "../../migrations/1795314000003-coverage-targets";
import { owned } from "../../src/access/field-classes";
import { createCoverageLoaders, type CoverageLoaders } from "./coverage.loaders";
import { coverageTargetsIngest } from "./coverage-targets.ingest";
import { CoverageProgressResolver, CoverageResolver, CoverageTargetResolver, NationalCoverageResolver, ProvinceCoverageResolver } from "./coverage.resolver";
import { AnnualReport, ArrearsTotals, FindingCount, InspectionHandoverTotals } from "../../entities/hub/annual-report.entity";
import { AnnualReportResolver } from "./annual-report.resolver";
import { InspectionHandover1795317000000 } from "../../migrations/1795317000000-inspection-handover";
import { ComplianceCounts1795317100000 } from "../../migrations/1795317100000-compliance-counts";
import { ComplianceFindings1795315000004 } from "../../migrations/1795315000004-compliance-findings";
import {
  ComplianceEvidence,
  ComplianceFinding,
  InspectionCandidate,
  InspectionCandidateConnection,
  InspectionCandidateEdge,
  PublicDefaulter,
  PublicDefaulterConnection,
  PublicDefaulterEdge,
  PublicDefaultFinding,
} from "../../entities/hub/compliance-finding.entity";
import {
  ComplianceEvidenceResolver,
  ComplianceListsResolver,
  EnterpriseComplianceResolver,
  InspectionCandidateConnectionResolver,
  InspectionCandidateResolver,
  PublicDefaulterConnectionResolver,
} from "./compliance.resolver";
import { createComplianceLoaders, type ComplianceLoaders } from "./compliance.loaders";
import type { HubLoaders } from "./hub.loaders";
import { refreshAfterBatch } from "./compliance-refresh";

/** The hub's own data: reference data (provinces and their history, communes, sectors, zones), batch provenance, mandates and the audit log. */
export const hub = defineDomain({
  name: "hub",
  agency: null,
  title: "the hub (reference data, provenance, mandates, audit log)",
  resolvers: [
    ProvinceResolver,
    SectorResolver,
    IndustrialZoneResolver,
    FormerProvinceResolver,
    MandatesResolver,
    AuditLogResolver,
    AuditEntryConnectionResolver,
    IngestBatchResolver,
    IngestBatchConnectionResolver,
    LiveResolver,
    ProvinceCoverageResolver,
    NationalCoverageResolver,
    CoverageResolver,
    CoverageProgressResolver,
    CoverageTargetResolver,
    EnterpriseComplianceResolver,
    ComplianceEvidenceResolver,
    ComplianceListsResolver,
    InspectionCandidateConnectionResolver,
    InspectionCandidateResolver,
    PublicDefaulterConnectionResolver,
    AnnualReportResolver,
  ],
  types: [
    Province,
    FormerProvince,
    Commune,
    Sector,
    IndustrialZone,
    Source,
    MandateInfo,
    LegalBasisInfo,
    AuditEntry,
    AuditEntryConnection,
    AuditEntryEdge,
    IngestBatch,
    IngestError,
    IngestBatchConnection,
    IngestBatchEdge,
    Coverage,
    CoverageTarget,
    CoverageProgress,
    ComplianceFinding,
    ComplianceEvidence,
    InspectionCandidate,
    InspectionCandidateEdge,
    InspectionCandidateConnection,
    PublicDefaulter,
    PublicDefaultFinding,
    PublicDefaulterEdge,
    PublicDefaulterConnection,
    AnnualReport,
    FindingCount,
    ArrearsTotals,
    InspectionHandoverTotals,
  ],
  records: [],
  entities: {
    Province: { key: "code", loader: (loaders) => loaders.provinceByCode },
    Sector: { key: "code", loader: (loaders) => loaders.sectorByCode },
    Commune: { key: "code", loader: (loaders) => loaders.communeByCode },
    IndustrialZone: { key: "code", loader: (loaders) => loaders.industrialZoneByCode },
    Source: { key: "batchId", loader: (loaders) => loaders.sourceByBatchId },
    // A publish mutation (in its owner's subgraph) answers the batch by key; the hub holds the record.
    IngestBatch: { key: "id", loader: (loaders) => loaders.batchById },
  },
  access: {
    // Root fields are reference data unless said otherwise.
    Query: {
      fields: REFERENCE,
      except: {
        myMandates: CARRIED,
        auditLog: { kind: "audit-readers" },
        ingestBatch: BATCH_READERS,
        ingestBatches: BATCH_READERS,
        coverage: owned("bhxh", true),
        coverageProgress: owned("bhxh", true),
        inspectionCandidates: owned("bhxh"),
        // The yearly report is a set of aggregates: each part below is granted by its owner's aggregate mandates.
        annualReport: owned("bhxh", true),
      },
    },
    // Coverage is an aggregate of BHXH's participants over the statistics office's labour force: each side is its owner's to grant.
    // Targets are published resolutions: reference data, open to all.
    Province: { fields: REFERENCE, except: { coverage: owned("bhxh", true), progress: owned("bhxh", true), belowCoverageFloor: owned("bhxh", true) } },
    Coverage: {
      fields: owned("bhxh", true),
      except: {
        scope: CARRIED,
        period: CARRIED,
        statisticsPeriod: owned("statistics", true),
        workingAgeLabourForce: owned("statistics", true),
        rolledUpFrom: owned("statistics", true),
        denominatorSources: owned("statistics", true),
      },
    },
    CoverageProgress: { fields: owned("bhxh", true), except: { year: CARRIED, targets: REFERENCE, legalBasis: REFERENCE } },
    CoverageTarget: { fields: REFERENCE },
    // The report's frame is carried; its parts are BHXH's aggregates (coverage carries its own owners' classes).
    AnnualReport: { fields: owned("bhxh", true), except: { year: CARRIED, provinceCode: CARRIED, dueBefore: CARRIED, month: CARRIED, province: CARRIED } },
    FindingCount: { fields: owned("bhxh", true), except: { code: CARRIED } },
    ArrearsTotals: { fields: owned("bhxh", true) },
    InspectionHandoverTotals: { fields: owned("bhxh", true) },
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
    // Whoever may list or fetch a batch reads all of its record.
    IngestBatch: { fields: CARRIED },
    IngestError: { fields: CARRIED },
    IngestBatchConnection: { fields: CARRIED },
    IngestBatchEdge: { fields: CARRIED },
    // Following an enterprise is reading it: the same as Query.enterprise. Following batches is reading them.
    // Compliance findings are BHXH's (it identifies late payers and evaders, Điều 35 khoản 2–3, from the
    // data tax shares with it under Điều 17 khoản 3): mandates on owner bhxh grant them. The raw tax
    // headcount among the evidence stays tax data, granted by tax mandates only; the legal base salary is law.
    Enterprise: { except: { compliance: owned("bhxh") } },
    ComplianceFinding: { fields: CARRIED },
    ComplianceEvidence: { fields: owned("bhxh"), except: { taxEmployees: owned("tax"), taxSource: owned("tax"), legalBaseSalary: CARRIED } },
    InspectionCandidateConnection: { fields: CARRIED },
    InspectionCandidateEdge: { fields: CARRIED },
    InspectionCandidate: { fields: owned("bhxh"), except: { taxEmployees: owned("tax"), enterprise: CARRIED, province: CARRIED, findings: CARRIED } },
    // The public list (Điều 35 khoản 2) is open data: readable by anyone when the mandates file lists it under `open`.
    PublicDefaulterConnection: { fields: REFERENCE },
    PublicDefaulterEdge: { fields: REFERENCE },
    PublicDefaulter: { fields: REFERENCE },
    PublicDefaultFinding: { fields: REFERENCE },
    Subscription: { except: { enterpriseChanged: { kind: "enterprise-rows" }, batchApplied: { kind: "batch-readers" } } },
  },
  liveFields: [batchAppliedField, enterpriseChangedField],
  // Typed out: the compliance resolvers read these loaders, and inference would go round in a circle through them.
  createLoaders: (db: Database, scope: LoaderScope): HubLoaders & ComplianceLoaders & CoverageLoaders => ({
    ...createHubLoaders(db),
    ...createCoverageLoaders(db, scope.provinceCode),
    ...createComplianceLoaders(db, scope.provinceCode),
  }),
  afterBatchApplied: refreshAfterBatch,
  migrations: [
    // The foundation: every domain's schema and first tables, the hub's among them, in one migration
    // applied before migrations were kept per domain. It stays whole, under its name, as databases
    // have recorded it; each domain's later changes are its own.
    DomainSchemas1795311900000,
    ReferenceData1795311900001,
    AuditLog1795311900002,
    AuditLogReaderScope1795311900003,
    TokenRevocation1795311960000,
    IngestBatchRecord1795313000000,
    BatchDataset1795314000000,
    CoverageTargets1795314000003,
    ComplianceFindings1795315000004,
    InspectionHandover1795317000000,
    ComplianceCounts1795317100000,
  ],
  demo: hubDemo,
  datasets: { targets: coverageTargetsIngest },
});
