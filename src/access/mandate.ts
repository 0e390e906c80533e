import type { Agency, Purpose, Role } from "../identity/principal";

/** Where a mandate comes from, cited as the document writes it (in Vietnamese). */
export interface LegalBasis {
  /** Number and symbol, e.g. "317/QĐ-UBND". */
  document: string;
  /** Date of issue, YYYY-MM-DD, or "undated" when the copy the hub holds carries no date. */
  date: string;
  /** Article, section or clause, e.g. "Điều 30" or "Mục III, khoản 2". */
  article: string;
  title: string;
}

export type Granularity = "record" | "aggregate";
/**
 * national; own-province: rows of the token's province; own-zones: rows of the enterprises in the
 * token's industrial zones (an industrial-zone board manages its zones' enterprises, not the province).
 */
export type MandateScope = "national" | "own-province" | "own-zones";

/**
 * The legal permission for one agency to see one owner's fields (shared/design.md, "Access:
 * mandates"). `fields` are schema coordinates, already expanded from `Type.*`.
 */
export interface Mandate {
  id: string;
  grantee: { agency: Agency; roles: Role[] };
  /** The domain or agency subgraph whose data it shares. */
  owner: string;
  fields: string[];
  granularity: Granularity;
  scope: MandateScope;
  /**
   * Provinces (codes in force) whose principals it applies to, when it rests on a provincial text:
   * such a text binds its own province's successor only. Undefined = every province.
   */
  provinces: string[] | undefined;
  purposes: Purpose[];
  legalBasis: LegalBasis;
  /** First instant the mandate applies. */
  validFrom: Date;
  /** First instant it no longer applies; undefined = open-ended. */
  validTo: Date | undefined;
  /** The dates as written in the file, for people reading myMandates. */
  validFromText: string;
  validToText: string | undefined;
}

/** Reference data published to anyone, with the basis for publishing it. */
export interface OpenData {
  fields: string[];
  legalBasis: LegalBasis;
}

/** The whole of schema/mandates.yaml, validated. */
export interface MandateSet {
  open: OpenData;
  mandates: Mandate[];
}
