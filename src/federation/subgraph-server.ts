import http from "node:http";
import type { AddressInfo } from "node:net";
import express, { type NextFunction, type Request, type Response } from "express";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import type { HubConfig } from "../config";
import { contextForPrincipal, type RequestContext } from "../context";
import { RequestDeadline, type Database, type StatementStats } from "../database";
import type { AccessPolicy } from "../access";
import { insertRefusals, rewriteForAccess } from "../access/door";
import { CursorCodec } from "../graphql/cursors";
import { formatErrorForClient } from "../graphql/error-masking";
import { auditKey } from "../audit";
import { EntityReferences } from "../domains/references";
import { EnterpriseCountTable } from "../../resolvers/registry/enterprise-count-table";
import { PRINCIPAL_HEADER, SIGNATURE_HEADER, subgraphKey, verifyRequest, type SignedPrincipal } from "../gateway/signing";
import type { Logger } from "../logger";
import type { HostedSubgraph } from "./subgraph-schemas";

/** Federation's own fields, which carry no owner's data: the door lets them through and judges what is selected inside. */
const FEDERATION_FIELDS = new Set(["Query._entities", "Query._service", "_Service.sdl"]);

export interface RunningSubgraph {
  name: string;
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Serves one hosted domain as a Federation 2 subgraph, as an agency hosting its own part runs it.
 * Only requests the gateway signed are answered (401 otherwise, before anything is parsed); the
 * principal and purpose come from the signed header, never from a client's. Row scope (province)
 * and aggregate-only answers are applied by the domain's own SQL from that principal, and the
 * mandates are applied again at this door, so a request that reached it some other way cannot
 * widen what it returns.
 */
export async function startSubgraphServer(options: {
  subgraph: HostedSubgraph;
  config: HubConfig;
  db: Database;
  accessPolicy: AccessPolicy;
  sharedKey: string;
  logger: Logger;
}): Promise<RunningSubgraph> {
  const { subgraph, config, db, accessPolicy, logger } = options;
  const key = subgraphKey(options.sharedKey, subgraph.name);
  const deps = {
    db,
    config,
    accessPolicy,
    cursors: new CursorCodec(auditKey(config)),
    enterpriseCountTable: new EnterpriseCountTable(config.disclosureCacheSeconds),
    // Other domains' entities are returned as keys: the gateway asks their owners for the rest.
    references: new EntityReferences(new Set([subgraph.name])),
  };
  const app = express();
  app.disable("x-powered-by");
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<RequestContext>({
    schema: subgraph.schema,
    formatError: formatErrorForClient,
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      mandatesAtThisDoor(subgraph),
    ],
  });
  await apollo.start();
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok", subgraph: subgraph.name });
  });
  app.post(
    "/graphql",
    express.text({ type: "application/json", limit: config.maxBodyBytes }),
    (req: Request, res: Response, next: NextFunction) => {
      const body = typeof req.body === "string" ? req.body : "";
      const verdict = verifyRequest(key, { principal: header(req, PRINCIPAL_HEADER), signature: header(req, SIGNATURE_HEADER) }, body);
      if ("refused" in verdict) {
        logger.warn({ subgraph: subgraph.name, reason: verdict.refused, remote: req.socket.remoteAddress }, "refused an unsigned or wrongly signed request");
        res.status(401).json({ errors: [{ message: `Refused: ${verdict.refused}.`, extensions: { code: "UNAUTHENTICATED" } }] });
        return;
      }
      try {
        req.body = JSON.parse(body) as unknown;
      } catch {
        res.status(400).json({ errors: [{ message: "Bad request: the body is not JSON.", extensions: { code: "BAD_REQUEST" } }] });
        return;
      }
      res.locals.signed = verdict;
      const stats: StatementStats = { sqlStatements: 0, deadline: new RequestDeadline(config.requestDeadlineMs) };
      res.locals.stats = stats;
      res.on("close", () => stats.deadline?.dispose());
      next();
    },
    expressMiddleware(apollo, {
      context: async ({ res }) => {
        const signed = res.locals.signed as SignedPrincipal;
        const identity = { requestId: signed.requestId, clientRequestId: null, startedAt: new Date(signed.signedAt) };
        return contextForPrincipal(deps, signed.principal, signed.purpose, identity, res.locals.stats as StatementStats, undefined);
      },
    }),
  );
  app.use((_req, res) => {
    res.status(404).json({ error: `Not found. This is the ${subgraph.name} subgraph: POST /graphql (signed by the gateway), GET /healthz.` });
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  let stopping: Promise<void> | undefined;
  return { name: subgraph.name, port, url: `http://${config.host}:${port}/graphql`, stop: () => (stopping ??= apollo.stop()) };
}

/** The mandates applied again here, by the same door the gateway uses: a second line, one decision per field. */
function mandatesAtThisDoor(subgraph: HostedSubgraph): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      let refused: ReturnType<typeof rewriteForAccess>["refused"] = [];
      return {
        async didResolveOperation(requestContext) {
          const { contextValue: context } = requestContext;
          const rewrite = rewriteForAccess(subgraph.schema, requestContext.document, requestContext.operationName, (coordinate) =>
            FEDERATION_FIELDS.has(coordinate) ? true : context.access.decide(coordinate),
          );
          if (rewrite.unchanged) return;
          refused = rewrite.refused;
          (requestContext as { document: typeof rewrite.document }).document = rewrite.document;
        },
        async willSendResponse({ response }) {
          if (refused.length === 0 || response.body.kind !== "single") return;
          response.body.singleResult = insertRefusals(response.body.singleResult as never, refused) as never;
        },
      };
    },
  };
}

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
