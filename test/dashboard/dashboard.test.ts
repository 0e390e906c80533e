import { DASHBOARD_SECURITY_POLICY } from "../../src/dashboard";
import { useChromium, type WatchedPage } from "../support/browser";
import { signInToDashboard } from "../support/dashboard-page";
import { dataOf, useTestHub } from "../support/hub";
import { headersFor, tokenFor, NATIONAL_BHXH_INSPECTOR, type TestClaims } from "../support/tokens";

/**
 * The partner dashboard at GET /dashboard, driven in Chromium against a real hub: it loads only
 * from the hub, signs in with a pasted token and purpose, shows the provinces and their labour
 * force, and says what the hub refused.
 */
const hub = useTestHub();
const chromium = useChromium();

/** The statistics office, national: it reads every province's labour force. */
const STATISTICS_ANALYST: TestClaims = { agency: "statistics", roles: ["analyst"], purposes: ["statistics"] };

const digits = (text: string | null) => (text ?? "").replace(/\D/g, "");

/** Opens the dashboard and signs in with `token` and `purpose`. */
const signIn = (token: string, purpose = "") => signInToDashboard(chromium, hub.url, token, purpose);

/** Waits until the table holds `count` provinces. */
async function provinceRows(watched: WatchedPage, count: number) {
  const rows = watched.page.locator("#figures-table tbody tr");
  await rows.nth(count - 1).waitFor();
  return rows;
}

function expectOnlyTheHub(watched: WatchedPage): void {
  const origin = new URL(hub.url).origin;
  expect(watched.requests.length).toBeGreaterThan(0);
  for (const url of watched.requests) expect(new URL(url).origin).toBe(origin);
  for (const url of watched.webSockets) expect(new URL(url).host).toBe(new URL(hub.url).host);
  expect(watched.errors).toEqual([]);
}

describe("the dashboard", () => {
  it("loads its page, scripts and styles from the hub itself, under a policy that allows nothing else", async () => {
    const watched = await chromium.open(`${hub.url}/dashboard`);
    const { page } = watched;
    await page.getByRole("button", { name: /Sign in/ }).waitFor();
    // chart.js ran from our own copy: the page can draw.
    expect(await page.evaluate(() => typeof (window as unknown as { Chart?: unknown }).Chart)).toBe("function");
    const assets = watched.requests.filter((url) => new URL(url).pathname.startsWith("/dashboard/assets/"));
    expect(assets.map((url) => url.split("/").slice(6).join("/")).sort()).toEqual(
      expect.arrayContaining(["chart.umd.js", "dashboard.css", "dashboard.js", "documents.js", "graphql-ws/client.js"]),
    );
    // Its policy lets it open graphql-ws on the hub ('self' covers ws: on the same host), as live updates need.
    const opened = await page.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const socket = new WebSocket(url, "graphql-transport-ws");
          socket.onopen = () => {
            socket.close();
            resolve("open");
          };
          socket.onerror = () => resolve("refused");
        }),
      `${hub.url.replace("http", "ws")}/graphql`,
    );
    expect(opened).toBe("open");
    expectOnlyTheHub(watched);

    const response = await fetch(`${hub.url}/dashboard`);
    expect(response.headers.get("content-security-policy")).toBe(DASHBOARD_SECURITY_POLICY);
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    const asset = await fetch(assets.find((url) => url.endsWith("/dashboard.js"))!);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("content-type")).toContain("text/javascript");
    expect(asset.headers.get("cache-control")).toContain("immutable");
    await page.close();
  });

  it("says the hub refused a bad token, and why, and keeps the sign-in form", async () => {
    const watched = await signIn("not-a-token");
    const { page } = watched;
    const error = page.locator("#sign-in-error");
    await error.filter({ hasText: /refused the token/ }).waitFor();
    const direct = await hub.graphql("{ provinces { code } }", {}, { authorization: "Bearer not-a-token" });
    expect(await error.textContent()).toContain(direct.errors![0].message);
    expect(await page.getByRole("button", { name: /Sign in/ }).isVisible()).toBe(true);
    expect(await page.locator("#figures").isVisible()).toBe(false);
    expectOnlyTheHub(watched);
    await page.close();
  });

  it("shows the 34 provinces with their labour force to a good token, and keeps the token out of URLs and storage", async () => {
    const token = await tokenFor(STATISTICS_ANALYST);
    const watched = await signIn(token, "statistics");
    const { page } = watched;
    const rows = await provinceRows(watched, 34);
    expect(await rows.count()).toBe(34);

    const expected = dataOf(
      await hub.graphql<{ provinces: { code: string; name: string; labourForce: { workingAgeLabourForce: number; period: string } }[] }>(
        "{ provinces { code name labourForce { period workingAgeLabourForce } } }",
        {},
        await headersFor(STATISTICS_ANALYST),
      ),
    ).provinces;
    expect(expected).toHaveLength(34);
    for (const province of expected) {
      const row = page.locator(`#figures-table tr[data-province="${province.code}"]`);
      expect(await row.locator("th").textContent()).toBe(`${province.name} (${province.code})`);
      expect(digits(await row.locator('[data-field="workingAgeLabourForce"]').textContent())).toBe(String(province.labourForce.workingAgeLabourForce));
      expect(await row.locator('[data-field="labourForcePeriod"]').textContent()).toContain(province.labourForce.period);
    }
    // The chart draws the same provinces, and the page states the coverage rule it applies.
    const labels = await page.evaluate(() => {
      const chart = (window as any).Chart.getChart(document.getElementById("chart"));
      return chart.data.labels as string[];
    });
    expect(labels).toEqual(expected.map((p) => p.name));
    expect(await page.locator("#rule").textContent()).toMatch(/compulsory social insurance.*÷.*labour force of working age/s);

    expect(watched.requests.every((url) => !url.includes(token))).toBe(true);
    expect(page.url()).toBe(`${hub.url}/dashboard`);
    expect(await page.evaluate(() => sessionStorage.length + localStorage.length)).toBe(0);
    expect(await page.getByLabel(/Access token/).inputValue()).toBe("");
    expectOnlyTheHub(watched);
    await page.close();
  });

  it("names the fields the mandates refuse, and shows the rest", async () => {
    // A national BHXH inspector holds no mandate for the labour force (the statistics office grants it per province).
    const watched = await signIn(await tokenFor(NATIONAL_BHXH_INSPECTOR));
    const { page } = watched;
    await provinceRows(watched, 34);
    const problems = page.locator("#problems");
    await problems.filter({ hasText: "Province.labourForce" }).waitFor();
    expect(await problems.textContent()).toMatch(/refused/);
    expect(await page.locator('#figures-table tr[data-province="79"] [data-field="workingAgeLabourForce"]').textContent()).toBe("—");
    await page.close();
  });

  it("says so when the token does not allow the purpose chosen", async () => {
    const watched = await signIn(await tokenFor(STATISTICS_ANALYST), "inspection");
    const error = watched.page.locator("#sign-in-error");
    await error.filter({ hasText: /purpose was refused/ }).waitFor();
    expect(await error.textContent()).toContain("inspection");
    await watched.page.close();
  });
});
