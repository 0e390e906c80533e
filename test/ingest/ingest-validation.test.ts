import { completeTaxCode } from "../../src/identifiers";
import http from "node:http";
import { demoEnterprises, TAX_PUBLISHER, taxCsv, useIngestHub } from "../support/ingest";
import { headersFor } from "../support/tokens";

/**
 * A batch is checked whole and applied all or nothing: every kind of bad row is reported with its
 * line, column and reason, and leaves the database exactly as it was, apart from the batch's own
 * REJECTED record. Through POST /ingest/tax on real PostgreSQL.
 */
// A small body limit, so that going over it is cheap to test.
// One batch streaming in at a time, so that a second one is turned away.
const ingest = useIngestHub("lienthong_ingest_validation", 300, { LIENTHONG_INGEST_MAX_BODY_BYTES: "65536", LIENTHONG_INGEST_MAX_CONCURRENT: "1" });
const PERIOD = "2026-Q4";

let rows: (string | number)[][];
let unknownTaxCode: string;
beforeAll(async () => {
  const enterprises = await demoEnterprises(ingest, 3);
  rows = enterprises.map((e, i) => [e.taxCode, PERIOD, "OPERATING", 10 + i, 450_000_000 + i, e.province]);
  for (let n = 100_000_000; ; n++) {
    const code = completeTaxCode(`0${n}`.slice(0, 9));
    if (code && (await ingest.sql(`SELECT 1 FROM registry.enterprise WHERE tax_code = $1`, [code])).length === 0) {
      unknownTaxCode = code;
      break;
    }
  }
});

/** The valid rows with row `index` (0-based; line index + 2) changed at `column`. */
function withChange(index: number, column: number, value: string | number): (string | number)[][] {
  return rows.map((row, i) => (i === index ? row.map((cell, c) => (c === column ? value : cell)) : row));
}

async function expectRejected(body: string | Buffer, expected: { line: number | null; column: string | null; reason: RegExp }) {
  const before = await ingest.state();
  const rejectedBefore = (await ingest.sql(`SELECT count(*)::int AS n FROM hub.batch WHERE status = 'REJECTED'`))[0].n;
  const response = await ingest.post("tax", PERIOD, body);
  expect(response.status).toBe(400);
  expect(response.body.status).toBe("REJECTED");
  expect(response.body.errors).toEqual(
    expect.arrayContaining([{ line: expected.line, column: expected.column, reason: expect.stringMatching(expected.reason) }]),
  );
  expect(response.body.errorCount).toBeGreaterThanOrEqual(1);
  expect(await ingest.state()).toEqual(before);
  // The batch's own record is the one thing written: the publisher reads why through ingestBatch.
  const [record] = await ingest.sql(`SELECT status, error_count, applied_at FROM hub.batch WHERE id = $1`, [response.body.id]);
  expect(record).toEqual({ status: "REJECTED", error_count: response.body.errorCount, applied_at: null });
  expect((await ingest.sql(`SELECT count(*)::int AS n FROM hub.batch WHERE status = 'REJECTED'`))[0].n).toBe(rejectedBefore + 1);
  return response.body;
}

