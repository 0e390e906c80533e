/**
 * The hardening figures of `npm run bench` (also alone: `npm run bench -- --hardening-only`), on a
 * hub over the demo dataset:
 *
 *   attacks      each attack of the hardening issue: the answer it now gets and how long it took
 *   memory       the hub's peak resident memory through the whole attack run (VmHWM)
 *   fairness     a light query's p50/p99 on an idle hub and while four clients run heavy but allowed queries
 *   limits cost  the nested query's throughput with the operation limits and budgets on, then off
 *
 * Every request goes to 127.0.0.1 only; every loop is bounded in count.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import WebSocket from "ws";
import { signToken } from "../../src/identity/sign-token";
import { freePort } from "../support/free-port";
import { PROJECT_ROOT, runNode, type RunningCommand } from "../support/processes";
import { SECRETS } from "./peer/systems";

const NESTED = fs.readFileSync(path.join(PROJECT_ROOT, "test/graph/nested-enterprises.graphql"), "utf8");
/** The hardening as good as off: limits and budgets that refuse and queue nothing, no execution workers. */
const LIMITS_OFF = {
  LIENTHONG_EXECUTION_WORKERS: "0",
  LIENTHONG_MAX_DEPTH: "1000000",
  LIENTHONG_MAX_ALIASES: "1000000",
  LIENTHONG_MAX_TOKENS: "1000000",
  LIENTHONG_MAX_DIRECTIVES: "1000000",
  LIENTHONG_MAX_COST: "1000000000000",
  LIENTHONG_MAX_ROWS: "1000000000000",
  LIENTHONG_COST_PER_MINUTE: "1000000000000",
  LIENTHONG_MAX_CONCURRENT_OPERATIONS: "10000",
  LIENTHONG_HEAVY_CONCURRENCY: "1000",
};

type Report = (name: string, value: string) => void;

interface Answer {
  status: number;
  code: string;
  ms: number;
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer & { body: any }> {
  const started = process.hrtime.bigint();
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  let parsed: any = {};
  try {
    parsed = JSON.parse(text);
  } catch {
    // an HTML or empty body: reported by status
  }
  const codes = [...new Set(((parsed.errors ?? []) as { extensions?: { code?: string } }[]).map((e) => e.extensions?.code ?? "?"))];
  return { status: response.status, code: codes.join(",") || "none", ms, body: parsed };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function startHub(dataDir: string, pgPort: number, env: Record<string, string> = {}): Promise<{ hub: RunningCommand; url: string }> {
  const hub = runNode("src/index.js", [], {
    ...SECRETS,
    DATABASE_URL: "",
    LIENTHONG_DATA_DIR: dataDir,
    LIENTHONG_PG_PORT: String(pgPort),
    PORT: String(await freePort()),
    LIENTHONG_LOG_LEVEL: "info",
    ...env,
  });
  await hub.waitFor(/GraphiQL: (http:\/\/\S+)\/graphql/, 300_000);
  return { hub, url: /GraphiQL: (http:\/\/\S+)\/graphql/.exec(hub.output())![1] };
}

async function stopHub(hub: RunningCommand): Promise<void> {
  hub.child.kill("SIGTERM");
  await hub.exited;
}

/** The hub's peak resident memory so far, in MiB (Linux). */
function peakRssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

/** Sends `messages` on one graphql-ws socket; resolves with how it ended and the time taken. */
function overSocket(
  url: string,
  messages: (ws: WebSocket) => void,
  until: (data: any, count: number) => boolean,
  timeoutMs = 60_000,
): Promise<{ outcome: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const ws = new WebSocket(`${url.replace("http", "ws")}/graphql`, "graphql-transport-ws");
    let count = 0;
    const codes = new Map<string, number>();
    const finish = (outcome: string) => {
      clearTimeout(timer);
      ws.removeAllListeners();
      ws.on("error", () => undefined);
      ws.terminate();
      resolve({ outcome, ms: Date.now() - started });
    };
    const timer = setTimeout(() => finish(`timed out after ${timeoutMs} ms`), timeoutMs);
    ws.on("error", () => undefined);
    ws.on("open", () => ws.send(JSON.stringify({ type: "connection_init", payload: {} })));
    ws.on("message", (raw) => {
      const data = JSON.parse(raw.toString());
      if (data.type === "connection_ack") return messages(ws);
      if (data.type === "error" || data.type === "next") {
        count += 1;
        const code = data.type === "error" ? data.payload?.[0]?.extensions?.code : (data.payload?.errors?.[0]?.extensions?.code ?? "answered");
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }
      if (until(data, count)) finish([...codes].map(([code, n]) => `${n}× ${code}`).join(", "));
    });
    ws.on("close", (code) => finish(`socket closed ${code}${codes.size ? ` after ${[...codes].map(([c, n]) => `${n}× ${c}`).join(", ")}` : ""}`));
  });
}

