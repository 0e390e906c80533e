import type { Principal } from "../identity/principal";

/**
 * Who may publish a domain's data: a principal with the role `publisher` of the agency that owns
 * it (shared/graph-contract.md, "Principals"). Mandates grant reading others' data; writing is never
 * granted to another agency, so it is this one rule, not a mandate. Returns why not, or undefined.
 */
export function whyMayNotPublish(principal: Principal | null, domain: { name: string; agency: string | null }): string | undefined {
  if (!principal) return `publishing ${domain.name} data needs a publisher's bearer token`;
  if (domain.agency === null || principal.agency !== domain.agency) return `${domain.name} data is published by agency ${domain.agency ?? "(none)"} only, not ${principal.agency}`;
  if (!principal.roles.includes("publisher")) return `publishing needs the role publisher; your token has ${principal.roles.join(", ")}`;
  return undefined;
}
