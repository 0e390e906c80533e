import { sharedSubgraphKey } from "../assemble";
import { loadConfig } from "../config";
import { subgraphKey } from "../gateway/signing";

/**
 * `npm run subgraph:key -- <name>`: prints the key a subgraph checks the gateway's signature with
 * (derived from LIENTHONG_SUBGRAPH_KEY, or the local one): give it to the agency running that
 * subgraph, e.g. as IZB_SUBGRAPH_KEY for examples/industrial-zone-board.
 */
function main(): void {
  const [name, ...rest] = process.argv.slice(2);
  if (!name || name.startsWith("-") || rest.length > 0) {
    process.stderr.write("Prints the signing key of one subgraph: npm run subgraph:key -- <subgraph name, as in gateway.yaml>\n");
    process.exitCode = name === "--help" || name === "-h" ? 0 : 2;
    return;
  }
  process.stdout.write(`${subgraphKey(sharedSubgraphKey(loadConfig()), name)}\n`);
}

main();
