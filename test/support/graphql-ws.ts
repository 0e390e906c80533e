import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";

/**
 * graphql-ws clients for a test file, disposed after its tests. `connect(params, url)` opens a
 * lazy client (a socket per burst of operations) unless `lazy` is false (one socket kept).
 */
export function useGraphqlWsClients(defaultUrl: () => string) {
  const clients: Client[] = [];
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
  });
  return function connect(connectionParams: Record<string, unknown>, url = defaultUrl(), lazy = true): Client {
    const client = createClient({ url: `${url.replace("http", "ws")}/graphql`, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy, onNonLazyError: () => undefined });
    clients.push(client);
    return client;
  };
}

/** Runs one operation; resolves with its result, or rejects with the close event or errors. */
export function run(client: Client, query: string, variables?: Record<string, unknown>): Promise<any> {
  return new Promise((resolve, reject) => {
    let result: unknown;
    client.subscribe({ query, variables }, { next: (value) => (result = value), error: reject, complete: () => resolve(result) });
  });
}
