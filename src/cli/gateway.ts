import "reflect-metadata";
import { readGatewayConfig } from "../gateway/gateway-config";
import { runGateway } from "../index";

/**
 * `npm run gateway`: the gateway alone, over the subgraphs gateway.yaml names (ours served with
 * `npm run subgraph`, and other agencies'). It keeps the door: tokens, limits, mandates, audit,
 * GraphiQL, graphql-ws, health and metrics; every field is fetched from its subgraph.
 */
runGateway((config) => {
  const { subgraphs } = readGatewayConfig(config.gatewayConfigFile);
  if (subgraphs.length === 0) {
    throw new Error(
      `${config.gatewayConfigFile} names no subgraphs: the gateway alone needs every subgraph's name and URL (README, "Deploying across agencies").`,
    );
  }
  return { hosted: false, remote: subgraphs };
}).catch((error: Error) => {
  process.stderr.write(`The gateway could not start: ${error.message}\n`);
  process.exitCode = 1;
});
