import { createHash } from "node:crypto";
import { freePort } from "../support/free-port";
import { runNode, type RunningCommand } from "../support/processes";
import { testDatabaseUrl } from "../support/test-env";
import { expectDashboardServed } from "../support/dashboard-page";

// GraphiQL's assets load through dynamic import(), which jest's sandbox cannot run: test the real process.
let hub: RunningCommand;
let url: string;
beforeAll(async () => {
  hub = runNode("src/index.js", [], { DATABASE_URL: testDatabaseUrl(), PORT: String(await freePort()) });
  await hub.waitFor(/GraphiQL: (http:\/\/\S+)\/graphql/);
  url = /GraphiQL: (http:\/\/\S+)\/graphql/.exec(hub.output())![1];
});
afterAll(async () => {
  hub.child.kill("SIGINT");
  await hub.exited;
});

describe("GraphiQL", () => {
  it("is served to a browser at /graphql, with every asset from the hub itself and nothing from a CDN", async () => {
    const page = await fetch(`${url}/graphql`, { headers: { accept: "text/html,application/xhtml+xml" } });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    const html = await page.text();
    expect(html).not.toMatch(/(?:src|href)=["']https?:/);
    expect(html).not.toMatch(/unpkg|jsdelivr|cdnjs|googleapis/);
    const assets = [...html.matchAll(/(?:src|href)=["'](\/[^"']+\.(?:js|css))["']/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      const response = await fetch(`${url}${asset}`);
      expect(response.status).toBe(200);
      const body = await response.text();
      expect(body.length).toBeGreaterThan(100);
      expect(body).not.toMatch(/(?:from|import\()\s*["']https?:/);
    }
  });

  it("opens with a Liên thông example query and a headers editor holding x-purpose", async () => {
    const html = await (await fetch(`${url}/graphql`, { headers: { accept: "text/html" } })).text();
    expect(html).toContain("x-purpose");
    expect(html).toContain("OneEnterpriseSeenByFourAgencies");
  });

  it("runs under a Content-Security-Policy that allows its own inline scripts by hash and nothing from elsewhere", async () => {
    const page = await fetch(`${url}/graphql`, { headers: { accept: "text/html" } });
    const policy = page.headers.get("content-security-policy") ?? "";
    const directives = new Map(policy.split(/;\s*/).map((d) => [d.split(" ")[0], d.split(" ").slice(1)] as const));
    expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
    expect(directives.get("default-src")).toEqual(["'none'"]);
    expect(directives.get("connect-src")).toEqual(["'self'"]);
    const scriptSources = directives.get("script-src") ?? [];
    expect(scriptSources).not.toContain("'unsafe-inline'");
    expect(scriptSources).not.toContain("'unsafe-eval'");
    const inline = [...(await page.text()).matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    expect(inline.length).toBeGreaterThan(0);
    for (const body of inline) expect(scriptSources).toContain(`'sha256-${createHash("sha256").update(body).digest("base64")}'`);
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.headers.get("x-frame-options")).toBe("DENY");
  });
});

// The same compiled one-process hub (`npm start`) serves the dashboard: checked here rather than by starting another.
describe("the dashboard in npm start", () => {
  it("is served with its assets by the one-process hub", async () => {
    await expectDashboardServed(url);
  });
});
