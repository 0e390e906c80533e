import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { openDatabase } from "../../src/database";
import { completeTaxCode } from "../../src/identifiers";
import { signToken } from "../../src/identity/sign-token";
import { freePort } from "../support/free-port";
import { runNode } from "../support/processes";
import { SECRETS } from "./peer/systems";

/** The provinces in force the generated rows spread over. */
const PROVINCES = ["01", "79", "48", "31", "24", "75", "92", "40"];

/**
 * Data in at national scale (issue 9): `npm run import` of `rows` tax headcounts into a fresh
 * embedded PostgreSQL whose registry knows every enterprise, once into an empty quarter and once
 * superseding it (every row to history), against a plain COPY of the same file into an empty
 * table in the same run. Reports rows/s, the import process's peak RSS and the ratio to COPY.
 */
export async function measureIngest(report: (name: string, value: string) => void, rows = 1_000_000): Promise<void> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "lienthong-bench-ingest-"));
  // PostgreSQL may run as another user (the hub runs it as postgres when started as root).
  fs.chmodSync(folder, 0o755);
  const database = await openDatabase({
    databaseUrl: undefined,
    dataDir: path.join(folder, "pg"),
    embeddedPgPort: await freePort(),
    poolSize: 2,
    log: () => undefined,
  });
  const url = database.db.url;
  try {
    const codes = taxCodes(rows);
    await registerEnterprises(url, codes);
    const file = path.join(folder, "headcount.csv");
    writeCsv(file, codes, "2026-Q3", 0);
    const superseding = path.join(folder, "headcount-again.csv");
    writeCsv(superseding, codes, "2026-Q3", 1);
    const megabytes = (fs.statSync(file).size / 2 ** 20).toFixed(0);

    const copySeconds = await plainCopy(url, file);
    report(
      `plain COPY of the file into an empty table (${rows.toLocaleString("en-US")} rows, ${megabytes} MB)`,
      `${copySeconds.toFixed(1)} s (${rate(rows, copySeconds)} rows/s)`,
    );
    const token = await signToken(
      { subject: "bench-tax-publisher", agency: "tax", roles: ["publisher"], purposes: ["statistics"] },
      SECRETS.LIENTHONG_JWT_SECRET,
      1,
    );
    for (const [label, csv] of [
      ["into an empty quarter", file],
      ["superseding every row (to history)", superseding],
    ] as const) {
      const run = await timedImport(url, token, csv);
      report(
        `npm run import, ${label}`,
        `${run.seconds.toFixed(1)} s (${rate(rows, run.seconds)} rows/s), peak RSS ${run.peakRssMb.toFixed(0)} MB, ×${(run.seconds / copySeconds).toFixed(1)} plain COPY`,
      );
      report("  of which", run.phases);
    }
  } finally {
    await database.close();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

const rate = (rows: number, seconds: number) => Math.round(rows / seconds).toLocaleString("en-US");

function taxCodes(count: number): string[] {
  const codes: string[] = [];
  for (let n = 100_000_000; codes.length < count; n++) {
    const code = completeTaxCode(String(n).padStart(9, "0"));
    if (code) codes.push(code);
  }
  return codes;
}

/** The registry's side: one bench batch and an enterprise per tax code, COPYed. */
async function registerEnterprises(url: string, codes: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const [{ id }] = (
      await client.query(
        `INSERT INTO hub.batch (domain, agency, kind, period, row_count, checksum, status, applied_at) VALUES ('registry', 'registry', 'seed', NULL, $1, 'bench', 'APPLIED', now()) RETURNING id`,
        [codes.length],
      )
    ).rows;
    function* lines() {
      let chunk = "";
      for (const [i, code] of codes.entries()) {
        chunk += `${code}\tCông ty ${i}\tLLC1\tACTIVE\t2020-01-01\t${PROVINCES[i % PROVINCES.length]}\t${id}\n`;
        if (chunk.length > 256 * 1024) {
          yield chunk;
          chunk = "";
        }
      }
      yield chunk;
    }
    await pipeline(
      lines,
      client.query(copyFrom(`COPY registry.enterprise (tax_code, name, legal_form, status, registered_on, province_code, batch_id) FROM STDIN`)),
    );
    await client.query("ANALYZE registry.enterprise");
  } finally {
    await client.end();
  }
}

function writeCsv(file: string, codes: string[], period: string, variant: number): void {
  const out = fs.openSync(file, "w");
  let chunk = "tax_code,period,operating_status,employees,total_wages_vnd,province_code\n";
  for (const [i, code] of codes.entries()) {
    const employees = 1 + ((i * 7 + variant) % 200);
    chunk += `${code},${period},OPERATING,${employees},${employees * 21_000_000},${PROVINCES[i % PROVINCES.length]}\n`;
    if (chunk.length > 1 << 20) {
      fs.writeSync(out, chunk);
      chunk = "";
    }
  }
  fs.writeSync(out, chunk);
  fs.closeSync(out);
}

/** The floor: the same bytes COPYed as CSV into an empty table with no key, no check and no index. */
async function plainCopy(url: string, file: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `CREATE TABLE bench_plain_copy (tax_code text, period text, operating_status text, employees integer, total_wages_vnd bigint, province_code text)`,
    );
    const started = Date.now();
    await pipeline(fs.createReadStream(file), client.query(copyFrom(`COPY bench_plain_copy FROM STDIN (FORMAT csv, HEADER true)`)));
    return (Date.now() - started) / 1000;
  } finally {
    await client.query(`DROP TABLE IF EXISTS bench_plain_copy`).catch(() => undefined);
    await client.end();
  }
}

/** Runs the import command on `file`, polling its peak resident memory (VmHWM) until it exits. */
async function timedImport(url: string, token: string, file: string): Promise<{ seconds: number; peakRssMb: number; phases: string }> {
  const started = Date.now();
  const run = runNode("src/cli/import.js", ["--domain", "tax", "--period", "2026-Q3", file], { ...SECRETS, DATABASE_URL: url, LIENTHONG_TOKEN: token });
  let peakKb = 0;
  const poll = setInterval(() => {
    try {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${run.child.pid}/status`, "utf8"));
      if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
    } catch {
      // Gone, or not Linux: the last reading stands.
    }
  }, 50);
  const code = await run.exited;
  clearInterval(poll);
  if (code !== 0 || !run.output().includes("APPLIED")) throw new Error(`the import failed:\n${run.output().slice(-2000)}`);
  const phases = /Read and staged in ([\d.]+) s, checked in ([\d.]+) s, merged in ([\d.]+) s/.exec(run.output());
  return {
    seconds: (Date.now() - started) / 1000,
    peakRssMb: peakKb / 1024,
    phases: phases ? `read and staged ${phases[1]} s, set-based checks ${phases[2]} s, merge ${phases[3]} s` : "(no phases reported)",
  };
}
