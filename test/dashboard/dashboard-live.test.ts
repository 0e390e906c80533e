import { randomUUID } from "node:crypto";
import { useChromium } from "../support/browser";
import { signInToDashboard } from "../support/dashboard-page";
import type { Page } from "playwright-core";
import { queryAt } from "../support/fresh-database";
import { subscriptionsStarted } from "../support/graphql-ws";
import { useIngestHub } from "../support/ingest";
import { publishEnrolment } from "../support/publish";
import { tokenFor, type TestClaims } from "../support/tokens";

/**
 * The dashboard follows BHXH's batches live: a batch lands and the province's figures change on
 * the open page, without a reload. BHXH publishes each batch as a CSV file through
 * POST /ingest/bhxh, as its publisher would, so the page sees the event data in raises.
 * Batches write, so the hub runs over a database of its own.
 */
const PROVINCE = "79";
const ingest = useIngestHub("lienthong_dashboard_live", 400);
const chromium = useChromium();

/** The province's compulsory insured in its latest month, summed here independently of the hub. */
async function compulsoryInsured(province: string): Promise<number> {
  const [row] = await queryAt(
    ingest.url,
    `SELECT sum(e.compulsory_insured)::int AS n FROM bhxh.enrolment e JOIN bhxh.unit u ON u.code = e.unit_code
      WHERE u.province_code = $1 AND e.period = (SELECT max(e2.period) FROM bhxh.enrolment e2 JOIN bhxh.unit u2 ON u2.code = e2.unit_code WHERE u2.province_code = $1)`,
    [province],
  );
  return row.n;
}

/** The province's figure in the table, as digits, once it equals `expected`. */
async function waitForFigure(page: Page, province: string, expected: number): Promise<void> {
  await page.waitForFunction(([selector, digits]) => document.querySelector(selector)?.textContent?.replace(/\D/g, "") === digits, [
    `#figures-table tr[data-province="${province}"] [data-field="compulsoryInsured"]`,
    String(expected),
  ] as const);
}

/** The bar the chart draws for `province`, and what the bars show. */
function barOf(page: Page, province: string): Promise<{ value: number | null; label: string }> {
  return page.evaluate((code) => {
    const chart = (window as any).Chart.getChart(document.getElementById("chart"));
    const index = [...document.querySelectorAll("#figures-table tbody tr")].findIndex((tr) => (tr as HTMLElement).dataset.province === code);
    return { value: chart.data.datasets[0].data[index], label: chart.data.datasets[0].label };
  }, province);
}

describe("the dashboard, live", () => {
  it("changes a province's number and bar when a BHXH batch lands, without a reload", async () => {
    // A provincial BHXH analyst reads enrolment and its own province's labour force, so its coverage too.
    const subject = `dashboard-live-${randomUUID()}`;
    const analyst: TestClaims = { agency: "bhxh", roles: ["analyst"], purposes: ["statistics"], province: PROVINCE, sub: subject };
    const watched = await signInToDashboard(chromium, ingest.hub.url, await tokenFor(analyst), "statistics");
    const { page } = watched;
    const before = await compulsoryInsured(PROVINCE);
    await waitForFigure(page, PROVINCE, before);
    const barBefore = await barOf(page, PROVINCE);
    expect(barBefore.label).toMatch(/Coverage/);
    expect(barBefore.value).not.toBeNull();
    // Anything the page keeps on its window survives only if it is not reloaded.
    await page.evaluate(() => ((window as any).notReloaded = true));

    await subscriptionsStarted(ingest.url, subject, 1);
    await publishEnrolment(ingest.hub.url, ingest.url, PROVINCE, "file");
    const after = await compulsoryInsured(PROVINCE);
    expect(after).toBeGreaterThan(before);

    await waitForFigure(page, PROVINCE, after);
    const barAfter = await barOf(page, PROVINCE);
    expect(barAfter.label).toBe(barBefore.label);
    expect(barAfter.value).toBeGreaterThan(barBefore.value!);
    expect(await page.locator("#last-update").textContent()).toContain(String(after).replace(/\B(?=(\d{3})+(?!\d))/g, "."));
    expect(await page.evaluate(() => (window as any).notReloaded)).toBe(true);
    expect(watched.errors).toEqual([]);
    await page.close();
  });

  it("follows all 34 provinces for a national reader, over more than one socket when one may not hold them all", async () => {
    const subject = `dashboard-live-${randomUUID()}`;
    const national: TestClaims = { agency: "bhxh", roles: ["analyst"], purposes: ["statistics"], sub: subject };
    const watched = await signInToDashboard(chromium, ingest.hub.url, await tokenFor(national), "statistics");
    const { page } = watched;
    const other = "79";
    const [before, otherBefore] = [await compulsoryInsured("01"), await compulsoryInsured(other)];
    await waitForFigure(page, "01", before);
    // A socket holds 32 subscriptions by default (LIENTHONG_WS_MAX_SUBSCRIPTIONS): 34 need a second.
    await subscriptionsStarted(ingest.url, subject, 34);
    expect(watched.webSockets.length).toBeGreaterThanOrEqual(2);

    await publishEnrolment(ingest.hub.url, ingest.url, "01", "file");
    const after = await compulsoryInsured("01");
    expect(after).toBeGreaterThan(before);
    await waitForFigure(page, "01", after);
    expect((await barOf(page, "01")).value).toBe(after);
    expect((await barOf(page, other)).value).toBe(otherBefore);
    expect(watched.errors).toEqual([]);
    await page.close();
  });
});
