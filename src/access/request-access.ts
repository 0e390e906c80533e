import { GraphQLError } from "graphql";
import { ErrorCode } from "../errors";
import type { Principal, Purpose } from "../identity/principal";
import { applicableMandates, whyMandateDoesNotApply, type AccessPolicy } from "./access-policy";
import type { CellAnswer, Withheld } from "./disclosure-control";
import type { Mandate } from "./mandate";
import { whyMayNotPublish } from "./publishers";

/** Counts below this are withheld from aggregate-only grantees, so no small group can be singled out. */
export const SMALLEST_DISCLOSED_COUNT = 5;

const WITHHELD_BECAUSE: Record<Withheld, string> = {
  primary: `fewer than ${SMALLEST_DISCLOSED_COUNT}: counts this small are withheld from aggregate-only mandates (primary suppression)`,
  secondary: `withheld so that a count of fewer than ${SMALLEST_DISCLOSED_COUNT} in the same table cannot be worked out by subtracting this one from a total (secondary suppression)`,
};

/** What access control decided during one request, for the audit row. */
export interface AccessReport {
  fieldsDenied: string[];
  mandatesUsed: string[];
  domains: string[];
  rowsReturned: number;
  /** Provinces of the records counted, sorted. */
  provincesReturned: string[];
}

/** What one request's access decisions recorded, as plain data (see RequestAccess.snapshot). */
export interface AccessSnapshot {
  denied: string[];
  used: string[];
  domains: string[];
  rows: number;
  provinces: string[];
  suppressed: SuppressionNote[];
}

/** A value withheld from the answer, explained in the response's `extensions.suppressed`. */
export interface SuppressionNote {
  path: (string | number)[];
  reason: string;
}

/**
 * One request's view of the mandates: which fields this principal may read for the stated purpose
 * at this instant, which province its rows are limited to, and what it touched (for the audit).
 * Built by createRequestContext; consulted at the door (src/access/door.ts) and by connection resolvers.
 */
export class RequestAccess {
  /** Rows are limited to this province when the principal's token names one. */
  readonly provinceScope: string | undefined;
  /** Enterprise rows are limited to these industrial zones when the token names some (claim zones). */
  readonly zoneScope: string[] | undefined;
  readonly suppressed: SuppressionNote[] = [];
  private readonly denied = new Set<string>();
  private readonly granted = new Map<string, { mandates: Mandate[]; domain?: string }>();
  private readonly used = new Set<string>();
  private readonly domains = new Set<string>();
  private rows = 0;
  private readonly provinces = new Set<string>();
  private grantsCache?: { record: Map<string, Mandate[]>; aggregate: Map<string, Mandate[]> };

  constructor(
    private readonly policy: AccessPolicy,
    readonly principal: Principal | null,
    readonly purpose: Purpose | null,
    /** Mandates are judged at the instant the request arrived, so a request sees one consistent rule set. */
    readonly now: Date,
  ) {
    this.provinceScope = principal?.provinceCode;
    this.zoneScope = principal?.zoneCodes;
  }

  /**
   * True when `coordinate` may be read; otherwise the FORBIDDEN error for that field's path. A
   * refusal is recorded at once; a grant is recorded (its mandates used, its owner's domain
   * touched) when the answer reaches the field: see `reached`.
   */
  decide(coordinate: string): true | GraphQLError {
    const verdict = this.judge(coordinate);
    if (verdict.granted) {
      this.granted.set(coordinate, verdict);
      return true;
    }
    this.denied.add(coordinate);
    return forbidden(coordinate, `${coordinate} is refused: ${verdict.reason ?? `no valid mandate covers it for ${this.who()}`}.`);
  }

  /**
   * True when `coordinate` may be read, without recording anything: for choosing what to ask
   * (a report leaves out a column its reader may not see) before the door decides on the asking.
   */
  mayRead(coordinate: string): boolean {
    return this.judge(coordinate).granted;
  }

  /** Records the grants of the coordinates the answer reached (src/access/reached-coordinates.ts). */
  reached(coordinates: Iterable<string>): void {
    for (const coordinate of coordinates) {
      const verdict = this.granted.get(coordinate);
      if (!verdict) continue;
      for (const mandate of verdict.mandates) {
        this.used.add(mandate.id);
        this.domains.add(mandate.owner);
      }
      if (verdict.domain) this.domains.add(verdict.domain);
    }
  }

