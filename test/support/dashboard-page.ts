import { DASHBOARD_SECURITY_POLICY } from "../../src/dashboard";

/**
 * Checks that the hub at `url` serves the dashboard page under its own policy, and every script and
 * style the page names from itself. For the compiled processes (`npm start`, `npm run gateway`),
 * where the page's files are found from dist/ rather than from the sources.
 */
export async function expectDashboardServed(url: string): Promise<void> {
  const page = await fetch(`${url}/dashboard`);
  expect(page.status).toBe(200);
  expect(page.headers.get("content-type")).toContain("text/html");
  expect(page.headers.get("content-security-policy")).toBe(DASHBOARD_SECURITY_POLICY);
  const html = await page.text();
  const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
  expect(assets.length).toBeGreaterThanOrEqual(3);
  for (const asset of assets) {
    expect(asset).toMatch(/^\/dashboard\/assets\//);
    const response = await fetch(`${url}${asset}`);
    expect(response.status).toBe(200);
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(100);
  }
}
