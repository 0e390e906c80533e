/** The agency codes a token's `agency` claim may carry (shared/graph-contract.md, "Principals"). */
export const AGENCIES = ["registry", "tax", "statistics", "bhxh", "labour", "union", "ppc", "izb"] as const;
export type Agency = (typeof AGENCIES)[number];

export const ROLES = ["publisher", "analyst", "inspector", "operator"] as const;
export type Role = (typeof ROLES)[number];

export const PURPOSES = ["enrolment", "inspection", "target-setting", "statistics", "monitoring", "public-disclosure"] as const;
export type Purpose = (typeof PURPOSES)[number];

/** Who is asking: the verified claims of a token. A request without a token has no principal (anonymous). */
export interface Principal {
  /** The person or system (`sub`). */
  subject: string;
  agency: Agency;
  roles: Role[];
  /** Two-digit province the principal is limited to; undefined = national. */
  provinceCode?: string;
  /**
   * Industrial-zone codes (hub.industrial_zone) the principal is limited to, all in its province:
   * an industrial-zone board manages its zones' enterprises, not the whole province. Undefined = no zone limit.
   */
  zoneCodes?: string[];
  /** Purposes the principal may state, in the token's order; the first is the default. */
  purposes: Purpose[];
}

export function isAgency(value: unknown): value is Agency {
  return typeof value === "string" && (AGENCIES as readonly string[]).includes(value);
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function isPurpose(value: unknown): value is Purpose {
  return typeof value === "string" && (PURPOSES as readonly string[]).includes(value);
}