function cycle(levels: number): string {
  let selection = "code";
  for (let level = 0; level < levels; level++) selection = `code formerProvinces { successor { ${selection} } }`;
  return `{ provinces { ${selection} } }`;
}

async function attacks(url: string, inspector: Record<string, string>, report: Report): Promise<void> {
  const line = (name: string, answer: Answer) => report(`  ${name}`, `HTTP ${answer.status} ${answer.code} in ${answer.ms.toFixed(0)} ms`);
  line("12-level formerProvinces cycle, anonymous", await post(url, { query: cycle(12) }));
  const page = `enterprises(first: 100) { edges { node { taxCode name legalRepresentative { idNumber } bhxhUnit { code enrolment { period compulsoryInsured } } } } }`;
  line(
    "500 aliases of a 100-enterprise nested page",
    await post(url, { query: `{ ${Array.from({ length: 500 }, (_, i) => `a${i}: ${page}`).join(" ")} }` }, inspector),
  );
  line(
    "200 aliases × first: 100 (rows with ID numbers)",
    await post(
      url,
      {
        query: `{ ${Array.from({ length: 200 }, (_, i) => `a${i}: enterprises(first: 100) { edges { node { legalRepresentative { idNumber } } } }`).join(" ")} }`,
      },
      inspector,
    ),
  );
  line(
    "25 aliases × first: 100 (under the alias limit, over the row bound)",
    await post(
      url,
      { query: `{ ${Array.from({ length: 25 }, (_, i) => `a${i}: enterprises(first: 100) { edges { node { taxCode } } }`).join(" ")} }` },
      inspector,
    ),
  );
  line("1 MB operationName", await post(url, { query: "query Q { sectors { code } }", operationName: "Q".padEnd(1_000_000, "x") }));
  line(
    "900 KB argument value",
    await post(url, { query: `query($t: String!) { enterprise(taxCode: $t) { name } }`, variables: { t: "1".repeat(900_000) } }, inspector),
  );
  line(
    "NUL byte in an argument",
    await post(url, { query: `query($s: String) { enterprises(filter: { search: $s }) { totalCount } }`, variables: { s: "cong\u0000ty" } }, inspector),
  );
  // Written out by hand: JSON.stringify itself cannot nest that deep.
  const deep = `${'{"d":'.repeat(20_000)}"x"${"}".repeat(20_000)}`;
  line("20,000-deep JSON variables", await post(url, `{"query":"query($v: String) { industrialZones(provinceCode: $v) { code } }","variables":{"v":${deep}}}`));
  const forever = await signToken({ subject: "bench", agency: "bhxh", roles: ["inspector"], purposes: ["inspection"] }, SECRETS.LIENTHONG_JWT_SECRET, 1);
  const [header, payload] = forever.split(".");
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
  const { SignJWT } = await import("jose");
  const year9999 = await new SignJWT({ ...claims, exp: 253402300799 })
    .setProtectedHeader({ alg: "HS256" })
    .sign(new TextEncoder().encode(SECRETS.LIENTHONG_JWT_SECRET));
  void header;
  line("token with exp in the year 9999", await post(url, { query: "{ sectors { code } }" }, { authorization: `Bearer ${year9999}` }));
  line(
    "forged cursor (base64 of a tax code)",
    await post(
      url,
      {
        query: `query($a: String) { enterprises(first: 1, after: $a) { totalCount } }`,
        variables: { a: Buffer.from("enterprise:0100100079").toString("base64url") },
      },
      inspector,
    ),
  );
  line(
    "pasted 22-word legal name in filter.search",
    await post(
      url,
      {
        query: `query($s: String) { enterprises(filter: { search: $s }) { totalCount } }`,
        variables: { s: "Công ty Trách nhiệm hữu hạn Một thành viên Thương mại và Dịch vụ Xuất nhập khẩu Kỹ thuật Phú Thịnh Sài Gòn" },
      },
      inspector,
    ),
  );

  const aliases40k = `{ ${Array.from({ length: 40_000 }, (_, i) => `p${i}: provinces { communes { code } }`).join(" ")} }`;
  const big = await overSocket(
    url,
    (ws) => ws.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query: aliases40k } })),
    () => true,
  );
  report("  40,000 aliases of provinces { communes } over graphql-ws", `${big.outcome} in ${big.ms} ms`);
  const huge = await overSocket(
    url,
    (ws) =>
      ws.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query: "{ sectors { code } }", variables: { pad: "x".repeat(50 * 1024 * 1024) } } })),
    () => true,
  );
  report("  50 MB graphql-ws message", `${huge.outcome} in ${huge.ms} ms`);
  const flood = await overSocket(
    url,
    (ws) => {
      for (let i = 0; i < 5000; i++)
        ws.send(JSON.stringify({ id: String(i), type: "subscribe", payload: { query: "{ provinces { communes { code name } } }" } }));
    },
    (_data, count) => count >= 5000,
    120_000,
  );
  report("  5,000 operations on one graphql-ws socket", `${flood.outcome} in ${flood.ms} ms`);
}

