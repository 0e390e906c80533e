import { randomUUID } from "node:crypto";
import type { RemoteSubgraph } from "./gateway-config";
import { signRequest, subgraphKey } from "./signing";
import type { SubgraphDefinition } from "../federation/supergraph";

/** A remote subgraph could not be reached or did not answer as a Federation 2 subgraph. */
export class RemoteSubgraphError extends Error {}

const ATTEMPTS = 5;
const TIMEOUT_MS = 5_000;

/**
 * Asks each remote subgraph for its SDL (`{ _service { sdl } }`), signed like any gateway request.
 * A subgraph still starting gets a few seconds; one that never answers stops the start, naming it.
 */
export async function fetchRemoteSdl(remote: readonly RemoteSubgraph[], sharedKey: string): Promise<SubgraphDefinition[]> {
  return Promise.all(
    remote.map(async (subgraph) => {
      let lastProblem = "";
      for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
        try {
          const body = await askSigned<{ _service?: { sdl?: unknown } }>(subgraph, sharedKey, "{ _service { sdl } }");
          const sdl = body._service?.sdl;
          if (typeof sdl !== "string") throw new RemoteSubgraphError("its answer has no _service.sdl: is it a Federation 2 subgraph?");
          return { name: subgraph.name, url: subgraph.url, sdl };
        } catch (error) {
          lastProblem = (error as Error).message;
          if (error instanceof RemoteSubgraphError) break;
          await new Promise((resolve) => setTimeout(resolve, attempt * 400));
        }
      }
      throw new RemoteSubgraphError(`Subgraph ${subgraph.name} (${subgraph.url}, gateway.yaml) did not give its schema: ${lastProblem}`);
    }),
  );
}

/** Problems reaching the remote subgraphs (a signed `{ __typename }`), for /readyz; empty when all answer. */
export async function unreachableSubgraphs(remote: readonly RemoteSubgraph[], sharedKey: string): Promise<string[]> {
  const problems = await Promise.all(
    remote.map(async (subgraph) => {
      try {
        await askSigned(subgraph, sharedKey, "{ __typename }");
        return undefined;
      } catch (error) {
        return `subgraph ${subgraph.name} (${subgraph.url}): ${(error as Error).message}`;
      }
    }),
  );
  return problems.filter((problem): problem is string => problem !== undefined);
}

async function askSigned<Data>(subgraph: RemoteSubgraph, sharedKey: string, query: string): Promise<Data> {
  const body = JSON.stringify({ query });
  const headers = signRequest(subgraphKey(sharedKey, subgraph.name), { principal: null, purpose: null, requestId: randomUUID(), signedAt: Date.now() }, body);
  const response = await fetch(subgraph.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (response.status === 401)
    throw new RemoteSubgraphError("it refused the gateway's signature (401): give it the key `npm run subgraph:key` prints for its name");
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const answer = (await response.json()) as { data?: Data; errors?: { message: string }[] };
  if (!answer.data) throw new RemoteSubgraphError(answer.errors?.[0]?.message ?? "no data in its answer");
  return answer.data;
}
