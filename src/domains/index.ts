import { bhxh } from "../../resolvers/bhxh";
import { hub } from "../../resolvers/hub";
import { registry } from "../../resolvers/registry";
import { statistics } from "../../resolvers/statistics";
import { tax } from "../../resolvers/tax";
import type { Domain } from "./domain";

/**
 * The domains this hub hosts: the only list of them. Adding a domain is its folder under
 * resolvers/ and entities/, one entry here, and its owner in schema/mandates.yaml.
 */
export const DOMAINS = [hub, registry, tax, statistics, bhxh] as const;

export type HostedDomain = (typeof DOMAINS)[number];
export type DomainName = HostedDomain["name"];

/** Each domain's loaders for one request, by domain name. */
export type Loaders = { [D in HostedDomain as D["name"]]: ReturnType<D["createLoaders"]> };

/** Names of the domains whose data an owner agency publishes (all but the hub's own). */
export const OWNER_DOMAINS: readonly string[] = DOMAINS.filter((domain) => domain.agency !== null).map((domain) => domain.name);

export function domainNamed(name: string): Domain | undefined {
  return (DOMAINS as readonly Domain[]).find((domain) => domain.name === name);
}