/** A light query's latency, sequentially, `samples` times. */
async function lightLatency(url: string, headers: Record<string, string>, taxCode: string, samples: number): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const answer = await post(url, { query: `query($t: String!) { enterprise(taxCode: $t) { taxCode name status } }`, variables: { t: taxCode } }, headers);
    if (answer.status !== 200) throw new Error(`light query failed: ${JSON.stringify(answer.body)}`);
    times.push(answer.ms);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

/** Light p50/p99 on an idle hub, then while four other clients loop heavy (allowed) queries. */
async function fairness(url: string, report: Report, label: string): Promise<number> {
  const token = (subject: string) => signToken({ subject, agency: "bhxh", roles: ["inspector"], purposes: ["inspection"] }, SECRETS.LIENTHONG_JWT_SECRET, 1);
  const light = { authorization: `Bearer ${await token("light-client")}`, "x-purpose": "inspection" };
  const first = await post(url, { query: `{ enterprises(first: 1) { edges { node { taxCode } } } }` }, light);
  const taxCode = first.body.data.enterprises.edges[0].node.taxCode;
  await lightLatency(url, light, taxCode, 30); // warm-up
  const idle = await lightLatency(url, light, taxCode, 300);
  const heavyQuery = `{ ${[0, 1, 2].map((i) => `p${i}: enterprises(first: 100, filter: { status: [ACTIVE] }) { totalCount edges { node { taxCode name legalRepresentative { fullName } taxHeadcount { employees } bhxhUnit { code enrolment { compulsoryInsured arrears } } province { name } sector { name } } } }`).join(" ")} }`;
  let running = true;
  let heavyDone = 0;
  let heavyRefused = 0;
  const heavyClients = await Promise.all(
    [1, 2, 3, 4].map(async (n) => ({ authorization: `Bearer ${await token(`heavy-client-${n}`)}`, "x-purpose": "inspection" })),
  );
  const loops = heavyClients.map(async (headers) => {
    while (running) {
      const answer = await post(url, { query: heavyQuery }, headers);
      if (answer.status === 200) heavyDone += 1;
      else if (++heavyRefused === 1) process.stderr.write(`heavy query refused: ${JSON.stringify(answer.body).slice(0, 500)}\n`);
      if (heavyDone + heavyRefused > 10_000) break;
    }
  });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const loaded = await lightLatency(url, light, taxCode, 300);
  running = false;
  await Promise.all(loops);
  const ratio = loaded.p99 / idle.p99;
  report(
    `  light query (one enterprise) ${label}: idle vs 4 heavy clients`,
    `p50 ${idle.p50.toFixed(1)} → ${loaded.p50.toFixed(1)} ms, p99 ${idle.p99.toFixed(1)} → ${loaded.p99.toFixed(1)} ms (p99 ×${ratio.toFixed(2)}; heavy answered ${heavyDone}, refused ${heavyRefused})`,
  );
  return ratio;
}

