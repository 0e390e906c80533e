import { useTestHub } from "../support/hub";

const hub = useTestHub();

function expectHardened(headers: Headers): void {
  const policy = headers.get("content-security-policy") ?? "";
  expect(policy).toContain("default-src 'none'");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(headers.get("x-content-type-options")).toBe("nosniff");
  expect(headers.get("x-frame-options")).toBe("DENY");
  expect(headers.get("referrer-policy")).toBe("no-referrer");
  expect(headers.get("x-powered-by")).toBeNull();
}

describe("security headers", () => {
  it("are on GraphQL's JSON answers: no sources, never framed, no sniffing", async () => {
    const response = await hub.graphql(`{ provinces { code } }`);
    expect(response.status).toBe(200);
    expectHardened(response.headers);
  });

  it("are on errors, health checks, metrics and unknown paths too", async () => {
    const malformed = await fetch(`${hub.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expect(malformed.status).toBe(400);
    expectHardened(malformed.headers);
    for (const path of ["/healthz", "/readyz", "/metrics", "/nowhere"]) expectHardened((await fetch(`${hub.url}${path}`)).headers);
  });

  it("are on the dashboard's page and assets, whose policy allows nothing but the hub itself", async () => {
    const page = await fetch(`${hub.url}/dashboard`);
    expectHardened(page.headers);
    const asset = /src="([^"]+\.js)"/.exec(await page.text())![1];
    expectHardened((await fetch(`${hub.url}${asset}`)).headers);
  });
});
