import type { Readable } from "node:stream";
import { IngestKind, IngestStatus, type IngestBatch } from "../../entities/hub/batch.entity";
import { whyMayNotPublish } from "../access/publishers";
import type { AuditEntryInput, AuditOutcome } from "../audit/audit-entry";
import type { AuditSink, VariableProtector } from "../audit/audit-plugin";
import type { RequestIdentity } from "../context";
import { DOMAINS, domainNamed } from "../domains";
import type { Domain } from "../domains/domain";
import { ErrorCode } from "../errors";
import type { Principal, Purpose } from "../identity/principal";
import { batchPeriodKinds, periodValueProblem } from "./batch-period";
import { ingestBatch, type IngestOutcome } from "./ingest-batch";

/** What a file delivery needs besides its content: where to write, and how to audit it. */
export interface PublishDependencies {
  databaseUrl: string;
  audit: { sink: AuditSink; protect: VariableProtector } | null;
  limits: { maxBytes: number; maxRows: number };
  /** Where a problem after the commit is told (the server's log). */
  warn?: (line: string) => void;
}

/** A file delivery as HTTP and the CLI answer it: the status, and the batch record or the refusal. */
export type PublishAnswer =
  | { httpStatus: number; batch: IngestBatch; phases?: IngestOutcome["phases"] }
  | { httpStatus: number; error: { code: ErrorCode | "NOT_FOUND"; message: string } };

/**
 * Delivers one CSV file for `domainName`, the one path `POST /ingest/{domain}` and `npm run import`
 * share: the domain must take data in, the principal must be its agency's publisher, the period
 * must be one of its periods; then the batch is ingested (src/ingest/ingest-batch.ts). Every
 * delivery, refused or not, leaves one audit row (operation `ingest:<domain>`).
 */
export async function publishBatch(
  deps: PublishDependencies,
  request: {
    identity: RequestIdentity;
    principal: Principal;
    purpose: Purpose | null;
    domainName: string;
    /** One of the domain's further `datasets`; undefined for its main one (`ingest`). */
    datasetName?: string;
    period: string;
    content: Readable;
    onProgress?: (p: { bytes: number; rows: number }) => void;
  },
): Promise<PublishAnswer> {
  const answer = await decide(deps, request);
  await deps.audit?.sink.record(ingestAuditEntry(request, answer, deps.audit.protect));
  return answer;
}

async function decide(deps: PublishDependencies, request: Parameters<typeof publishBatch>[1]): Promise<PublishAnswer> {
  const domain = domainNamed(request.domainName);
  const { datasetName } = request;
  if (!domain || (domain.agency === null && !domain.datasets)) {
    return {
      httpStatus: 404,
      error: {
        code: "NOT_FOUND",
        message: `No owner domain is named ${JSON.stringify(request.domainName.slice(0, 40))}; data comes in for ${takingDataIn().join(", ")}.`,
      },
    };
  }
  if (datasetName !== undefined && !domain.datasets?.[datasetName]) {
    const known = Object.keys(domain.datasets ?? {});
    return {
      httpStatus: 404,
      error: {
        code: "NOT_FOUND",
        message: `${domain.name} has no dataset named ${JSON.stringify(datasetName.slice(0, 40))}; ${known.length > 0 ? `its datasets are ${known.join(", ")}` : "it has none besides its main one"}.`,
      },
    };
  }
  const spec = datasetName === undefined ? domain.ingest : domain.datasets![datasetName];
  // Who may write comes first: whether a domain takes data in yet is not another agency's business.
  const refusal = whyMayNotPublish(request.principal, domain, datasetName === undefined ? undefined : { name: datasetName, publishers: spec?.publishers });
  if (refusal) return { httpStatus: 403, error: { code: ErrorCode.FORBIDDEN, message: `Publishing is refused: ${refusal}.` } };
  if (!spec) {
    return {
      httpStatus: 404,
      error: { code: "NOT_FOUND", message: `${domain.name} does not take data in yet; data comes in for ${takingDataIn().join(", ")}.` },
    };
  }
  const problem = periodValueProblem(request.period, batchPeriodKinds(spec), request.identity.startedAt);
  if (problem)
    return {
      httpStatus: 400,
      error: { code: ErrorCode.BAD_USER_INPUT, message: `The period ${JSON.stringify(request.period.slice(0, 40))} is invalid: ${problem}.` },
    };
  const { batch, tooLarge, phases } = await ingestBatch(deps.databaseUrl, {
    domain: domain.name,
    dataset: datasetName ?? null,
    spec,
    publisher: { agency: request.principal.agency, subject: request.principal.subject, provinceCode: request.principal.provinceCode },
    kind: IngestKind.import,
    period: request.period,
    content: request.content,
    limits: deps.limits,
    onProgress: request.onProgress,
    warn: deps.warn,
  });
  return { httpStatus: batch.status === IngestStatus.REJECTED ? (tooLarge ? 413 : 400) : 200, batch, phases };
}

function takingDataIn(): string[] {
  return (DOMAINS as readonly Domain[]).flatMap((domain) => [
    ...(domain.ingest ? [domain.name] : []),
    ...Object.keys(domain.datasets ?? {}).map((dataset) => `${domain.name}/${dataset}`),
  ]);
}

const OUTCOMES: Record<number, AuditOutcome> = { 200: "ok", 400: "invalid", 413: "invalid", 403: "denied", 404: "invalid" };

/** The audit row of one delivery: who, which domain and period, and how it ended (batch id and status as keyed hashes). */
export function ingestAuditEntry(
  request: { identity: RequestIdentity; principal: Principal | null; purpose: Purpose | null; domainName: string; datasetName?: string; period: string },
  answer: PublishAnswer,
  protect: VariableProtector,
): AuditEntryInput {
  const { identity, principal } = request;
  const batch = "batch" in answer ? answer.batch : undefined;
  return {
    at: identity.startedAt,
    requestId: identity.requestId,
    clientRequestId: identity.clientRequestId,
    subject: principal?.subject ?? null,
    agency: principal?.agency ?? null,
    roles: principal?.roles ?? [],
    provinceCode: principal?.provinceCode ?? null,
    purpose: request.purpose,
    operationType: "mutation",
    operationName: `ingest:${request.domainName.slice(0, 40)}${request.datasetName === undefined ? "" : `/${request.datasetName.slice(0, 40)}`}`,
    documentHash: null,
    variables: protect({ period: request.period.slice(0, 40), ...(batch && { batchId: batch.id, status: batch.status, rowCount: batch.rowCount }) }),
    fieldsTouched: [],
    mandatesUsed: [],
    fieldsDenied: [],
    domains: batch ? [batch.domain] : [],
    rowsReturned: 0,
    provincesReturned: [],
    durationMs: Date.now() - identity.startedAt.getTime(),
    outcome: OUTCOMES[answer.httpStatus] ?? "error",
    errorCodes: "error" in answer ? [answer.error.code] : batch?.status === IngestStatus.REJECTED ? [ErrorCode.BAD_USER_INPUT] : [],
  };
}
