// The industrial-zone management board's (izb) Federation 2 subgraph of the Liên thông hub.
// It answers only requests the hub's gateway signed; the hub decides, by its mandates, who may see
// these fields. Composition root: config → data → schema → HTTP server.
//
//   IZB_SUBGRAPH_KEY=<32+ characters shared with the gateway> node examples/industrial-zone-board/server.mjs
import { readFileSync } from "node:fs";
import http from "node:http";
import { ApolloServer, HeaderMap } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { parse } from "graphql";
import { operationLogPlugin } from "./operation-log.mjs";
import { missingSignature, verifySignedRequest } from "./signature.mjs";
import { loadWorkforceReports } from "./workforce-reports.mjs";

const MAX_BODY_BYTES = 1_048_576;

function readConfig(env) {
  const key = env.IZB_SUBGRAPH_KEY ?? "";
  if (key.length < 32) {
    throw new Error("IZB_SUBGRAPH_KEY must be set to the key shared with the Liên thông gateway, at least 32 characters.");
  }
  const port = Number(env.PORT ?? 4801);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}".`);
  return { key, port, host: env.HOST || "127.0.0.1" };
}

function buildSchema(reports) {
  const typeDefs = parse(readFileSync(new URL("./schema.graphql", import.meta.url), "utf8"));
  const resolvers = {
    Query: { zoneWorkforceReports: () => reports.size },
    // The reports are an in-memory Map, so a lookup per representation is the whole batch.
    Enterprise: {
      __resolveReference: ({ taxCode }) => ({ taxCode }),
      zoneWorkforce: ({ taxCode }) => reports.get(taxCode) ?? null,
    },
  };
  return buildSubgraphSchema({ typeDefs, resolvers });
}

/** A GraphQL-shaped error body, the only kind of body this server sends besides results and /healthz. */
function sendError(res, status, code, message, headers = {}) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/**
 * The raw request body, or undefined as soon as it exceeds `limit` bytes. The rest is left unread
 * (not destroyed, which would take the socket and the 413 with it); the 413 closes the connection.
 */
function readBody(req, limit) {
  if (Number(req.headers["content-length"]) > limit) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    const onData = (chunk) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off("data", onData).off("end", onEnd).pause();
      resolve(undefined);
    };
    const onEnd = () => resolve(Buffer.concat(chunks));
    req.on("data", onData).once("end", onEnd).once("error", reject);
  });
}

function createHandler({ apollo, key, log }) {
  return async (req, res) => {
    const { pathname } = new URL(req.url ?? "/", "http://localhost");
    if (pathname === "/healthz" && req.method === "GET") {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(JSON.stringify({ status: "ok" }));
    }
    if (pathname !== "/graphql") return sendError(res, 404, "NOT_FOUND", "Not found: this service serves POST /graphql and GET /healthz.");
    if (req.method !== "POST") return sendError(res, 405, "METHOD_NOT_ALLOWED", "Use POST for /graphql.", { allow: "POST" });
    // Headers first, so an unsigned caller never gets its body read; the signature itself needs the body.
    const unsigned = missingSignature(req.headers);
    if (unsigned) {
      log({ event: "refused", reason: unsigned });
      return sendError(res, 401, "UNAUTHENTICATED", unsigned);
    }
    if (!/^application\/json\s*(;|$)/i.test(req.headers["content-type"] ?? "")) {
      return sendError(res, 415, "BAD_REQUEST", "The body must be application/json.");
    }
    const body = await readBody(req, MAX_BODY_BYTES);
    if (!body) return sendError(res, 413, "BAD_REQUEST", `The body is larger than ${MAX_BODY_BYTES} bytes.`, { connection: "close" });
    // Nothing but the signed header says who is asking: authorization or x-principal are never read.
    const { principal, refused } = verifySignedRequest(key, req.headers, body);
    if (refused) {
      log({ event: "refused", reason: refused });
      return sendError(res, 401, "UNAUTHENTICATED", refused);
    }
    let graphqlRequest;
    try {
      graphqlRequest = JSON.parse(body.toString("utf8"));
    } catch {
      return sendError(res, 400, "BAD_REQUEST", "The body is not valid JSON.");
    }
    const headers = new HeaderMap([["content-type", "application/json"]]);
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: "POST", headers, search: "", body: graphqlRequest },
      context: async () => ({ principal }),
    });
    for (const [name, value] of result.headers) res.setHeader(name, value);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === "complete") return res.end(result.body.string);
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  };
}

async function main() {
  const config = readConfig(process.env);
  const log = (entry) => process.stdout.write(`${JSON.stringify(entry)}\n`);
  const reports = loadWorkforceReports(new URL("./zone-workforce.csv", import.meta.url));

  const httpServer = http.createServer();
  const apollo = new ApolloServer({
    schema: buildSchema(reports),
    // The gateway reads the schema through _service { sdl }; nobody else reaches this server.
    introspection: false,
    includeStacktraceInErrorResponses: false,
    // main() handles SIGTERM/SIGINT itself, so it can log the stop and exit with its own code.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // Traces go to Apollo's cloud, which this board does not use; disabled, stdout stays JSON lines only.
      ApolloServerPluginInlineTraceDisabled(),
      operationLogPlugin(log),
    ],
  });
  await apollo.start();

  const handle = createHandler({ apollo, key: config.key, log });
  httpServer.on("request", (req, res) => {
    handle(req, res).catch((error) => {
      log({ event: "error", message: String(error?.message ?? error) });
      if (!res.headersSent) sendError(res, 500, "INTERNAL_SERVER_ERROR", "Internal server error.");
      else res.destroy();
    });
  });
  await new Promise((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.port, config.host, resolve);
  });
  // Handlers before the "listening" line: whoever reads it may signal at once.
  let stopping;
  const stop = (signal) => {
    stopping ??= apollo.stop().then(
      () => log({ event: "stopped", signal }),
      (error) => {
        log({ event: "error", message: `stopping: ${error.message}` });
        process.exitCode = 1;
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));

  const { address, port } = httpServer.address();
  const host = address.includes(":") ? `[${address}]` : address;
  log({ event: "listening", url: `http://${host}:${port}/graphql` });
}

main().catch((error) => {
  process.stderr.write(`industrial-zone-board: ${error.message}\n`);
  process.exit(1);
});
