import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { CellValue, ColumnKind, ReportSheet } from "./report";

export const CSV_CONTENT_TYPE = "text/csv; charset=utf-8";

/** Excel reads a CSV as UTF-8 only when it starts with the byte order mark; without it Vietnamese is garbled. */
const BOM = "\uFEFF";
/** Rows joined into one write: small enough to keep memory flat, large enough not to write per row. */
const ROWS_PER_CHUNK = 500;

/**
 * Streams one sheet as CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma, a
 * quote or a line break, quotes doubled), UTF-8 with a BOM, a header row of the Vietnamese
 * headings. Numbers are unformatted with a dot decimal, amounts exact, dates `YYYY-MM-DD`.
 */
export async function writeCsv(sheet: ReportSheet, out: Writable): Promise<void> {
  await pipeline(Readable.from(csvChunks(sheet)), out);
}

function* csvChunks(sheet: ReportSheet): Generator<string> {
  yield BOM + csvLine(sheet.columns.map((column) => column.heading));
  for (let start = 0; start < sheet.rows.length; start += ROWS_PER_CHUNK) {
    let chunk = "";
    for (const row of sheet.rows.slice(start, start + ROWS_PER_CHUNK)) {
      chunk += csvLine(sheet.columns.map((column) => csvValue(row[column.key] ?? null, column.kind)));
    }
    yield chunk;
  }
}

function csvLine(fields: string[]): string {
  return `${fields.map(quoted).join(",")}\r\n`;
}

function quoted(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

function csvValue(value: CellValue, kind: ColumnKind): string {
  if (value === null) return "";
  if (kind === "text") return defused(String(value));
  if (kind === "date") return String(value).slice(0, 10);
  // Amounts come as exact decimal strings and stay so; other numbers print plainly (no grouping, dot decimal).
  return typeof value === "number" ? plainNumber(value) : value;
}

/**
 * A spreadsheet opening the CSV would run text starting with = + - @ (or a tab or carriage return
 * before one) as a formula: an owner's name could then compute on the inspector's machine. Such
 * text gets a leading apostrophe, OWASP's advice; numbers are never text, so they are left alone.
 */
function defused(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Without exponent notation: 1e-7 would be read as text by some spreadsheets. */
function plainNumber(value: number): string {
  if (!Number.isFinite(value)) return "";
  const text = String(value);
  return /e/i.test(text) ? value.toFixed(20).replace(/\.?0+$/, "") : text;
}