  private judge(coordinate: string): { granted: true; mandates: Mandate[]; domain?: string } | { granted: false; reason?: string } {
    const fieldClass = this.policy.classes.get(coordinate);
    const byMandates = (mandates: Mandate[], reason?: string) =>
      mandates.length > 0 ? { granted: true as const, mandates } : { granted: false as const, reason };
    switch (fieldClass?.kind) {
      case "carried":
        return { granted: true, mandates: [] };
      case "reference":
        return this.policy.open.has(coordinate)
          ? { granted: true, mandates: [] }
          : { granted: false, reason: "it is reference data the mandates file does not open" };
      case "audit-readers": {
        const principal = this.principal;
        const reads = principal && (principal.roles.includes("operator") || this.policy.owners.includes(principal.agency));
        return reads
          ? { granted: true, mandates: [], domain: "hub" }
          : {
              granted: false,
              reason: `the audit log is read by the hub's operators (role operator) and by the owning agencies (${this.policy.owners.join(", ")}) for requests that touched their data`,
            };
      }
      case "batch-readers": {
        const principal = this.principal;
        const reads = principal && (principal.roles.includes("operator") || this.policy.owners.includes(principal.agency));
        return reads
          ? { granted: true, mandates: [], domain: "hub" }
          : {
              granted: false,
              reason: `delivered batches are read by the hub's operators (role operator) and by the owning agencies (${this.policy.owners.join(", ")}) for their own domain`,
            };
      }
      case "publish": {
        const why = whyMayNotPublish(this.principal, { name: fieldClass.domain, agency: fieldClass.agency });
        return why === undefined ? { granted: true, mandates: [], domain: fieldClass.domain } : { granted: false, reason: why };
      }
      case "owned": {
        const aggregate = this.grants().aggregate.get(coordinate) ?? [];
        const usable = [...(this.grants().record.get(coordinate) ?? []), ...(fieldClass.aggregate ? aggregate : [])];
        return byMandates(
          usable,
          aggregate.length > 0 ? `the mandates covering it for you are aggregate-only, counts not rows (${this.ids(aggregate)})` : undefined,
        );
      }
      case "enterprise-rows": {
        const aggregate = this.enterpriseGrants("aggregate");
        return byMandates(
          this.enterpriseGrants("record"),
          aggregate.length > 0 ? `your mandates on enterprises are aggregate-only (${this.ids(aggregate)}): ask for totalCount, not rows` : undefined,
        );
      }
      case "enterprise-count":
        return byMandates([...this.enterpriseGrants("record"), ...this.enterpriseGrants("aggregate")]);
      default:
        return { granted: false };
    }
  }

  /**
   * Throws FORBIDDEN on `field` (e.g. EnterpriseConnection.totalCount) when its filter `argument`
   * tests `tested`, a field this principal may not read: filtering on it would reveal it.
   */
  requireFilterable(field: string, argument: string, tested: string): void {
    const grants = this.grants();
    if ((grants.record.get(tested)?.length ?? 0) + (grants.aggregate.get(tested)?.length ?? 0) > 0) return;
    throw this.refuse(field, `${field} is refused: its filter ${argument} tests ${tested}, which no valid mandate lets ${this.who()} read.`);
  }

  /** True when this principal may read the batches `agency` delivered: an operator, or that agency itself (the hub's own batches, agency null, only operators). */
  readsBatchesOf(agency: string | null): boolean {
    const principal = this.principal;
    return principal !== null && (principal.roles.includes("operator") || (agency !== null && principal.agency === agency));
  }

  /** True when a record-level mandate covers some Enterprise field: such a principal sees exact counts under any filter. */
  readsEnterpriseRecords(): boolean {
    return this.enterpriseGrants("record").length > 0;
  }

  /**
   * The count to disclose from the protected table (only aggregate-only principals are answered
   * from it): null when disclosure control withholds it, with a note in the response's extensions.
   */
  disclosedCount(answer: CellAnswer, path: (string | number)[]): number | null {
    if (!answer.withheld) return answer.count;
    this.suppressed.push({ path, reason: WITHHELD_BECAUSE[answer.withheld] });
    return null;
  }