describe("a tax headcount batch is refused whole, with each problem's line, column and reason", () => {
  it("a tax code whose check digit does not match", async () => {
    const bad = rows[1][0].toString().slice(0, 9) + String((Number(rows[1][0].toString()[9]) + 1) % 10);
    await expectRejected(taxCsv(withChange(1, 0, bad)), { line: 3, column: "tax_code", reason: /check digit/ });
  });

  it("a former province code, naming the province it merged into", async () => {
    await expectRejected(taxCsv(withChange(0, 5, "74")), {
      line: 2,
      column: "province_code",
      reason: /province 74 \(Bình Dương\) merged into 79 \(.*Hồ Chí Minh\) on 2025-07-01: report it under 79/,
    });
  });

  it("a province code no province has", async () => {
    await expectRejected(taxCsv(withChange(2, 5, "99")), { line: 4, column: "province_code", reason: /no province has the code 99/ });
  });

  it("a negative count", async () => {
    await expectRejected(taxCsv(withChange(0, 3, -5)), { line: 2, column: "employees", reason: /cannot be negative/ });
  });

  it("counts that contradict each other: wages paid with no employee", async () => {
    await expectRejected(taxCsv(withChange(1, 3, 0)), { line: 3, column: "total_wages_vnd", reason: /wages are paid but no employee/ });
  });

  it("a period written in another shape than the domain's", async () => {
    await expectRejected(taxCsv(withChange(0, 1, "2026-10")), { line: 2, column: "period", reason: /per quarter: write YYYY-Qn/ });
  });

  it("a period that has not begun", async () => {
    await expectRejected(taxCsv(withChange(2, 1, "2099-Q1")), { line: 4, column: "period", reason: /2099-Q1 has not begun/ });
  });

  it("a row for an enterprise the business registry does not know", async () => {
    await expectRejected(taxCsv(withChange(1, 0, unknownTaxCode)), {
      line: 3,
      column: "tax_code",
      reason: new RegExp(`registry knows no enterprise with tax code ${unknownTaxCode}`),
    });
  });

  it("the same enterprise twice in one batch", async () => {
    await expectRejected(taxCsv([...rows, rows[0]]), { line: 5, column: "tax_code", reason: /the same tax_code as line 2/ });
  });

  it("a malformed CSV line", async () => {
    const body = taxCsv(rows).replace(`${rows[1].join(",")}\n`, `${rows[1].join(",")},extra\n`);
    await expectRejected(body, { line: 3, column: null, reason: /not well-formed CSV: it has 7 fields where the header has 6/ });
  });

  it("a stray quote, reported with its line while the lines after it are still checked", async () => {
    const lines = taxCsv(withChange(2, 3, -1)).split("\n");
    lines[1] = lines[1].replace("OPERATING", 'OPER"ATING');
    const body = await expectRejected(lines.join("\n"), { line: 2, column: null, reason: /not well-formed CSV: a quote appears inside a field/ });
    expect(body.errors).toContainEqual({ line: 4, column: "employees", reason: "a count cannot be negative" });
  });

  it("a header that lacks a column", async () => {
    await expectRejected(
      taxCsv(
        rows.map((row) => row.slice(0, 5)),
        "tax_code,period,operating_status,employees,total_wages_vnd",
      ),
      { line: 1, column: "province_code", reason: /lacks the column province_code/ },
    );
  });

  it("a file in Windows-1258 (not UTF-8), saying so", async () => {
    // "Công ty" in Windows-1258: ô is the single byte 0xF4, which UTF-8 never allows alone.
    const body = Buffer.concat([Buffer.from(taxCsv(rows)), Buffer.from("# C"), Buffer.of(0xf4), Buffer.from("ng ty\n")]);
    await expectRejected(body, { line: null, column: null, reason: /not valid UTF-8.*Windows-1258 or TCVN3/ });
  });

  it("reports every bad row of a batch, not just the first, and counts past the ones it lists", async () => {
    const many = Array.from({ length: 150 }, (_, i) => [rows[0][0], PERIOD, "OPERATING", -1 - i, 1, rows[0][5]]);
    const body = await expectRejected(taxCsv(many), { line: 2, column: "employees", reason: /negative/ });
    expect(body.errorCount).toBe(150);
    expect(body.errors).toHaveLength(100);
  });
});

describe("what a batch may be", () => {
  it("accepts UTF-8 with a byte order mark", async () => {
    const response = await ingest.post("tax", PERIOD, Buffer.concat([Buffer.of(0xef, 0xbb, 0xbf), Buffer.from(taxCsv(rows))]));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: "APPLIED",
      rowCount: 3,
      domain: "tax",
      period: PERIOD,
      kind: "import",
      errorCount: 0,
      publisher: "tax-publisher-test",
    });
    const applied = await ingest.sql(`SELECT tax_code, employees FROM tax.headcount WHERE batch_id = $1 ORDER BY tax_code`, [response.body.id]);
    expect(applied).toEqual(rows.map((row) => ({ tax_code: row[0], employees: row[3] })));
  });

  it("reads quoted fields (with doubled quotes and line breaks inside) and CRLF line ends", async () => {
    // The quoted header cell and values read as plain ones; a quoted field spanning lines keeps later line numbers right.
    const header = '"tax_code",period,operating_status,employees,total_wages_vnd,"province_code"';
    const body =
      [header, `"${rows[0][0]}",${PERIOD},"OPERATING",7,"700000",${rows[0][5]}`, `"${rows[1][0]}",${PERIOD},"OPER""ATING\nX",-1,1,${rows[1][5]}`].join("\r\n") +
      "\r\n";
    const response = await ingest.post("tax", PERIOD, body);
    expect(response.body.errors).toEqual([
      { line: 3, column: "operating_status", reason: expect.stringContaining("one of OPERATING") },
      { line: 3, column: "employees", reason: "a count cannot be negative" },
    ]);
    const fixed = body.replace(`"OPER""ATING\nX",-1`, '"OPERATING",1');
    expect((await ingest.post("tax", PERIOD, fixed)).body).toMatchObject({ status: "APPLIED", rowCount: 2 });
  });

  it("refuses a period argument of the wrong shape before reading anything, writing no batch", async () => {
    const before = await ingest.sql(`SELECT count(*)::int AS n FROM hub.batch`);
    const response = await ingest.post("tax", "2026", taxCsv(rows));
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: "BAD_USER_INPUT", message: expect.stringContaining("YYYY-Qn") });
    expect(await ingest.sql(`SELECT count(*)::int AS n FROM hub.batch`)).toEqual(before);
  });

  it("never crashes on malformed bodies: binary noise, an unclosed quote, a runaway line, nothing at all, the wrong type", async () => {
    const bodies: [string | Buffer, string?][] = [
      [Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256))],
      [`${taxCsv(rows)}"unclosed,quote\n`],
      [`tax_code,period,operating_status,employees,total_wages_vnd,province_code\n${"x".repeat(200_000)}\n`],
      [""],
      ["tax_code,period,operating_status,employees,total_wages_vnd,province_code\n"],
      ['{"query":"{ __typename }"}', "application/json"],
    ];
    for (const [body, contentType] of bodies) {
      const before = await ingest.state();
      const response = await ingest.post("tax", PERIOD, body, { contentType });
      expect([400, 413, 415]).toContain(response.status);
      expect(await ingest.state()).toEqual(before);
    }
    expect((await fetch(`${ingest.hub.url}/healthz`)).status).toBe(200);
  });

  it("refuses a body larger than the limit with 413, whether its length is declared or it just keeps coming", async () => {
    const before = await ingest.state();
    const headers = { "content-type": "text/csv", ...(await headersFor(TAX_PUBLISHER)) };
    const declared = await rawPost(
      `${ingest.hub.url}/ingest/tax?period=${PERIOD}`,
      { ...headers, "content-length": String(300 * 1024 * 1024) },
      Buffer.from(taxCsv(rows)),
    );
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).error.message).toMatch(/larger than the 65536 bytes/);
    // Chunked: the limit is found while streaming; the answer is 413 unless the connection is cut first.
    const streamed = await rawPost(`${ingest.hub.url}/ingest/tax?period=${PERIOD}`, headers, Buffer.from(taxCsv(Array.from({ length: 3000 }, () => rows[0]))));
    expect([413, -1]).toContain(streamed.status);
    expect(await ingest.state()).toEqual(before);
    expect((await fetch(`${ingest.hub.url}/healthz`)).status).toBe(200);
  });
});

