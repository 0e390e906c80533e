import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { brotliDecompress, gzip } from "node:zlib";
import { Router } from "express";
import type { NextFunction, Request, Response } from "express";
import { ruruHTML } from "ruru/server";
import type { RuruClientConfig } from "ruru/server";
import { getStaticFile } from "ruru/static";
import type { StaticFile } from "ruru/static";

export interface GraphiqlOptions {
  /** URL path of the GraphQL HTTP endpoint, e.g. "/graphql" */
  endpoint: string;
  /** ws:// path for subscriptions (graphql-ws), e.g. "/graphql"; may be absent today */
  subscriptionEndpoint?: string;
  /** A default headers JSON string shown in the headers editor, e.g. '{"x-purpose": "statistics"}' */
  defaultHeaders?: string;
  /** page title */
  title?: string;
  /** The query a first-time visitor finds in the editor. */
  defaultQuery?: string;
}

const brotliDecompressAsync = promisify(brotliDecompress);
const gzipAsync = promisify(gzip);

// The asset URLs embed a content hash, so a given URL can never change meaning.
const IMMUTABLE = "public, max-age=31536000, immutable";

// The API types come first so that clients with no stated preference (curl's
// */*, a missing Accept header) are left to Apollo rather than handed HTML.
const NEGOTIATED_TYPES = ["application/json", "application/graphql-response+json", "multipart/mixed", "text/event-stream", "text/html"];

type Encoding = "br" | "gzip" | "identity";

/** The Ruru props we set; they are serialised to JSON into the page. */
interface ClientConfig {
  isHeadersEditorEnabled: boolean;
  defaultEditorToolsVisibility: boolean | "variables" | "headers";
  debugTools: Array<"explain" | "plan">;
  defaultHeaders?: string;
  defaultQuery?: string;
}

const HTML_ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

const escapeHTML = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);

const stripTrailingSlashes = (path: string): string => path.replace(/\/+$/, "");