/** The nested query's throughput with 8 clients (8 callers), for `seconds`. */
async function nestedThroughput(url: string, seconds: number): Promise<number> {
  const clients = await Promise.all(
    Array.from({ length: 8 }, async (_, n) => ({
      authorization: `Bearer ${await signToken({ subject: `throughput-${n}`, agency: "bhxh", roles: ["inspector"], purposes: ["inspection"] }, SECRETS.LIENTHONG_JWT_SECRET, 1)}`,
      "x-purpose": "inspection",
    })),
  );
  for (const headers of clients) await post(url, { query: NESTED, variables: { first: 100 } }, headers);
  const until = Date.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    clients.map(async (headers) => {
      while (Date.now() < until) {
        const answer = await post(url, { query: NESTED, variables: { first: 100 } }, headers);
        if (answer.status !== 200) throw new Error(`nested query refused: ${JSON.stringify(answer.body)}`);
        done += 1;
      }
    }),
  );
  return done / seconds;
}

/** Runs the hardening figures on a fresh embedded PostgreSQL with `enterprises` demo enterprises. */
export async function measureHardening(report: Report, enterprises = 20_000): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lienthong-bench-hardening-"));
  const pgPort = await freePort();
  const inspector = {
    authorization: `Bearer ${await signToken({ subject: "bench-attacker", agency: "bhxh", roles: ["inspector"], purposes: ["inspection"] }, SECRETS.LIENTHONG_JWT_SECRET, 1)}`,
    "x-purpose": "inspection",
  };
  try {
    report(`hardening (demo set of ${enterprises.toLocaleString("en-US")} enterprises)`, "");
    let { hub, url } = await startHub(dataDir, pgPort, { LIENTHONG_DEMO_ENTERPRISES: String(enterprises) });
    try {
      await attacks(url, inspector, report);
      report("  hub peak RSS through the attack run", `${peakRssMiB(hub.child.pid!).toFixed(0)} MiB`);
      const alive = await post(url, { query: "{ sectors { code } }" });
      report("  hub still answering after the attacks", `HTTP ${alive.status} in ${alive.ms.toFixed(0)} ms`);
      const withLimits = await fairness(url, report, "hardening on");
      const onThroughput = await nestedThroughput(url, 20);
      await stopHub(hub);
      ({ hub, url } = await startHub(dataDir, pgPort, LIMITS_OFF));
      const withoutLimits = await fairness(url, report, "hardening off (no limits, budgets, heavy lane or execution workers)");
      const offThroughput = await nestedThroughput(url, 20);
      report("  light p99 ratio under heavy load, hardening on vs off", `×${withLimits.toFixed(2)} vs ×${withoutLimits.toFixed(2)}`);
      report(
        "  nested query (first = 100) throughput, 8 callers: hardening on vs off",
        `${onThroughput.toFixed(1)} vs ${offThroughput.toFixed(1)} requests/s (×${(onThroughput / offThroughput).toFixed(2)})`,
      );
    } finally {
      await stopHub(hub);
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
