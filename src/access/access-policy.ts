import type { GraphQLSchema } from "graphql";
import type { Principal, Purpose } from "../identity/principal";
import { classifyFields, mergeTypeAccess, type FieldClass, type TypeAccess } from "./field-classes";
import type { Mandate, MandateSet } from "./mandate";
import { loadMandates, type MandateReading } from "./mandates-file";

/** The mandates file compiled against the schema: what every field needs, and who holds it. */
export interface AccessPolicy {
  classes: Map<string, FieldClass>;
  mandates: Mandate[];
  /** Coordinates of open reference data. */
  open: Set<string>;
  openData: MandateSet["open"];
  /** Owned Enterprise fields: any grant on one of them lets a principal count or list enterprises. */
  enterpriseFields: string[];
  /** Who owns data fields of this graph: the hosted domains and agencies' own subgraphs. They may read the audit rows that touched their data. */
  owners: string[];
}

/** Classifies the schema's fields and validates the mandates file against them; throws MandatesFileError. */
export function compileAccessPolicy(
  schema: GraphQLSchema,
  mandatesFile: string,
  typeAccess: readonly TypeAccess[],
  reading: MandateReading = {},
  /** The hosted domains in their listed order: owners are named in it, other agencies' subgraphs after. */
  domainOrder: readonly string[] = [],
): AccessPolicy {
  const classes = classifyFields(schema, mergeTypeAccess(typeAccess));
  const set = loadMandates(mandatesFile, classes, reading);
  return {
    classes,
    mandates: set.mandates,
    open: new Set(set.open.fields),
    openData: set.open,
    enterpriseFields: [...classes].filter(([c, fc]) => c.startsWith("Enterprise.") && fc.kind === "owned").map(([c]) => c),
    // In the order the domains are listed (then other agencies' subgraphs), as messages name them.
    // (A domain may declare fields another owns, as the hub's analytics do, so encounter order is not enough.)
    owners: [
      ...new Set(
        typeAccess
          .flatMap((declaration) => Object.values(declaration).flatMap((entry) => [entry.fields, ...Object.values(entry.except ?? {})]))
          .flatMap((fc) => (fc?.kind === "owned" ? [fc.owner] : [])),
      ),
    ].sort((a, b) => rank(domainOrder, a) - rank(domainOrder, b)),
  };
}

/** Where `owner` stands in `order`; owners not in it after every one that is (a stable sort keeps their own order). */
function rank(order: readonly string[], owner: string): number {
  const index = order.indexOf(owner);
  return index < 0 ? order.length : index;
}

/** Why `mandate` does not apply to this principal, purpose and instant; undefined when it does. */
export function whyMandateDoesNotApply(mandate: Mandate, principal: Principal | null, purpose: Purpose | null, now: Date): string | undefined {
  if (!principal) return "anonymous requests hold no mandate";
  if (mandate.grantee.agency !== principal.agency) return `granted to ${mandate.grantee.agency}, not ${principal.agency}`;
  if (!mandate.grantee.roles.some((role) => principal.roles.includes(role))) return `needs one of the roles ${mandate.grantee.roles.join(", ")}`;
  if (now < mandate.validFrom) return `not valid until ${mandate.validFromText}`;
  if (mandate.validTo && now >= mandate.validTo) return `expired (valid to ${mandate.validToText})`;
  if (!purpose || !mandate.purposes.includes(purpose)) return `not for the purpose ${purpose ?? "(none)"}; it serves ${mandate.purposes.join(", ")}`;
  if (mandate.scope === "own-province" && !principal.provinceCode) return "covers a principal's own province, and the token names no province";
  if (mandate.scope === "own-zones" && !(principal.provinceCode && principal.zoneCodes))
    return "covers the enterprises of a principal's own industrial zones, and the token names no zones (claim zones, with its province)";
  if (mandate.provinces && !mandate.provinces.includes(principal.provinceCode!)) {
    return `it rests on a provincial text (${mandate.legalBasis.document}) and applies only in ${mandate.provinces.length === 1 ? "province" : "provinces"} ${mandate.provinces.join(", ")}, not ${principal.provinceCode}`;
  }
  return undefined;
}

/** Mandates that grant this principal anything for this purpose at this instant. */
export function applicableMandates(policy: AccessPolicy, principal: Principal | null, purpose: Purpose | null, now: Date): Mandate[] {
  if (!principal) return [];
  return policy.mandates.filter((mandate) => whyMandateDoesNotApply(mandate, principal, purpose, now) === undefined);
}
