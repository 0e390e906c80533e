// How zone-workforce.csv was made. Run once by hand; the CSV is checked in, and server.mjs only reads it.
//
// The zone board's records have to name enterprises the hub knows, so the rows come from the hub's
// deterministic demo data (20 000 enterprises, default seed):
//
//   cd /work/main && npm run build --silent
//   LIENTHONG_DATA_DIR=/tmp/izb-data LIENTHONG_PG_PORT=54710 node dist/src/cli/seed.js
//   # start that cluster again (the seed stops it when done), then:
//   node examples/industrial-zone-board/make-data.mjs > examples/industrial-zone-board/zone-workforce.csv
//
// DATABASE_URL overrides the default connection. It takes the first 200 enterprises in an industrial
// zone by tax code. The board's monthly labour report is modelled on the tax authority's latest
// quarterly headcount: workers within ±5% of the declared employees, a few percent foreign workers
// in enterprises of 10 or more, reported in the quarter's last month or the month after. Enterprises
// with no headcount at all get no row, so the board "has no report" for them. Every variation is
// derived from a hash of the tax code: the same database gives the same file.
//
// Unlike server.mjs this script uses `pg`, which the hub's node_modules already holds.
import { createHash } from "node:crypto";
import pg from "pg";

const DATABASE_URL = process.env.DATABASE_URL ?? "postgres://postgres:lienthong-local@127.0.0.1:54710/lienthong";

const SQL = `
  SELECT e.tax_code, e.industrial_zone_code, h.period, h.employees
  FROM (SELECT tax_code, industrial_zone_code FROM registry.enterprise
        WHERE industrial_zone_code IS NOT NULL ORDER BY tax_code LIMIT 200) e
  JOIN LATERAL (SELECT period, employees FROM tax.headcount h
                WHERE h.tax_code = e.tax_code ORDER BY period DESC LIMIT 1) h ON true
  ORDER BY e.tax_code`;

/** A number in [0, 1) fixed by the tax code and a label, so each varied quantity is independent. */
function unit(taxCode, label) {
  return createHash("sha256").update(`${label}:${taxCode}`).digest().readUInt32BE(0) / 2 ** 32;
}

/** "2026-Q3" plus 0 or 1 month → "2026-09" or "2026-10". */
function reportedMonth(period, extraMonths) {
  const [year, quarter] = period.split("-Q").map(Number);
  const monthIndex = year * 12 + quarter * 3 - 1 + extraMonths; // months since year 0, 0-based
  return `${Math.floor(monthIndex / 12)}-${String((monthIndex % 12) + 1).padStart(2, "0")}`;
}

function row({ tax_code, industrial_zone_code, period, employees }) {
  const spread = Math.max(1, Math.round(employees * 0.05));
  const workers = Math.max(0, employees + Math.round((unit(tax_code, "workers") * 2 - 1) * spread));
  const foreignWorkers = workers >= 10 ? Math.floor(workers * 0.06 * unit(tax_code, "foreign")) : 0;
  const month = reportedMonth(period, unit(tax_code, "month") < 0.5 ? 0 : 1);
  return [tax_code, industrial_zone_code, workers, foreignWorkers, month].join(",");
}

const client = new pg.Client(DATABASE_URL);
await client.connect();
try {
  const { rows } = await client.query(SQL);
  process.stdout.write(["tax_code,zone_code,workers,foreign_workers,reported_month", ...rows.map(row)].join("\n") + "\n");
} finally {
  await client.end();
}
