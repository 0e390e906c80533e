export { compileAccessPolicy, applicableMandates, whyMandateDoesNotApply, type AccessPolicy } from "./access-policy";
export { classifyFields, withholdableCoordinates, type FieldClass } from "./field-classes";
export type { Mandate, MandateSet, LegalBasis } from "./mandate";
export { MandatesFileError, loadMandates, parseMandates } from "./mandates-file";
export { describeReaders } from "./reader-descriptions";
export { RequestAccess, SMALLEST_DISCLOSED_COUNT, type AccessReport, type SuppressionNote } from "./request-access";
export { ProtectedTable, NO_SUBAREA, TOTAL, type CellAnswer, type TableCell, type TableCount, type Withheld } from "./disclosure-control";
