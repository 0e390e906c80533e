/** One row in PostgreSQL's COPY text format: tab-separated, \N for NULL, backslash escapes. */
export function copyLine(cells: readonly (string | number | null)[]): string {
  let line = "";
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (i > 0) line += "\t";
    if (cell === null) line += "\\N";
    else if (typeof cell === "number") line += String(cell);
    else line += /[\\\t\n\r]/.test(cell) ? cell.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r") : cell;
  }
  return `${line}\n`;
}
