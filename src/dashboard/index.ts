import { Router } from "express";
import type { Request, Response } from "express";
import { loadDashboardAssets } from "./dashboard-assets";

/** The asset URLs embed the build id, so a given URL can never change meaning. */
const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * The page's Content-Security-Policy: scripts, styles and connections (HTTP and graphql-ws, which
 * 'self' covers for ws: on the same host) from this hub only; no inline script or style, no
 * images, fonts or frames; never framed. `form-action 'none'` keeps the sign-in form from ever
 * being submitted by the browser, so the token cannot end up in a URL even if the script fails.
 */
export const DASHBOARD_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * Serves the partner dashboard at GET `path` (and `path/`) and its assets under
 * `path/assets/<build id>/`: coverage and enrolment per province, live over graphql-ws. Every
 * other request falls through.
 */
export function dashboardRouter(path = "/dashboard"): Router {
  const assets = loadDashboardAssets();
  const assetBase = `${path}/assets/${assets.buildId}`;
  const html = assets.page(assetBase);

  const router = Router();
  router.get([path, `${path}/`], (_req: Request, res: Response) => {
    res.set({
      "Content-Security-Policy": DASHBOARD_SECURITY_POLICY,
      "Content-Type": "text/html; charset=utf-8",
      // A new release must reach the browser at once: only the page names the new build id.
      "Cache-Control": "no-cache",
    });
    res.send(html);
  });
  router.get(`${assetBase}/*name`, (req: Request, res: Response, next) => {
    const name = (req.params as { name: string[] }).name.join("/");
    const asset = assets.files.get(name);
    if (!asset) return next();
    res.set({ "Content-Type": asset.contentType, "Cache-Control": IMMUTABLE });
    res.send(asset.content);
  });
  return router;
}
