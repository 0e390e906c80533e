import fs from "node:fs";
import { parseDocument } from "yaml";

/** A subgraph the gateway reaches over HTTP: another agency's service, or one of ours served alone. */
export interface RemoteSubgraph {
  name: string;
  url: string;
}

/** gateway.yaml is wrong; the message says where. */
export class GatewayConfigError extends Error {}

const NAME = /^[a-z][a-z0-9-]{0,39}$/;

/**
 * Reads gateway.yaml (`subgraphs: [{ name, url }]`). A missing file means no remote subgraphs;
 * anything else malformed stops the start with the file, the entry and what is wrong.
 */
export function readGatewayConfig(file: string): { subgraphs: RemoteSubgraph[] } {
  if (!fs.existsSync(file)) return { subgraphs: [] };
  const document = parseDocument(fs.readFileSync(file, "utf8"));
  if (document.errors.length > 0) throw new GatewayConfigError(`${file}: ${document.errors[0].message.split("\n")[0]}`);
  const root = (document.toJS() ?? {}) as { subgraphs?: unknown };
  if (typeof root !== "object" || Array.isArray(root)) throw new GatewayConfigError(`${file}: must be a mapping with a \`subgraphs\` list`);
  for (const key of Object.keys(root)) if (key !== "subgraphs") throw new GatewayConfigError(`${file}: unknown key "${key}" (only \`subgraphs\`)`);
  const list = root.subgraphs ?? [];
  if (!Array.isArray(list)) throw new GatewayConfigError(`${file}: \`subgraphs\` must be a list of { name, url }`);
  const seen = new Set<string>();
  const subgraphs = list.map((entry: unknown, index: number) => {
    const where = `${file}: subgraphs[${index}]`;
    if (typeof entry !== "object" || entry === null) throw new GatewayConfigError(`${where} must be { name, url }`);
    const { name, url, ...rest } = entry as Record<string, unknown>;
    if (Object.keys(rest).length > 0) throw new GatewayConfigError(`${where}: unknown key "${Object.keys(rest)[0]}" (only name and url)`);
    if (typeof name !== "string" || !NAME.test(name))
      throw new GatewayConfigError(`${where}: name must be lower-case letters, digits and hyphens (it becomes an owner in mandates.yaml)`);
    if (seen.has(name)) throw new GatewayConfigError(`${where}: the name ${name} is used twice`);
    seen.add(name);
    if (typeof url !== "string" || !/^https?:\/\/[^\s]+$/.test(url))
      throw new GatewayConfigError(`${where} (${name}): url must be an http(s) URL of the subgraph's GraphQL endpoint`);
    return { name, url };
  });
  return { subgraphs };
}
