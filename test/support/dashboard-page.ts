import { DASHBOARD_SECURITY_POLICY } from "../../src/dashboard";
import type { WatchedPage } from "./browser";

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

/** Opens the dashboard of the hub at `url` and signs in by pasting `token` and choosing `purpose` ("" for the token's first). */
export async function signInToDashboard(chromium: { open(url: string): Promise<WatchedPage> }, url: string, token: string, purpose = ""): Promise<WatchedPage> {
  const watched = await chromium.open(`${url}/dashboard`);
  await watched.page.getByLabel(/Access token/).fill(token);
  await watched.page.getByLabel(/Purpose/).selectOption(purpose);
  await watched.page.getByRole("button", { name: /Sign in/ }).click();
  return watched;
}
