/** Report downloads (XLSX, CSV) whose figures are read through the door: see README, "Reports". */
export { reportsRouter, REPORTS_PATH, type ReportRouteDependencies } from "./report-route";
export { REPORT_DEFINITIONS } from "./definitions";
export type { ReportDefinition, ReportArgument, ReportInput, ReportPage, ReportProgress, ReportDelivery } from "./report-definition";
export type { Report, ReportSheet, ReportColumn, ReportRow, ReportSource, ColumnKind, CellValue } from "./report";
export { writeXlsx, XLSX_CONTENT_TYPE } from "./xlsx-writer";
export { writeCsv, CSV_CONTENT_TYPE } from "./csv-writer";
