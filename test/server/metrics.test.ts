import { useTestHub } from "../support/hub";

const hub = useTestHub();

/** The samples of a Prometheus text exposition, by series as written (`name{labels}`). */
async function scrape(): Promise<Map<string, number>> {
  const response = await fetch(`${hub.url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/plain");
  const samples = new Map<string, number>();
  for (const line of (await response.text()).split("\n")) {
    const match = /^(\S+)\s+(\S+)$/.exec(line);
    if (match && !line.startsWith("#")) samples.set(match[1], Number(match[2]));
  }
  return samples;
}

describe("GET /metrics", () => {
  it("counts requests by outcome and error code, with their latency by operation type", async () => {
    const before = await scrape();
    await hub.graphql(`{ provinces { code } }`);
    await hub.graphql(`{ provinces { code } }`);
    await hub.graphql(`{ enterprise(taxCode: "12") { name } }`);
    await hub.graphql(`{ provinces { code } }`, undefined, { authorization: "Bearer not-a-token" });
    const after = await scrape();
    const moved = (series: string) => (after.get(series) ?? 0) - (before.get(series) ?? 0);
    expect(moved('lienthong_requests_total{outcome="ok",code="none"}')).toBe(2);
    expect(moved('lienthong_requests_total{outcome="invalid",code="BAD_USER_INPUT"}')).toBe(1);
    expect(moved('lienthong_requests_total{outcome="unauthenticated",code="UNAUTHENTICATED"}')).toBe(1);
    expect(moved('lienthong_request_duration_seconds_count{operation_type="query"}')).toBe(3);
    expect(moved('lienthong_request_duration_seconds_bucket{le="+Inf",operation_type="query"}')).toBe(3);
  });

  it("shows the audit writer's commits and queue, and the database pool", async () => {
    await hub.graphql(`{ provinces { code } }`);
    const samples = await scrape();
    expect(samples.get("lienthong_audit_commit_seconds_count")).toBeGreaterThan(0);
    expect(samples.get("lienthong_audit_queue_depth")).toBe(0);
    expect(samples.get('lienthong_db_pool_connections{state="total"}')).toBeGreaterThan(0);
    expect(samples.has('lienthong_db_pool_connections{state="idle"}')).toBe(true);
    expect(samples.get('lienthong_db_pool_connections{state="waiting"}')).toBe(0);
    expect(samples.get("process_cpu_user_seconds_total")).toBeGreaterThan(0);
  });

  it("declares the limit and budget refusal counters the operation limits increment", async () => {
    const text = await (await fetch(`${hub.url}/metrics`)).text();
    expect(text).toContain("# TYPE lienthong_limit_refusals_total counter");
    expect(text).toContain("# TYPE lienthong_budget_rejections_total counter");
  });
});
