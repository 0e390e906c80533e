// The table under the chart: every figure the chart draws, readable by a screen reader and by
// anyone who cannot tell bars apart. Built with DOM calls and textContent only, never HTML strings:
// province names and error messages come from the hub.
import { coverage, formatCount, formatCoverage } from "./figures.js";

/** The columns, in order: header text and how a row fills the cell (text, and an optional note). */
const COLUMNS = [
  {
    field: "workingAgeLabourForce",
    header: ["Lực lượng lao động trong độ tuổi", "Working-age labour force"],
    cell: (row) => formatCount(row.labourForce?.workingAgeLabourForce),
  },
  {
    field: "labourForcePeriod",
    header: ["Kỳ thống kê", "Statistics period and batch"],
    cell: (row) => (row.labourForce ? `${row.labourForce.period}${row.labourForce.source ? ` · ${shortBatch(row.labourForce.source.batchId)}` : ""}` : "—"),
  },
  { field: "compulsoryInsured", header: ["BHXH bắt buộc", "Compulsory insured"], cell: (row) => formatCount(row.enrolment?.compulsoryInsured) },
  { field: "unemploymentInsured", header: ["BHTN", "Unemployment insured"], cell: (row) => formatCount(row.enrolment?.unemploymentInsured) },
  { field: "units", header: ["Đơn vị", "Units"], cell: (row) => formatCount(row.enrolment?.units) },
  { field: "unitsInArrears", header: ["Đơn vị nợ", "Units in arrears"], cell: (row) => formatCount(row.enrolment?.unitsInArrears) },
  { field: "enrolmentPeriod", header: ["Tháng", "Enrolment month"], cell: (row) => row.enrolment?.period ?? "—" },
  { field: "coverage", header: ["Tỷ lệ bao phủ", "Coverage"], cell: (row) => formatCoverage(coverage(row)) },
];

/** A batch id is a UUID; its first block tells batches apart on screen, the title holds the rest. */
const shortBatch = (batchId) => String(batchId).slice(0, 8);

/** Fills `table` with a header and one row per province; rows carry `data-province`, cells `data-field`. */
export function renderTable(table, rows) {
  const head = document.createElement("thead");
  const headRow = head.insertRow();
  headRow.append(headerCell(["Tỉnh, thành phố", "Province"]));
  for (const column of COLUMNS) headRow.append(headerCell(column.header));
  const body = document.createElement("tbody");
  for (const row of rows) body.append(tableRow(row));
  table.replaceChildren(...(table.caption ? [table.caption] : []), head, body);
}

/** Rewrites one province's row in place, and marks it as just changed for a moment. */
export function updateTableRow(table, row) {
  const old = table.querySelector(`tr[data-province="${CSS.escape(row.code)}"]`);
  if (!old) return;
  const fresh = tableRow(row);
  fresh.classList.add("changed");
  old.replaceWith(fresh);
  setTimeout(() => fresh.classList.remove("changed"), 3000);
}

function tableRow(row) {
  const tr = document.createElement("tr");
  tr.dataset.province = row.code;
  const name = document.createElement("th");
  name.scope = "row";
  name.textContent = `${row.name} (${row.code})`;
  tr.append(name);
  for (const column of COLUMNS) {
    const td = document.createElement("td");
    td.dataset.field = column.field;
    td.textContent = column.cell(row);
    if (column.field === "labourForcePeriod" && row.labourForce?.source)
      td.title = `batch ${row.labourForce.source.batchId}, as of ${row.labourForce.source.asOf}`;
    tr.append(td);
  }
  return tr;
}

function headerCell([vietnamese, english]) {
  const th = document.createElement("th");
  th.scope = "col";
  th.append(vietnamese, document.createElement("br"));
  const secondary = document.createElement("span");
  secondary.lang = "en";
  secondary.className = "secondary";
  secondary.textContent = english;
  th.append(secondary);
  return th;
}