  /** The FORBIDDEN error refusing `field`, recorded for the audit row. */
  refuse(field: string, message: string): GraphQLError {
    this.denied.add(field);
    return forbidden(field, message);
  }

  /** `extensions` with the notes on withheld counts added, when there are any. */
  withSuppressionNotes<T extends Record<string, unknown>>(extensions: T | undefined): T | (T & { suppressed: SuppressionNote[] }) | undefined {
    return this.suppressed.length > 0 ? { ...(extensions as T), suppressed: this.suppressed } : extensions;
  }

  /** Agencies that own data in this graph (src/domains, gateway.yaml). */
  get owners(): readonly string[] {
    return this.policy.owners;
  }

  /** Every mandate granted to the principal's agency, with why it does not apply to this request (undefined when it does). */
  mandatesOfMyAgency(): { mandate: Mandate; reason: string | undefined }[] {
    const principal = this.principal;
    if (!principal) return [];
    return this.policy.mandates
      .filter((mandate) => mandate.grantee.agency === principal.agency)
      .map((mandate) => ({ mandate, reason: whyMandateDoesNotApply(mandate, principal, this.purpose, this.now) }));
  }

  /** Counts owner records placed in the answer, and notes the provinces of those that name one. */
  countRows(rows: number, provinceCodes: readonly string[] = []): void {
    this.rows += rows;
    for (const code of provinceCodes) this.provinces.add(code);
  }

  /**
   * What was decided, for the audit row. `fieldsTouched` (what the document selects) adds the hub
   * to the domains when the request read open reference data, which no rule had to judge.
   */
  report(fieldsTouched: readonly string[]): AccessReport {
    const domains = new Set(this.domains);
    if (fieldsTouched.some((c) => this.policy.classes.get(c)?.kind === "reference" && !this.denied.has(c))) domains.add("hub");
    return {
      fieldsDenied: [...this.denied].sort(),
      mandatesUsed: [...this.used].sort(),
      domains: [...domains].sort(),
      rowsReturned: this.rows,
      provincesReturned: [...this.provinces].sort(),
    };
  }

  /** Everything this request's decisions recorded, as plain data another thread can send back. */
  snapshot(): AccessSnapshot {
    return {
      denied: [...this.denied],
      used: [...this.used],
      domains: [...this.domains],
      rows: this.rows,
      provinces: [...this.provinces],
      suppressed: [...this.suppressed],
    };
  }

  /** Adds what the same request recorded in another thread (an execution worker) to this view. */
  absorb(snapshot: AccessSnapshot): void {
    for (const coordinate of snapshot.denied) this.denied.add(coordinate);
    for (const id of snapshot.used) this.used.add(id);
    for (const domain of snapshot.domains) this.domains.add(domain);
    for (const province of snapshot.provinces) this.provinces.add(province);
    this.rows += snapshot.rows;
    this.suppressed.push(...snapshot.suppressed);
  }

  private grants() {
    if (!this.grantsCache) {
      const record = new Map<string, Mandate[]>();
      const aggregate = new Map<string, Mandate[]>();
      for (const mandate of applicableMandates(this.policy, this.principal, this.purpose, this.now)) {
        const into = mandate.granularity === "record" ? record : aggregate;
        for (const field of mandate.fields) into.set(field, [...(into.get(field) ?? []), mandate]);
      }
      this.grantsCache = { record, aggregate };
    }
    return this.grantsCache;
  }

  /**
   * Mandates on some Enterprise field. Enterprise rows are the registry's, so when a registry
   * mandate covers them it is the one used (and audited); otherwise any owner's will do.
   */
  private enterpriseGrants(granularity: "record" | "aggregate"): Mandate[] {
    const byField = this.grants()[granularity];
    const all = [...new Set(this.policy.enterpriseFields.flatMap((field) => byField.get(field) ?? []))];
    const registry = all.filter((mandate) => mandate.owner === "registry");
    return registry.length > 0 ? registry : all;
  }

  private ids(mandates: Mandate[]): string {
    return [...new Set(mandates.map((m) => m.id))].join(", ");
  }

  private who(): string {
    if (!this.principal) return "anonymous requests (send a bearer token)";
    return `agency ${this.principal.agency} (${this.principal.roles.join(", ")}) for the purpose ${this.purpose}`;
  }
}

function forbidden(coordinate: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN, field: coordinate } });
}
