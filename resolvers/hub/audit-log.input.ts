import { Field, InputType } from "type-graphql";
import type { AuditOutcome } from "../../src/audit/audit-entry";
import { badUserInput } from "../../src/errors";
import { DateTimeScalar } from "../../src/graphql/scalars";
import { AGENCIES } from "../../src/identity/principal";
import type { AuditLogCriteria } from "./audit-log.queries";

/** Every outcome, as a record so that the compiler notices when AuditOutcome gains one. */
const OUTCOMES: Record<AuditOutcome, true> = { ok: true, partial: true, denied: true, unauthenticated: true, invalid: true, error: true };

/** Domains an audit row can name: the four owners and the hub's own reference data. */

@InputType({ description: "Narrows the audit log (nhật ký truy cập); all given filters must hold." })
export class AuditLogFilter {
  @Field(() => String, { nullable: true, description: "Only requests by this agency (cơ quan), e.g. labour." })
  agency?: string | null;

  @Field(() => String, { nullable: true, description: "Only requests by this person or system (the token's `sub`)." })
  subject?: string | null;

  @Field(() => String, { nullable: true, description: "Only requests with this outcome: ok, partial, denied, unauthenticated, invalid or error." })
  outcome?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Only requests that arrived at or after this instant." })
  from?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Only requests that arrived before this instant." })
  to?: Date | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Only requests that touched this domain's data: registry, tax, statistics, bhxh or hub. For the hub's operators; an owner always sees its own domain.",
  })
  domain?: string | null;
}

/** Validates a filter argument into query criteria; each problem names the field at fault. */
/** `owners`: the graph's data owners; with the hub itself, the domains an audit row may name. */
export function toAuditLogCriteria(filter: AuditLogFilter | null | undefined, owners: readonly string[]): AuditLogCriteria {
  if (!filter) return {};
  const criteria: AuditLogCriteria = {};
  if (filter.agency != null) criteria.agency = oneOf("filter.agency", filter.agency, AGENCIES);
  if (filter.subject != null) {
    if (filter.subject.length === 0 || filter.subject.length > 200) throw badUserInput("filter.subject", "a subject is 1 to 200 characters");
    criteria.subject = filter.subject;
  }
  if (filter.outcome != null) criteria.outcome = oneOf("filter.outcome", filter.outcome, Object.keys(OUTCOMES));
  if (filter.from != null) criteria.from = filter.from;
  if (filter.to != null) criteria.to = filter.to;
  if (criteria.from && criteria.to && criteria.from > criteria.to) {
    throw badUserInput("filter.to", "`to` must not be earlier than `from`", criteria.to.toISOString());
  }
  if (filter.domain != null) criteria.domain = oneOf("filter.domain", filter.domain, [...owners, "hub"]);
  return criteria;
}

function oneOf(argument: string, value: string, allowed: readonly string[]): string {
  if (!allowed.includes(value)) throw badUserInput(argument, `one of ${allowed.join(", ")}`, value);
  return value;
}
