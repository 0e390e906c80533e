import { useTestHub } from "../support/hub";

const hub = useTestHub();

describe("the HTTP server", () => {
  it("answers /healthz while the process is up and /readyz when PostgreSQL is reachable and migrated", async () => {
    const health = await fetch(`${hub.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    const ready = await fetch(`${hub.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready" });
  });

  it("leaves Apollo's internet-loaded landing page off: a JSON GET is a GraphQL request", async () => {
    const response = await fetch(`${hub.url}/graphql?query=${encodeURIComponent("{ provinces { code } }")}`, {
      headers: { accept: "application/json", "apollo-require-preflight": "true" },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: { provinces: unknown[] } }).data.provinces).toHaveLength(34);
  });

  it("answers a malformed JSON body with a 400 and a JSON error, not a stack trace", async () => {
    const response = await fetch(`${hub.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"query": "{ provinces' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe("BAD_REQUEST");
    expect(JSON.stringify(body)).not.toMatch(/at .*\.js:\d+/);
  });

  it("reports a syntax error in the query as GRAPHQL_PARSE_FAILED and unknown fields as validation errors", async () => {
    const parse = await hub.graphql(`{ provinces { code `);
    expect(parse.errors![0].extensions!.code).toBe("GRAPHQL_PARSE_FAILED");
    const unknown = await hub.graphql(`{ provinces { population } }`);
    expect(unknown.errors![0].extensions!.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(unknown.errors![0].message).toContain("population");
  });

  it("tags every response with a request id of the hub's own, and echoes the client's beside it", async () => {
    const response = await hub.graphql(`{ provinces { code } }`, undefined, { "x-request-id": "trace-123" });
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(response.headers.get("x-client-request-id")).toBe("trace-123");
    const anonymous = await hub.graphql(`{ provinces { code } }`);
    expect(anonymous.headers.get("x-request-id")).not.toBe(response.headers.get("x-request-id"));
    expect(anonymous.headers.has("x-client-request-id")).toBe(false);
  });

  it("says where to go for an unknown path", async () => {
    const response = await fetch(`${hub.url}/nowhere`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toContain("/graphql");
  });
});