/** Serves GraphiQL at GET `endpoint` for browsers (Accept: text/html) and its assets under a static path; every other request falls through to next(). */
export function graphiqlRouter(options: GraphiqlOptions): Router {
  const endpointPath = stripTrailingSlashes(options.endpoint);
  // Assets live beneath the endpoint so the router works both when mounted at
  // the app root and when mounted on the endpoint path next to Apollo.
  const assetRoot = `${endpointPath}/graphiql/`;
  const title = options.title ?? "Liên thông · GraphiQL";

  if (options.defaultHeaders !== undefined) {
    // A typo here would only surface as a confusing error in every user's
    // browser, so refuse to start instead.
    let parsed: unknown;
    try {
      parsed = JSON.parse(options.defaultHeaders);
    } catch (e) {
      throw new TypeError(`graphiqlRouter: defaultHeaders is not valid JSON: ${String(e)}`);
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      throw new TypeError("graphiqlRouter: defaultHeaders must be a JSON object");
    }
  }

  // Ruru's chunk names are not content-hashed, so the entry bundle's hash is
  // folded into the asset path to make the long cache lifetime safe across
  // upgrades. Resolved lazily: the 4MB bundle is only loaded once someone
  // actually opens GraphiQL.
  let setup: Promise<{ staticPath: string; html: string; csp: string }> | null = null;
  const getSetup = (): Promise<{ staticPath: string; html: string; csp: string }> => {
    if (setup === null) {
      setup = (async () => {
        const probe = "/";
        const entry = await getStaticFile({
          staticPath: probe,
          urlPath: `${probe}ruru.js`,
          acceptEncoding: "br",
          disallowDevAssets: true,
        });
        if (!entry) throw new Error("ruru static bundle is missing ruru.js");
        const buildId = createHash("sha256").update(entry.content).digest("base64url").slice(0, 12);
        const staticPath = `${assetRoot}${buildId}/`;
        const clientConfig: ClientConfig = {
          isHeadersEditorEnabled: true,
          // Users must paste Authorization / x-purpose headers before their
          // first query, so open the headers pane rather than variables.
          defaultEditorToolsVisibility: "headers",
          // Explain is a PostGraphile feature; without this Ruru may send
          // X-PostGraphile-Explain headers our hub does not understand.
          debugTools: [],
          ...(options.defaultHeaders !== undefined ? { defaultHeaders: options.defaultHeaders } : {}),
          ...(options.defaultQuery !== undefined ? { defaultQuery: options.defaultQuery } : {}),
        };
        const html = ruruHTML({
          endpoint: endpointPath || "/",
          ...(options.subscriptionEndpoint !== undefined ? { subscriptionEndpoint: options.subscriptionEndpoint } : {}),
          // Must be set: Ruru's default points at unpkg.com, which is
          // unreachable on closed government networks.
          staticPath,
          // ruru-types derives these props from graphiql's React-typed props,
          // which degrade to required `any`s when @types/react is absent, and
          // it omits defaultEditorToolsVisibility although Ruru forwards it.
          clientConfig: clientConfig as unknown as RuruClientConfig,
          htmlParts: { titleTag: `<title>${escapeHTML(title)}</title>` },
        });
        return { staticPath, html, csp: pageSecurityPolicy(html) };
      })();
      setup.catch(() => {
        setup = null;
      });
    }
    return setup;
  };

  // Some browsers only advertise brotli over HTTPS, and intranet deployments
  // are often plain HTTP; re-deriving the 1.2MB entry bundle per request
  // would be wasteful, and the set of files is small and fixed.
  const variants = new Map<string, Promise<Buffer>>();
  const variant = (key: string, file: StaticFile, encoding: Encoding): Promise<Buffer> => {
    const cacheKey = `${key}\0${encoding}`;
    let buffer = variants.get(cacheKey);
    if (!buffer) {
      buffer = (async () => {
        if (encoding === "br") return file.content;
        const plain = await brotliDecompressAsync(file.content);
        return encoding === "gzip" ? gzipAsync(plain, { level: 9 }) : plain;
      })();
      buffer.catch(() => variants.delete(cacheKey));
      variants.set(cacheKey, buffer);
    }
    return buffer;
  };

  const servePage = async (_req: Request, res: Response): Promise<void> => {
    const { html, csp } = await getSetup();
    res.set({
      "Content-Security-Policy": csp,
      "Content-Type": "text/html; charset=utf-8",
      // The same URL answers JSON for API clients, so shared caches must not
      // hand this page to them.
      Vary: "Accept",
      "Cache-Control": "no-cache",
    });
    res.send(html);
  };

  const serveAsset = async (req: Request, res: Response, next: NextFunction, fullPath: string): Promise<void> => {
    const { staticPath, csp } = await getSetup();
    if (!fullPath.startsWith(staticPath)) return next();
    const file = await getStaticFile({
      staticPath,
      urlPath: fullPath,
      acceptEncoding: "br",
      // Source maps would add ~10MB of memory for a devtools nicety.
      disallowDevAssets: true,
    });
    if (!file) return next();

    const accepted = req.acceptsEncodings("br", "gzip", "identity");
    const encoding: Encoding = accepted === "br" || accepted === "gzip" ? accepted : "identity";
    const body = await variant(fullPath.slice(staticPath.length), file, encoding);
    const contentType = file.headers["content-type"];
    const etag = file.headers.etag;
    res.set({
      ...(contentType !== undefined ? { "Content-Type": contentType } : {}),
      // Each encoding is a distinct representation and needs its own tag.
      ...(etag !== undefined ? { ETag: encoding === "br" ? etag : etag.replace(/"$/, `-${encoding}"`) } : {}),
      "Cache-Control": IMMUTABLE,
      Vary: "Accept-Encoding",
      "X-Content-Type-Options": "nosniff",
      // A worker runs under the policy its own script is served with, and imports chunks from here.
      "Content-Security-Policy": csp,
    });
    if (encoding !== "identity") res.set("Content-Encoding", encoding);
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.set("Content-Length", String(body.length));
    res.status(200).end(req.method === "HEAD" ? undefined : body);
  };

  const router = Router();
  router.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    // Rebuild the absolute path so the router behaves the same wherever it is mounted.
    const fullPath = `${req.baseUrl}${req.path}`;
    if (stripTrailingSlashes(fullPath) === endpointPath) {
      if (req.accepts(NEGOTIATED_TYPES) !== "text/html") return next();
      servePage(req, res).catch(next);
      return;
    }
    if (fullPath.startsWith(assetRoot)) {
      serveAsset(req, res, next, fullPath).catch(next);
      return;
    }
    next();
  });
  return router;
}

/**
 * The Content-Security-Policy of the GraphiQL page: its own inline scripts (by hash, as generated)
 * and assets from this hub only, fetches to this hub only, never framed. Styles must allow
 * 'unsafe-inline': GraphiQL and its editor set style attributes at run time.
 */
function pageSecurityPolicy(html: string): string {
  const scriptHashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    ([, body]) => `'sha256-${createHash("sha256").update(body).digest("base64")}'`,
  );
  return [
    "default-src 'none'",
    `script-src 'self' ${scriptHashes.join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}
