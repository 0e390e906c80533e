import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "../config";

/** One file the dashboard page loads, held in memory (the whole set is about 250 kB). */
export interface DashboardAsset {
  content: Buffer;
  contentType: string;
}

/** The dashboard's page and the files it loads, under one build id that changes when any of them does. */
export interface DashboardAssets {
  /** Folded into the asset URLs, so a URL never changes meaning and can be cached for good. */
  buildId: string;
  /** The page's HTML, its asset URLs pointing under `assetBase`. */
  page(assetBase: string): string;
  /** By name relative to the asset folder, e.g. "dashboard.js", "graphql-ws/client.js". */
  files: ReadonlyMap<string, DashboardAsset>;
}

/** Our own browser files: plain ES modules and CSS, served as they are (no bundler, nothing to build). */
const CLIENT_DIR = path.join(projectRoot(), "src", "dashboard", "client");
const PAGE_TEMPLATE = "dashboard.html";
/** Where the page's HTML names its assets; replaced by the versioned asset path. */
const ASSET_BASE_MARK = "%ASSETS%";

const CONTENT_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

/**
 * Reads the page, our scripts and the two libraries it uses from our own dependencies: chart.js's
 * UMD build (a classic script that defines `Chart`) and graphql-ws's browser client with the
 * modules it imports. Nothing is fetched from a CDN: agencies' networks are often closed.
 */
export function loadDashboardAssets(): DashboardAssets {
  const files = new Map<string, DashboardAsset>();
  const add = (name: string, file: string) => {
    const contentType = CONTENT_TYPES[path.extname(name)];
    if (!contentType) throw new Error(`The dashboard has no content type for ${name}`);
    files.set(name, { content: fs.readFileSync(file), contentType });
  };

  for (const name of fs.readdirSync(CLIENT_DIR).sort()) {
    if (name !== PAGE_TEMPLATE) add(name, path.join(CLIENT_DIR, name));
  }

  // chart.js exports no subpath to its UMD build; it sits beside the CommonJS entry.
  add("chart.umd.js", path.join(path.dirname(require.resolve("chart.js")), "chart.umd.js"));

  // The client's shared chunk has a content-hashed name that changes between releases: follow its imports.
  const wsDist = path.dirname(require.resolve("graphql-ws/client"));
  const wsClient = path.join(wsDist, "client.js");
  add("graphql-ws/client.js", wsClient);
  for (const imported of relativeImports(fs.readFileSync(wsClient, "utf8"))) {
    add(`graphql-ws/${imported}`, path.join(wsDist, imported));
  }

  const template = fs.readFileSync(path.join(CLIENT_DIR, PAGE_TEMPLATE), "utf8");
  const hash = createHash("sha256").update(template);
  for (const [name, { content }] of files) hash.update(`\0${name}\0`).update(content);
  return {
    buildId: hash.digest("base64url").slice(0, 12),
    page: (assetBase) => template.replaceAll(ASSET_BASE_MARK, assetBase),
    files,
  };
}

/** The sibling modules an ES module imports ("./common-….js"); anything else would not load in a browser and is refused. */
function relativeImports(source: string): string[] {
  // Statements only, at the start of a line: the client's messages quote `import WebSocket from 'ws'` for Node users.
  const specifiers = [...source.matchAll(/^(?:import|export)\s[^'";]*?\bfrom\s*['"]([^'"]+)['"];?$/gm)].map((m) => m[1]);
  return [
    ...new Set(
      specifiers.map((specifier) => {
        const match = /^\.\/([\w.-]+\.js)$/.exec(specifier);
        if (!match) throw new Error(`graphql-ws's browser client imports "${specifier}", which the dashboard cannot serve`);
        return match[1];
      }),
    ),
  ];
}
