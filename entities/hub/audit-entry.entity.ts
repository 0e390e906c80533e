import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../../src/graphql/scalars";

/**
 * One row of the audit log as the graph shows it. Not a TypeORM entity: the table is written only
 * by src/audit (append-only, hash-chained) and read through resolvers/hub/audit-log.queries.ts.
 * The variables a request carried are not shown: even protected, they are the operators' business.
 */
@ObjectType({ description: "One request to the hub as the audit log (nhật ký truy cập) recorded it: who asked, why, what was read or refused." })
export class AuditEntry {
  @Field(() => ID, { description: "Position in the append-only, hash-chained log (số thứ tự); 1 is the first request ever recorded." })
  seq: string;

  @Field(() => DateTimeScalar, { description: "When the request arrived (thời điểm truy cập)." })
  at: Date;

  @Field({ description: "The hub's own id for the request, returned to the caller in the x-request-id response header." })
  requestId: string;

  @Field(() => String, {
    nullable: true,
    description:
      "The x-request-id the caller sent, if any, also echoed in the x-client-request-id response header. One over 64 characters is cut, with its length and a keyed hash.",
  })
  clientRequestId: string | null;

  @Field(() => String, { nullable: true, description: "The person or system that asked (the token's `sub`); null for anonymous or unauthenticated requests." })
  subject: string | null;

  @Field(() => String, { nullable: true, description: "Agency of the caller (cơ quan), e.g. bhxh or labour; null for anonymous requests." })
  agency: string | null;

  @Field(() => [String], { description: "Roles of the caller: publisher, analyst, inspector, operator." })
  roles: string[];

  @Field(() => String, { nullable: true, description: "Two-digit province the caller is limited to (mã tỉnh); null for a national caller." })
  provinceCode: string | null;

  @Field(() => String, { nullable: true, description: "Purpose the request stated (mục đích sử dụng), e.g. inspection." })
  purpose: string | null;

  @Field(() => String, { nullable: true, description: "query, mutation, subscription or subscription-event; null when the document did not parse." })
  operationType: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The operation's name as the client gave it, if any. One over 100 characters is cut, with its length and a keyed hash.",
  })
  operationName: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Keyed hash (HMAC-SHA256 with the audit key, hex) of the GraphQL document, to match requests that sent the same query. Keyed, so that it cannot be matched against guessed documents.",
  })
  documentHash: string | null;

  @Field(() => [String], { description: "Fields the request resolved or tried to, as schema coordinates (Type.field)." })
  fieldsTouched: string[];

  @Field(() => [String], { description: "Ids of the mandates (ủy quyền khai thác) that granted the fields this request read." })
  mandatesUsed: string[];

  @Field(() => [String], { description: "Fields refused with FORBIDDEN, as schema coordinates (Type.field)." })
  fieldsDenied: string[];

  @Field(() => [String], { description: "Owner domains whose data the request touched: registry, tax, statistics, bhxh, hub." })
  domains: string[];

  @Field(() => Int, { description: "Owner records (enterprises, headcounts, units, enrolments, statistics) in the response." })
  rowsReturned: number;

  @Field(() => [String], {
    description: "Provinces (mã tỉnh) of the owner records in the response that name one: enterprises, BHXH units, labour-force statistics.",
  })
  provincesReturned: string[];

  @Field(() => Float, { description: "Time the hub took to answer, in milliseconds." })
  durationMs: number;

  @Field({ description: "ok, partial (some fields refused or failed), denied, unauthenticated, invalid or error." })
  outcome: string;

  @Field(() => [String], { description: "The distinct error codes of the response (extensions.code), e.g. FORBIDDEN." })
  errorCodes: string[];
}
