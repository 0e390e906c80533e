/** What happened to a request, as the audit log records it. */
export type AuditOutcome =
  /** answered with no error */
  | "ok"
  /** answered, but some fields were refused or failed */
  | "partial"
  /** refused whole: no valid token purpose, or every selected field forbidden */
  | "denied"
  /** the credential was missing where required, malformed, expired or wrongly signed */
  | "unauthenticated"
  /** the document did not parse or validate, or an argument was malformed */
  | "invalid"
  /** an unexpected failure inside the hub */
  | "error";

export type AuditOperationType = "query" | "mutation" | "subscription" | "subscription-event";

/**
 * One audit row before it is chained. Built by the audit plugin from the request context; the
 * audit log adds the sequence number and hashes. Personal data must not appear here in clear:
 * `variables` are protected by `protectVariables` before they reach this shape.
 */
export interface AuditEntryInput {
  at: Date;
  /** The hub's own id for the request (a UUID), also sent in the x-request-id response header. */
  requestId: string;
  /** The x-request-id the client sent, bounded (bounded-text.ts); null when it sent none. Absent from rows written before it existed. */
  clientRequestId: string | null;
  /** null for anonymous requests and for requests refused before a token was verified. */
  subject: string | null;
  agency: string | null;
  roles: string[];
  provinceCode: string | null;
  purpose: string | null;
  operationType: AuditOperationType | null;
  operationName: string | null;
  /** Keyed hash of the GraphQL document text (documentHash in keyed-hash.ts); null when there was none. Older rows hold a plain SHA-256. */
  documentHash: string | null;
  /** Variables with every string value replaced by a keyed hash (see protectVariables). */
  variables: Record<string, unknown> | null;
  /** Schema coordinates (Type.field) the request resolved or tried to. */
  fieldsTouched: string[];
  /** Ids of the mandates that granted a field this request read. */
  mandatesUsed: string[];
  /** Coordinates refused with FORBIDDEN. */
  fieldsDenied: string[];
  /** Owner domains whose data the request touched (registry, tax, statistics, bhxh, hub). */
  domains: string[];
  /** Owner records (enterprises, headcounts, units, enrolments, statistics) in the response. */
  rowsReturned: number;
  /**
   * Provinces of the owner records in the response (enterprises, BHXH units and labour-force
   * statistics carry one), sorted: a province-scoped reader sees the rows that returned its own.
   * Absent from rows written before it existed.
   */
  provincesReturned: string[];
  durationMs: number;
  outcome: AuditOutcome;
  /** extensions.code of each error in the response, deduplicated. */
  errorCodes: string[];
}
