import type { AuditSink } from "./audit/audit-plugin";
import type { AuditEntryInput } from "./audit/audit-entry";
import { bounded, type Logger } from "./logger";
import type { Metrics } from "./metrics";

/** Error codes are the hub's own; anything else is counted as OTHER so a label never grows without bound. */
const CODE_LABEL = /^[A-Z_]{1,40}$/;

/**
 * An audit sink that also counts each request in the metrics and logs it as one JSON line. Every
 * request, over HTTP or graphql-ws, answered or refused, writes exactly one audit entry, so this is
 * the one place that sees them all with their outcome.
 */
export function observeRequests(sink: AuditSink, metrics: Metrics, logger: Logger): AuditSink {
  return {
    async record(entry) {
      try {
        await sink.record(entry);
      } catch (error) {
        // The request is answered with an error instead, whatever its entry said.
        observe({ ...entry, outcome: "error", errorCodes: ["INTERNAL_SERVER_ERROR"] }, metrics, logger);
        throw error;
      }
      observe(entry, metrics, logger);
    },
  };
}

function observe(entry: AuditEntryInput, metrics: Metrics, logger: Logger): void {
  const seconds = (Date.now() - entry.at.getTime()) / 1000;
  const code = entry.errorCodes.length === 0 ? "none" : entry.errorCodes.map((c) => (CODE_LABEL.test(c) ? c : "OTHER")).join(",");
  metrics.requests.inc({ outcome: entry.outcome, code });
  metrics.requestDuration.observe({ operation_type: entry.operationType ?? "none" }, seconds);
  logger.info(
    {
      requestId: entry.requestId,
      operationType: entry.operationType,
      operationName: entry.operationName === null ? null : bounded(entry.operationName),
      agency: entry.agency,
      subject: entry.subject === null ? null : bounded(entry.subject),
      outcome: entry.outcome,
      errorCodes: entry.errorCodes,
      durationMs: Math.round(seconds * 1000),
    },
    "request",
  );
}
