import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

/** Debian's Chromium (.ci/run installs it): test tools' own browser downloads do not work on these machines. */
const CHROMIUM = "/usr/bin/chromium";

/** Nothing in the background: the browser's only traffic is the page's, so a test can account for every request. */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** What a page did while a test watched it: every request and WebSocket it opened, and its console errors. */
export interface WatchedPage {
  page: Page;
  /** URLs of every HTTP request the page made (documents, scripts, styles, fetches). */
  requests: string[];
  /** URLs of every WebSocket the page opened. */
  webSockets: string[];
  /** Console errors (a CSP violation shows here) and uncaught exceptions; not the HTTP statuses Chromium logs. */
  errors: string[];
}

/**
 * Chromium for a test file, in a fresh profile folder, closed and removed after its tests.
 * `open(url)` opens a new page and records what it does.
 */
export function useChromium(): { open(url: string): Promise<WatchedPage> } {
  let context: BrowserContext | undefined;
  let profile: string | undefined;
  beforeAll(async () => {
    profile = fs.mkdtempSync(path.join(os.tmpdir(), "lienthong-chromium-"));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await context?.close();
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
  });
  return {
    async open(url) {
      const page = await context!.newPage();
      const watched: WatchedPage = { page, requests: [], webSockets: [], errors: [] };
      page.on("request", (request) => watched.requests.push(request.url()));
      page.on("websocket", (socket) => watched.webSockets.push(socket.url()));
      page.on("console", (message) => {
        // Chromium logs every 4xx answer; the page handles those (a refused token is a 401) and says so itself.
        if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) watched.errors.push(message.text());
      });
      page.on("pageerror", (error) => watched.errors.push(String(error)));
      await page.goto(url);
      return watched;
    },
  };
}
