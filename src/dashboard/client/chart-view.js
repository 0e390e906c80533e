// The bar chart: one horizontal bar per province for the chosen metric. chart.js is loaded by the
// page as a classic script (its UMD build defines window.Chart), so no bundler is needed.
import { METRICS } from "./figures.js";

const Chart = window.Chart;

// Animations move bars for people who asked their system for less motion; skip them then.
const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;

/** Draws `rows` on `canvas` for `metric` (a key of METRICS); returns the chart for updateChart. */
export function drawChart(canvas, rows, metric) {
  const chart = new Chart(canvas, {
    type: "bar",
    data: { labels: [], datasets: [{ label: "", data: [], backgroundColor: "#1f5f99" }] },
    options: {
      indexAxis: "y",
      maintainAspectRatio: false,
      animation: reducedMotion ? false : { duration: 400 },
      scales: { x: { beginAtZero: true }, y: { ticks: { autoSkip: false } } },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (item) => METRICS[chart.$metric].format(item.parsed.x) } },
      },
    },
  });
  updateChart(chart, rows, metric);
  return chart;
}

/** Replaces the chart's figures with `rows` for `metric`, and its accessible description with it. */
export function updateChart(chart, rows, metric) {
  const { label, value } = METRICS[metric];
  chart.$metric = metric;
  chart.data.labels = rows.map((row) => row.name);
  chart.data.datasets[0].label = label;
  chart.data.datasets[0].data = rows.map(value);
  chart.update();
  const shown = rows.filter((row) => value(row) !== null).length;
  chart.canvas.setAttribute(
    "aria-label",
    `Biểu đồ cột: ${label}, ${shown} trên ${rows.length} tỉnh có số liệu. Bar chart of ${label} for ${shown} of ${rows.length} provinces; the table below lists every figure.`,
  );
}
