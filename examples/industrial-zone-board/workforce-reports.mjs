// The board's labour reports, read once at start from a CSV file into a Map keyed by tax code.
import { readFileSync } from "node:fs";

const HEADER = "tax_code,zone_code,workers,foreign_workers,reported_month";
const ROW = /^(\d{10}(?:-\d{3})?),(KCN\d{2}-\d{2}),(\d+),(\d+),(\d{4}-(?:0[1-9]|1[0-2]))$/;

/**
 * Reads `file` (columns: tax_code,zone_code,workers,foreign_workers,reported_month) into a Map from
 * tax code to a ZoneWorkforce object. Throws, naming the line, on any row it cannot trust: a bad
 * format, more foreign workers than workers, or a tax code reported twice.
 */
export function loadWorkforceReports(file) {
  const lines = readFileSync(file, "utf8").split(/\r?\n/);
  if (lines[0] !== HEADER) throw new Error(`${file}: the first line must be "${HEADER}".`);
  const reports = new Map();
  lines.slice(1).forEach((line, index) => {
    if (line === "") return;
    const where = `${file} line ${index + 2}`;
    const match = ROW.exec(line);
    if (!match) throw new Error(`${where}: expected ${HEADER}, got "${line}".`);
    const [, taxCode, zoneCode, workers, foreignWorkers, reportedMonth] = match;
    const report = { zoneCode, workers: Number(workers), foreignWorkers: Number(foreignWorkers), reportedMonth };
    if (report.foreignWorkers > report.workers) throw new Error(`${where}: more foreign workers than workers.`);
    if (reports.has(taxCode)) throw new Error(`${where}: a second report for ${taxCode}.`);
    reports.set(taxCode, report);
  });
  return reports;
}