describe("batches streaming in at once", () => {
  it("turns away one over LIENTHONG_INGEST_MAX_CONCURRENT with 503 and Retry-After, and takes it again once the first is done", async () => {
    const headers = { "content-type": "text/csv", ...(await headersFor(TAX_PUBLISHER)) };
    const url = `${ingest.hub.url}/ingest/tax?period=${PERIOD}`;
    const [header, ...lines] = taxCsv(rows).trimEnd().split("\n");
    // A second batch whose period is malformed: refused as busy while another streams, and otherwise
    // with 400 for its period, before anything is read or written.
    const second = async () => {
      const response = await fetch(`${ingest.hub.url}/ingest/tax?period=someday`, { method: "POST", headers, body: "x" });
      return { status: response.status, retryAfter: response.headers.get("retry-after"), body: await response.json() };
    };
    expect((await second()).status).toBe(400);
    // The first batch sends its header and holds the rest back, as a slow upload does.
    let answerFirst!: (value: { status: number; body: string }) => void;
    const first = new Promise<{ status: number; body: string }>((resolve) => (answerFirst = resolve));
    // A socket of its own: not one an earlier test's refused upload may have left half-closed.
    const upload = http.request(url, { method: "POST", headers, agent: false }, (response) => {
      let text = "";
      response.on("data", (chunk) => (text += chunk));
      response.on("end", () => answerFirst({ status: response.statusCode ?? 0, body: text }));
    });
    upload.on("error", (error) => answerFirst({ status: -1, body: error.message }));
    upload.write(`${header}\n`);
    // Probe only once the first is copying its rows in, or the probe itself could take the one slot.
    for (let attempt = 0; attempt < 200; attempt++) {
      const [copying] = await ingest.sql(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE query ILIKE 'COPY%FROM STDIN%' AND state = 'active'`);
      if (copying.n > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const busy = await second();
    expect(busy).toEqual({
      status: 503,
      retryAfter: "30",
      body: { error: { code: "SERVER_BUSY", message: expect.stringMatching(/1 batch\(es\) are already streaming.*LIENTHONG_INGEST_MAX_CONCURRENT/) } },
    });
    upload.end(`${lines.join("\n")}\n`);
    const done = await first;
    expect(done.status).toBe(200);
    expect(JSON.parse(done.body).status).toMatch(/APPLIED|DUPLICATE/);
    expect((await second()).status).toBe(400);
  });
});

/** A POST through node:http, which, unlike fetch, sends whatever Content-Length it is told; status -1 when the hub hangs up first. */
function rawPost(url: string, headers: Record<string, string>, body: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const request = http.request(url, { method: "POST", headers }, (response) => {
      let text = "";
      response.on("data", (chunk) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
      response.on("error", () => resolve({ status: -1, body: text }));
    });
    request.on("error", () => resolve({ status: -1, body: "" }));
    request.write(body);
    if (!headers["content-length"]) request.end();
  });
}
