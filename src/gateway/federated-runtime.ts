import { createGatewayRuntime, type GatewayPlugin, type GatewayRuntime } from "@graphql-hive/gateway-runtime";
import type { Transport } from "@graphql-mesh/transport-common";
import * as httpTransport from "@graphql-mesh/transport-http";
import { execute, GraphQLError, print, type DocumentNode, type ExecutionResult, type GraphQLFormattedError, type GraphQLSchema } from "graphql";
import type { RequestContext } from "../context";
import type { Logger } from "../logger";
import { signRequest, subgraphKey } from "./signing";

/** Where the gateway keeps the request context inside Hive's own context. */
const CONTEXT_KEY = "lienthong";

interface HiveContext {
  [CONTEXT_KEY]?: RequestContext;
}

export interface FederatedRuntimeOptions {
  supergraphSdl: string;
  /** Subgraphs executed in this process (through the transport hook, no HTTP): by name. */
  inProcess: ReadonlyMap<string, GraphQLSchema>;
  /** Subgraphs reached over HTTP, by URL: each request to them is signed with that subgraph's key. */
  remote: ReadonlyMap<string, string>;
  sharedKey: string;
  planner: "rust" | "javascript";
  logger: Logger;
}

/**
 * Hive Gateway's runtime, embedded: plans and runs operations that reach beyond the hosted domains
 * (another agency's subgraph, or ours served apart). The hosted subgraphs are executed in-process
 * through the transport hook; remote ones over HTTP with the gateway's signature. It is never
 * exposed on a port: the hub's own server admits, authorises and audits the request first.
 */
export class FederatedRuntime {
  private constructor(
    private readonly runtime: GatewayRuntime<HiveContext>,
    private readonly logger: Logger,
  ) {}

  static async start(options: FederatedRuntimeOptions): Promise<FederatedRuntime> {
    const http = httpTransport as unknown as Transport;
    const transport: Transport = {
      getSubgraphExecutor: (transportOptions) => {
        const schema = options.inProcess.get(transportOptions.subgraphName);
        if (!schema) return http.getSubgraphExecutor(transportOptions);
        return (request) => {
          const context = (request.context as HiveContext | undefined)?.[CONTEXT_KEY];
          if (!context) throw new Error("a hosted subgraph was asked without the gateway's request context");
          context.stats.subgraphRequests = (context.stats.subgraphRequests ?? 0) + 1;
          return execute({
            schema,
            document: request.document,
            variableValues: request.variables,
            operationName: request.operationName,
            contextValue: context,
          }) as never;
        };
      },
    };
    const planner = options.planner === "rust" ? rustPlanner(options.logger) : undefined;
    const runtime = createGatewayRuntime<HiveContext>({
      supergraph: options.supergraphSdl,
      ...(planner ? { unifiedGraphHandler: planner } : {}),
      transports: () => transport,
      logging: false,
      landingPage: false,
      graphiql: false,
      // Subgraphs' refusals (FORBIDDEN, BAD_USER_INPUT) must reach the client as they are; the hub's formatError masks the rest.
      maskedErrors: false,
      plugins: () => [signRemoteRequests(options.remote, options.sharedKey)],
    });
    return new FederatedRuntime(runtime, options.logger);
  }

  /** Runs an already admitted, authorised and rewritten operation; `context` travels to every subgraph call. */
  async execute(
    document: DocumentNode,
    operationName: string | null | undefined,
    variables: Record<string, unknown> | undefined,
    context: RequestContext,
  ): Promise<ExecutionResult> {
    const response = await this.runtime.fetch(
      "http://gateway.internal/graphql",
      {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/graphql-response+json, application/json" },
        body: JSON.stringify({ query: print(document), operationName: operationName ?? undefined, variables }),
      },
      { [CONTEXT_KEY]: context },
    );
    const result = (await response.json()) as { data?: Record<string, unknown> | null; errors?: GraphQLFormattedError[]; extensions?: Record<string, unknown> };
    // Apollo formats GraphQLErrors; the runtime's answer is JSON, so its errors are rebuilt as such, codes kept.
    const errors = result.errors?.map((error) => {
      // Without a code it is no refusal a subgraph meant: a fault, logged here since the client sees it masked.
      if (!error.extensions?.code || error.extensions.code === "INTERNAL_SERVER_ERROR")
        this.logger.error({ requestId: context.requestId, error }, "a federated operation failed");
      return new GraphQLError(error.message, { path: error.path, extensions: error.extensions });
    });
    return { data: result.data, ...(errors ? { errors } : {}) };
  }

  async dispose(): Promise<void> {
    await this.runtime.dispose();
  }
}

/** Signs every request to a remote subgraph with that subgraph's key and the request's principal. */
function signRemoteRequests(remote: ReadonlyMap<string, string>, sharedKey: string): GatewayPlugin<HiveContext> {
  const keys = new Map([...remote].map(([url, name]) => [url, subgraphKey(sharedKey, name)]));
  return {
    onFetch({ url, options, setOptions, context }) {
      const key = keys.get(url);
      const request = (context as HiveContext)[CONTEXT_KEY];
      if (!key || !request) return;
      request.stats.subgraphRequests = (request.stats.subgraphRequests ?? 0) + 1;
      const body = typeof options.body === "string" ? options.body : "";
      const signed = signRequest(key, { principal: request.principal, purpose: request.purpose, requestId: request.requestId, signedAt: Date.now() }, body);
      setOptions({ ...options, headers: { ...(options.headers as Record<string, string>), ...signed } });
    },
  };
}

/** Hive's Rust query planner when its native addon loads here (glibc Linux, macOS); otherwise the JavaScript one. */
function rustPlanner(logger: Logger) {
  try {
    // A native addon: loaded only when asked for, and allowed to be missing. Its typings come from
    // a second copy of fusion-runtime; the handler is the same shape.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require("@graphql-hive/router-runtime") as typeof import("@graphql-hive/router-runtime")).unifiedGraphHandler as never;
  } catch (error) {
    logger.warn({ err: error }, "the Rust query planner does not load on this machine; planning with Hive's JavaScript planner");
    return undefined;
  }
}
