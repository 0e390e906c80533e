import { signToken } from "../../src/identity/sign-token";
import { SECRETS } from "./peer/systems";

/** Coverage of every province in one request (issue 10: under 200 ms on the national set), with the gap to its target and the 20% floor, as a national BHXH analyst. */
const COVERAGE_OF_ALL = `{ provinces { code
  coverage(period: "2026-Q3") { participants compulsoryInsured voluntaryInsured unemploymentInsured rate unemploymentInsuranceRate reason }
  progress(period: "2026-Q3") { rateTarget participantsTarget participantGap rateGapPoints unemploymentInsuranceRateGapPoints reason }
  belowCoverageFloor(period: "2026-Q3") } }`;

/** p50, p99 and max of `requests` sequential requests for all 34 provinces' coverage, against a hub on the national set. */
export async function measureCoverage(url: string, requests = 25): Promise<{ p50: number; p99: number; max: number; statements: number }> {
  const token = await signToken({ subject: "bench-coverage", agency: "bhxh", roles: ["analyst"], purposes: ["statistics"] }, SECRETS.LIENTHONG_JWT_SECRET, 1);
  const times: number[] = [];
  let statements = 0;
  for (let i = 0; i < requests; i++) {
    const started = process.hrtime.bigint();
    const response = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "x-purpose": "statistics" },
      body: JSON.stringify({ query: COVERAGE_OF_ALL }),
    });
    const body = (await response.json()) as { errors?: unknown[]; extensions?: { stats?: { sqlStatements: number } } };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    statements = body.extensions?.stats?.sqlStatements ?? 0;
  }
  times.sort((a, b) => a - b);
  return {
    p50: times[Math.floor(times.length / 2)],
    p99: times[Math.min(times.length - 1, Math.ceil(0.99 * times.length) - 1)],
    max: times[times.length - 1],
    statements,
  };
}
