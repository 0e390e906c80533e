import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import type { CellValue, ColumnKind, Report, ReportSheet } from "./report";

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Excel's formats per kind; text is "@" (Text), so a code such as "01" typed over stays text. */
const NUMBER_FORMATS: Record<ColumnKind, string> = {
  text: "@",
  integer: "#,##0",
  number: "#,##0.00",
  percent: "0.0%",
  date: "dd/mm/yyyy",
  money: '#,##0 "₫"',
};

/** Width (in characters) a column never goes past, so one long name does not push the rest off screen. */
const MAX_COLUMN_WIDTH = 60;
const MIN_COLUMN_WIDTH = 8;
/** Rows measured to size a column: enough to be representative, without walking a national list twice. */
const ROWS_MEASURED = 1_000;

const SOURCES_SHEET = "Nguồn";
/** Rows written between two turns of the event loop: a few milliseconds of work, so a large report never stalls the hub. */
const ROWS_BETWEEN_YIELDS = 500;

/**
 * Streams `report` as an XLSX workbook to `out` (exceljs's WorkbookWriter: each row is written and
 * let go of, so a large report is not held twice). A first sheet "Nguồn" says what the report is,
 * for whom, the batches its figures came in and the legal texts the reader holds them under; then
 * one worksheet per sheet with a bold frozen header row. Numbers, amounts and dates are cells of
 * their type, never text.
 */
export async function writeXlsx(report: Report, out: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = "Liên thông";
  workbook.lastModifiedBy = "Liên thông";
  workbook.created = report.preparedAt;
  workbook.modified = report.preparedAt;
  workbook.title = report.title;
  writeSourcesSheet(workbook, report);
  const names = new Set([SOURCES_SHEET]);
  for (const sheet of report.sheets) await writeDataSheet(workbook, sheet, worksheetName(sheet.title, names));
  await workbook.commit();
}

async function writeDataSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, sheet: ReportSheet, name: string): Promise<void> {
  const worksheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  // The format is the column's style, which each new cell takes: set per cell, it costs exceljs a style lookup per value.
  worksheet.columns = sheet.columns.map((column) => ({
    key: column.key,
    width: columnWidth(sheet, column.key, column.heading, column.kind),
    style: { numFmt: NUMBER_FORMATS[column.kind] },
  }));
  const header = worksheet.addRow(sheet.columns.map((column) => column.heading));
  header.font = { bold: true };
  header.commit();
  for (let index = 0; index < sheet.rows.length; index++) {
    const row = sheet.rows[index];
    worksheet.addRow(sheet.columns.map((column) => cellValue(row[column.key] ?? null, column.kind))).commit();
    // Serializing rows is synchronous: let other requests (and the zip stream) run between batches of them.
    if (index % ROWS_BETWEEN_YIELDS === ROWS_BETWEEN_YIELDS - 1) await new Promise(setImmediate);
  }
  worksheet.commit();
}

function writeSourcesSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, report: Report): void {
  const worksheet = workbook.addWorksheet(SOURCES_SHEET);
  worksheet.columns = [{ width: 34 }, { width: 16 }, { width: 40 }, { width: 14 }, { width: 60 }];
  const bold = (values: CellValue[]) => {
    const row = worksheet.addRow(values);
    row.font = { bold: true };
    row.commit();
  };
  const plain = (values: (CellValue | Date)[]) => worksheet.addRow(values).commit();
  bold([report.title]);
  if (report.note) plain(["Cách lập", report.note]);
  plain(["Người tải", report.preparedFor]);
  const prepared = worksheet.addRow(["Lập lúc", report.preparedAt]);
  prepared.getCell(2).numFmt = "dd/mm/yyyy hh:mm:ss";
  prepared.commit();
  plain(["Phần mềm", "Liên thông: số liệu đọc qua cổng, theo các ủy quyền (mandates) của người tải"]);
  plain([]);
  bold(["Nguồn số liệu", "Cơ quan", "Mã lô dữ liệu", "Kỳ", "Nhận lúc"]);
  for (const source of report.sources) plain([source.about, source.agency, source.batchId, source.period, new Date(source.asOf)]);
  if (report.sources.length === 0) plain(["(không có số liệu nào trong báo cáo)"]);
  plain([]);
  bold(["Căn cứ pháp lý", "Ngày ban hành", "Điều, khoản", null, "Trích yếu"]);
  for (const basis of report.legalBasis) plain([basis.document, basis.date, basis.article, null, basis.title]);
  worksheet.commit();
}

/** A cell of the column's kind: numbers and amounts as numbers, dates as dates. */
function cellValue(value: CellValue, kind: ColumnKind): string | number | Date | null {
  if (value === null || value === "") return null;
  switch (kind) {
    case "text":
      return String(value);
    case "date":
      return typeof value === "string" ? new Date(`${value.slice(0, 10)}T00:00:00Z`) : null;
    default:
      // A VND amount arrives as an exact decimal string; Excel holds numbers as doubles either way.
      return typeof value === "number" ? value : Number(value);
  }
}

function columnWidth(sheet: ReportSheet, key: string, heading: string, kind: ColumnKind): number {
  let widest = heading.length;
  for (const row of sheet.rows.slice(0, ROWS_MEASURED)) {
    const value = row[key];
    if (value === null || value === undefined) continue;
    // Thousands separators and the currency sign add about a third to a number's digits.
    const shown = kind === "text" || kind === "date" ? String(value).length : Math.ceil(String(value).length * 1.35) + (kind === "money" ? 2 : 0);
    widest = Math.max(widest, shown);
  }
  return Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, widest + 2));
}

/** Excel's rules for a worksheet name: at most 31 characters, none of []:*?/\, unique in the workbook. */
function worksheetName(title: string, taken: Set<string>): string {
  const base =
    title
      .replace(/[[\]:*?/\\]/g, " ")
      .slice(0, 31)
      .trim() || "Sheet";
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
  taken.add(name);
  return name;
}
