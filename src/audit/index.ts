/** The audit log (nhật ký truy cập): what every request leaves behind, and the proof that no one changed it. */
export type { AuditEntryInput, AuditOperationType, AuditOutcome } from "./audit-entry";
export { readAnchorFile, type AnchorReading, type AuditAnchor } from "./anchor-file";
export { AuditLog, type AuditLogOptions, type AuditLogStats } from "./audit-log";
export { CLIENT_TEXT_LIMITS, boundedText, textBound, type TextBound } from "./bounded-text";
export { canonicalEntry, parseEntry } from "./canonical-entry";
export { GENESIS_HASH, LOCAL_AUDIT_KEY_NAME, auditKey, chainHash, headMac } from "./chain";
export { documentHash, hmacToken } from "./keyed-hash";
export { MAX_PROTECTED_VARIABLES_CHARS, protectVariables } from "./protect-variables";
export { verifyAuditChain, type AnchorCheck, type AuditProblem, type AuditProblemKind, type AuditVerification, type VerifyOptions } from "./verify";
