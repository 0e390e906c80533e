import type { Principal } from "../identity/principal";

/**
 * Who may publish a domain's data: a principal with the role `publisher` of the agency that owns
 * it (shared/graph-contract.md, "Principals"). Mandates grant reading others' data; writing is never
 * granted to another agency, so it is this one rule, not a mandate. Returns why not, or undefined.
 */
export function whyMayNotPublish(
  principal: Principal | null,
  domain: { name: string; agency: string | null },
  dataset?: { name: string; publishers?: readonly string[] },
): string | undefined {
  const what = dataset ? `${domain.name} ${dataset.name}` : domain.name;
  // A dataset may name its publishers (coverage targets: the labour administration and People's Committees); else the owner publishes.
  const agencies = dataset?.publishers ?? (domain.agency === null ? [] : [domain.agency]);
  if (!principal) return `publishing ${what} data needs a publisher's bearer token`;
  if (!agencies.includes(principal.agency))
    return `${what} data is published by agency ${agencies.length > 0 ? agencies.join(" or ") : "(none)"} only, not ${principal.agency}`;
  if (!principal.roles.includes("publisher")) return `publishing needs the role publisher; your token has ${principal.roles.join(", ")}`;
  return undefined;
}
