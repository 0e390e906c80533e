import type { LegalBasis } from "../access/mandate";

/**
 * How a column's values are written. XLSX keeps every kind but text as a number (a date as a date)
 * with a format of its own; CSV writes them unformatted, dot decimal.
 */
export type ColumnKind = "text" | "integer" | "number" | "percent" | "date" | "money";

/** A cell: text, a number, a `YYYY-MM-DD` date, a VND amount as its exact decimal string, or nothing. */
export type CellValue = string | number | null;

export type ReportRow = Record<string, CellValue>;

export interface ReportColumn {
  /** The row property it shows. */
  key: string;
  /** Vietnamese heading, as the reader's agency writes it. */
  heading: string;
  kind: ColumnKind;
}

/** One table of a report: an XLSX worksheet, or one CSV file. */
export interface ReportSheet {
  /** Latin letters, digits and hyphens: the CSV's `?sheet=` and part of its file name. */
  key: string;
  /** Vietnamese title, the worksheet's name (at most 31 characters, as Excel allows). */
  title: string;
  columns: ReportColumn[];
  rows: ReportRow[];
}

/** A batch a report's figures came in, as the graph's `Source` gives it. */
export interface ReportSource {
  /** Which figures it delivered, in Vietnamese (e.g. "Số tham gia BHXH, Hà Nội"). */
  about: string;
  agency: string;
  batchId: string;
  period: string | null;
  /** When the hub received it (ISO 8601). */
  asOf: string;
}

/** A finished report, ready for a writer: its tables, where its figures came from, and why the reader may hold them. */
export interface Report {
  /** Vietnamese title, e.g. "Tình hình tham gia BHXH theo tỉnh, tháng 2026-03". */
  title: string;
  /** How the report was made, shown under the title (ReportDefinition.note). */
  note?: string;
  sheets: ReportSheet[];
  /** Batches the figures came in, each once. */
  sources: ReportSource[];
  /** The legal texts of the mandates the reader's request was granted under. */
  legalBasis: LegalBasis[];
  /** Who downloaded it and when: the sources sheet says so. */
  preparedFor: string;
  preparedAt: Date;
}

/** Rows across every sheet. */
export function rowCount(sheets: readonly ReportSheet[]): number {
  return sheets.reduce((sum, sheet) => sum + sheet.rows.length, 0);
}
