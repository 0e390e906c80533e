import autocannon from "autocannon";
import http from "node:http";
import type { RequestSpec } from "./requests";
import { clusterCpuMs, cpuMs, peakRssMiB, resetPeakRss } from "./proc";

/** An answer counts as good when it is HTTP 200 without `errors`. */
const isGood = (body: string) => !body.includes('"errors"');

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)];

/** What one load window measured on one server. */
export interface Throughput {
  /** Good answers per second with `connections` clients sending back to back. */
  rps: number;
  good: number;
  /** Refused, failed or erroneous answers, and connection errors. */
  bad: number;
  /** CPU of the server process (every thread) per good answer. */
  cpuMsPerRequest: number;
  /** CPU of the PostgreSQL cluster per good answer (null when its processes cannot be seen). */
  pgCpuMsPerRequest: number | null;
  /** The server's peak resident memory in this window (since it started, where it cannot be reset). */
  peakRssMiB: number | null;
}

/** Loads `baseUrl` with autocannon for `seconds`: `connections` clients, each request picked at random from `specs`. */
export async function throughput(
  baseUrl: string,
  specs: readonly RequestSpec[],
  seconds: number,
  watch: { pid: number; postmasterPid?: number },
  connections = 8,
): Promise<Throughput> {
  resetPeakRss(watch.pid);
  const cpuBefore = cpuMs(watch.pid);
  const pgBefore = watch.postmasterPid ? clusterCpuMs(watch.postmasterPid) : 0;
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    timeout: 60,
    requests: [
      {
        setupRequest: (request) => {
          const spec = pick(specs);
          return { ...request, method: spec.method, path: spec.path, headers: spec.headers, body: spec.body ?? "" };
        },
      },
    ],
    verifyBody: isGood,
  });
  const cpu = cpuMs(watch.pid) - cpuBefore;
  const pgCpu = watch.postmasterPid ? clusterCpuMs(watch.postmasterPid) - pgBefore : null;
  const good = result["2xx"] - result.mismatches;
  const bad = result.non2xx + result.mismatches + result.errors;
  return {
    rps: good / result.duration,
    good,
    bad,
    cpuMsPerRequest: good > 0 ? cpu / good : NaN,
    pgCpuMsPerRequest: pgCpu === null || good === 0 ? null : pgCpu / good,
    peakRssMiB: peakRssMiB(watch.pid),
  };
}

/** One client's latency: percentiles in ms over the good answers. */
export interface Latency {
  p50: number;
  p99: number;
  samples: number;
  bad: number;
}

/**
 * One client sending back to back on one kept-alive connection for `seconds` (at least
 * `minSamples`, at most `maxSamples` requests), timed with the monotonic clock.
 */
export async function latency(baseUrl: string, specs: readonly RequestSpec[], seconds: number, minSamples = 20, maxSamples = 1000): Promise<Latency> {
  const client = new HttpClient(baseUrl);
  const times: number[] = [];
  let bad = 0;
  const until = Date.now() + seconds * 1000;
  try {
    while ((Date.now() < until || times.length + bad < minSamples) && times.length + bad < maxSamples) {
      const started = process.hrtime.bigint();
      const answer = await client.send(pick(specs));
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (answer.status === 200 && isGood(answer.body)) times.push(ms);
      else bad += 1;
    }
  } finally {
    client.close();
  }
  times.sort((a, b) => a - b);
  const percentile = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? NaN;
  return { p50: percentile(50), p99: percentile(99), samples: times.length, bad };
}

/** A minimal HTTP/1.1 client over one kept-alive connection (fetch costs more per request than the floor's answer). */
export class HttpClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  private readonly base: URL;

  constructor(baseUrl: string) {
    this.base = new URL(baseUrl);
  }

  send(spec: RequestSpec): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const request = http.request(
        { agent: this.agent, host: this.base.hostname, port: this.base.port, method: spec.method, path: spec.path, headers: spec.headers },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
          response.on("error", reject);
        },
      );
      request.on("error", reject);
      request.end(spec.body);
    });
  }

  /** Sends and parses a JSON answer, failing on anything but HTTP 200. */
  async json(spec: RequestSpec): Promise<any> {
    const answer = await this.send(spec);
    if (answer.status !== 200) throw new Error(`HTTP ${answer.status}: ${answer.body.slice(0, 500)}`);
    return JSON.parse(answer.body);
  }

  close(): void {
    this.agent.destroy();
  }
}
