// The dashboard's figures: one row per province, the coverage rule, and how a live event changes a
// row. Plain data in, plain data out: nothing here touches the page.

/**
 * Compulsory coverage (tỷ lệ bao phủ BHXH bắt buộc): workers in compulsory social insurance
 * divided by the labour force of working age, the denominator of Resolution 28-NQ/TW's targets.
 * The official rate also counts voluntary participants, whom the hub does not hold, so this is
 * the compulsory part of it. Null when either figure is missing or refused, or the labour force is
 * zero. The page shows numerator, denominator and the statistics batch beside every rate, since
 * agencies publish different denominators.
 */
export function coverage(row) {
  const insured = row.enrolment?.compulsoryInsured;
  const labourForce = row.labourForce?.workingAgeLabourForce;
  if (typeof insured !== "number" || typeof labourForce !== "number" || labourForce === 0) return null;
  return insured / labourForce;
}

/** The metrics a user may chart, each with how to read it from a row and how to write a value of it. */
export const METRICS = {
  // Unrounded: one batch moves a province's rate by less than the 0.1 % the table shows, and its bar must still move.
  coverage: {
    label: "Tỷ lệ bao phủ BHXH bắt buộc (%) · Coverage (%)",
    value: (row) => percentOf(coverage(row)),
    format: (value) => formatCoverage(value / 100),
  },
  compulsoryInsured: {
    label: "Người tham gia BHXH bắt buộc · Compulsory insured",
    value: (row) => row.enrolment?.compulsoryInsured ?? null,
    format: formatCount,
  },
  workingAgeLabourForce: {
    label: "Lực lượng lao động trong độ tuổi · Working-age labour force",
    value: (row) => row.labourForce?.workingAgeLabourForce ?? null,
    format: formatCount,
  },
};

const percentOf = (ratio) => (ratio === null ? null : ratio * 100);

/** The first metric any province has a figure for, in the order of METRICS: a chart of nothing helps nobody. */
export function defaultMetric(rows) {
  return Object.keys(METRICS).find((name) => rows.some((row) => METRICS[name].value(row) !== null)) ?? "coverage";
}

/** Rows from the provinces query, in the hub's order, with no enrolment yet. */
export function provinceRows(provinces) {
  return provinces.map((p) => ({ code: p.code, name: p.name, labourForce: p.labourForce ?? null, enrolment: null }));
}

/** The rows with the enrolment query's figures put in, by province code. */
export function withEnrolment(rows, provinces) {
  const byCode = new Map(provinces.map((p) => [p.code, p.enrolment ?? null]));
  return rows.map((row) => (byCode.has(row.code) ? { ...row, enrolment: byCode.get(row.code) } : row));
}

/**
 * The rows after an `enrolmentChanged` event, or null when it changes nothing shown: an unknown
 * province, or a month older than the one on screen (a correction to a past month must not
 * replace the latest).
 */
export function withEnrolmentChange(rows, event) {
  const code = event?.province?.code;
  const index = rows.findIndex((row) => row.code === code);
  if (index < 0) return null;
  const current = rows[index].enrolment;
  if (current && typeof current.period === "string" && event.period < current.period) return null;
  const { province: _province, ...enrolment } = event;
  const next = rows.slice();
  next[index] = { ...rows[index], enrolment };
  return next;
}

const counts = new Intl.NumberFormat("vi-VN");
const percents = new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A figure as the table shows it: Vietnamese digit grouping, a dash for none. */
export function formatCount(value) {
  return typeof value === "number" ? counts.format(value) : "—";
}

/** A coverage ratio as a percentage with one decimal, a dash for none. */
export function formatCoverage(ratio) {
  return ratio === null ? "—" : `${percents.format(ratio * 100)} %`;
}
