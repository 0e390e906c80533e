import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import { Enterprise, Province, Source } from "../../entities";
import {
  ComplianceEvidence,
  ComplianceFinding,
  EvasionGround,
  FindingCode,
  InspectionCandidate,
  InspectionCandidateConnection,
  InspectionCandidateEdge,
  PublicDefaulterConnection,
  PublicDefaulterEdge,
} from "../../entities/hub/compliance-finding.entity";
import type { RequestContext } from "../../src/context";
import type { Resolved } from "../../src/domains/references";
import { badUserInput } from "../../src/errors";
import { checkPeriod, checkProvinceCode } from "../../src/graphql/arguments";
import { pageOf, PageInfo } from "../../src/graphql/connection";
import { pageSize } from "../../src/graphql/pagination";
import { DateScalar } from "../../src/graphql/scalars";
import { candidateCount, candidatePage, defaulterPage, lastDayOf, type FindingRow } from "./compliance.queries";

const CANDIDATE_CURSOR = "inspection-candidate";
const DEFAULTER_CURSOR = "public-defaulter";

/** The hub's analytics on the shared Enterprise: compliance findings from tax's and BHXH's data. */
@Resolver(() => Enterprise)
export class EnterpriseComplianceResolver {
  @FieldResolver(() => [ComplianceFinding], {
    nullable: true,
    description:
      "Compliance findings for a month (kết luận tuân thủ về BHXH): NOT_ENROLLED, UNDER_DECLARED, LATE_PAYMENT, EVASION, each with the article of Law 41/2024/QH15 it rests on, its evidence and since when (see FindingCode). Evaluated on the last day of the month unless `on` names another day; the hub keeps each month's findings current as tax and BHXH batches land. An empty list: no finding.",
  })
  async compliance(
    @Root() enterprise: Enterprise,
    @Arg("period", () => String, { description: "Month, YYYY-MM: BHXH's figures for that month and the tax authority's for the quarter containing it." })
    period: string,
    @Arg("on", () => DateScalar, {
      nullable: true,
      description: "Day to evaluate on (ngày xét), from the first day of the month; the last day of the month when not given.",
    })
    on: Date | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ComplianceFinding[]> {
    const month = checkPeriod("period", period, ["month"])!;
    const onDay = on ? on.toISOString().slice(0, 10) : lastDayOf(month);
    if (onDay < `${month}-01`) throw badUserInput("on", `the evaluation day comes on or after the first day of the month ${month}`, onDay);
    const loaders = ctx.loaders.hub;
    // The stored month answers its own evaluation day; any other day, or a month never evaluated, is evaluated for this enterprise alone.
    const stored = await loaders.evaluatedOn.load(month);
    const loader = stored?.on === onDay ? loaders.storedFindings(month) : loaders.evaluatedFindings(`${month} ${onDay}`);
    return (await loader.load(enterprise.taxCode)).map(findingOf);
  }
}

@Resolver(() => ComplianceEvidence)
export class ComplianceEvidenceResolver {
  @FieldResolver(() => Source, { nullable: true, description: "The tax batch the employee count came in." })
  taxSource(@Root() evidence: ComplianceEvidence, @Ctx() ctx: RequestContext): Resolved<Source> {
    return evidence.row.taxBatchId ? ctx.entity<Source>("Source", evidence.row.taxBatchId) : null;
  }

  @FieldResolver(() => Source, { nullable: true, description: "The BHXH batch the month's figures (insured, arrears, reminder, wage) came in." })
  bhxhSource(@Root() evidence: ComplianceEvidence, @Ctx() ctx: RequestContext): Resolved<Source> {
    return evidence.row.bhxhBatchId ? ctx.entity<Source>("Source", evidence.row.bhxhBatchId) : null;
  }
}

/** The inspection list BHXH hands the inspectorate (Điều 35 khoản 3) and the public list of defaulters (Điều 35 khoản 2). */
@Resolver()
export class ComplianceListsResolver {
  @Query(() => InspectionCandidateConnection, {
    nullable: true,
    description:
      "Enterprises with compliance findings for a month, ranked for inspection (danh sách đề nghị thanh tra): by uninsured workers (the tax authority's headcount minus the compulsorily insured), then by arrears, then by tax code, each with its findings. A token limited to a province sees only that province's enterprises.",
  })
  inspectionCandidates(
    @Arg("provinceCode", () => String, { nullable: true, description: "Province code in force; all provinces you may see when not given." })
    provinceCode: string | null,
    @Arg("period", () => String, { description: "Month, YYYY-MM." }) period: string,
    @Arg("first", () => Int, { nullable: true, description: "Page size; 20 when not given." }) first: number | null,
    @Arg("after", () => String, { nullable: true, description: "Cursor after which the page starts (pageInfo.endCursor of the previous page)." })
    after: string | null,
    @Ctx() ctx: RequestContext,
  ): InspectionCandidateConnection {
    const connection = new InspectionCandidateConnection();
    Object.assign(connection, listArguments(ctx, CANDIDATE_CURSOR, provinceCode, period, first, after, true));
    return connection;
  }

  @Query(() => PublicDefaulterConnection, {
    nullable: true,
    description:
      "The public list of late-paying and evading employers for a month (Law 41/2024, Điều 35 khoản 2): open data, readable without a token. Employers only (tax code, name, province, arrears, LATE_PAYMENT and EVASION findings), never a person's data; no other finding appears here. By arrears, largest first.",
  })
  publicDefaulters(
    @Arg("provinceCode", () => String, { nullable: true, description: "Province code in force; every province when not given." }) provinceCode: string | null,
    @Arg("period", () => String, { description: "Month, YYYY-MM." }) period: string,
    @Arg("first", () => Int, { nullable: true, description: "Page size; 20 when not given." }) first: number | null,
    @Arg("after", () => String, { nullable: true, description: "Cursor after which the page starts (pageInfo.endCursor of the previous page)." })
    after: string | null,
    @Ctx() ctx: RequestContext,
  ): PublicDefaulterConnection {
    const connection = new PublicDefaulterConnection();
    // Published for everyone: the list is the same whoever reads it, so no row scope applies.
    Object.assign(connection, listArguments(ctx, DEFAULTER_CURSOR, provinceCode, period, first, after, false));
    return connection;
  }
}

@Resolver(() => InspectionCandidateConnection)
export class InspectionCandidateConnectionResolver {
  @FieldResolver(() => [InspectionCandidateEdge])
  async edges(@Root() connection: InspectionCandidateConnection, @Ctx() ctx: RequestContext): Promise<InspectionCandidateEdge[]> {
    return (await candidates(connection, ctx)).edges;
  }

  @FieldResolver(() => PageInfo)
  async pageInfo(@Root() connection: InspectionCandidateConnection, @Ctx() ctx: RequestContext): Promise<PageInfo> {
    return (await candidates(connection, ctx)).pageInfo;
  }

  @FieldResolver(() => Int)
  totalCount(@Root() connection: InspectionCandidateConnection, @Ctx() ctx: RequestContext): Promise<number> {
    return connection.provinceCode === NO_PROVINCE ? Promise.resolve(0) : candidateCount(ctx.db, connection.period, connection.provinceCode);
  }
}

@Resolver(() => InspectionCandidate)
export class InspectionCandidateResolver {
  @FieldResolver(() => Enterprise, { description: "The enterprise, by tax code; its own fields are the registry's and the other owners'." })
  enterprise(@Root() candidate: InspectionCandidate, @Ctx() ctx: RequestContext): Resolved<Enterprise> {
    return ctx.entity<Enterprise>("Enterprise", candidate.taxCode);
  }

  @FieldResolver(() => Province, { description: "The province the enterprise is registered in." })
  province(@Root() candidate: InspectionCandidate, @Ctx() ctx: RequestContext): Resolved<Province> {
    return ctx.entity<Province>("Province", candidate.provinceCode);
  }

  @FieldResolver(() => [ComplianceFinding], { description: "Its findings for the month, as Enterprise.compliance gives them." })
  findings(@Root() candidate: InspectionCandidate, @Ctx() ctx: RequestContext): Promise<ComplianceFinding[]> {
    return ctx.loaders.hub
      .storedFindings(candidate.period)
      .load(candidate.taxCode)
      .then((rows) => rows.map(findingOf));
  }
}

@Resolver(() => PublicDefaulterConnection)
export class PublicDefaulterConnectionResolver {
  @FieldResolver(() => [PublicDefaulterEdge])
  async edges(@Root() connection: PublicDefaulterConnection, @Ctx() ctx: RequestContext): Promise<PublicDefaulterEdge[]> {
    return (await defaulters(connection, ctx)).edges;
  }

  @FieldResolver(() => PageInfo)
  async pageInfo(@Root() connection: PublicDefaulterConnection, @Ctx() ctx: RequestContext): Promise<PageInfo> {
    return (await defaulters(connection, ctx)).pageInfo;
  }

  @FieldResolver(() => Int)
  totalCount(@Root() connection: PublicDefaulterConnection, @Ctx() ctx: RequestContext): Promise<number> {
    return candidateCount(ctx.db, connection.period, connection.provinceCode, true);
  }
}

/** A province no row has: a scoped principal asking about another province gets what a province without rows gives. */
const NO_PROVINCE = "--";

function listArguments(
  ctx: RequestContext,
  kind: string,
  provinceCode: string | null,
  period: string,
  first: number | null,
  after: string | null,
  scoped: boolean,
) {
  const month = checkPeriod("period", period, ["month"])!;
  const asked = provinceCode == null ? undefined : checkProvinceCode("provinceCode", provinceCode);
  const scope = scoped ? ctx.principal?.provinceCode : undefined;
  const effective = scope === undefined ? asked : asked === undefined || asked === scope ? scope : NO_PROVINCE;
  let keyset: (string | number)[] | undefined;
  if (after != null) {
    const decoded = ctx.cursors.decode(kind, after);
    const parsed: unknown = JSON.parse(decoded);
    if (!Array.isArray(parsed) || parsed[0] !== month) throw badUserInput("after", "this cursor belongs to another month's list", after);
    keyset = parsed.slice(1);
  }
  return { period: month, provinceCode: effective, first: pageSize(first, ctx.limits.maxPageSize), after: keyset };
}

function candidates(connection: InspectionCandidateConnection, ctx: RequestContext) {
  connection.page ??= (
    connection.provinceCode === NO_PROVINCE
      ? Promise.resolve([])
      : candidatePage(ctx.db, { period: connection.period, provinceCode: connection.provinceCode, limit: connection.first + 1, after: connection.after })
  ).then((rows) =>
    pageOf(rows, connection.first, connection.after ? "after" : undefined, (row) =>
      ctx.cursors.encode(CANDIDATE_CURSOR, JSON.stringify([row.period, row.uninsuredWorkers, row.arrears, row.taxCode])),
    ),
  ) as Promise<{ edges: InspectionCandidateEdge[]; pageInfo: PageInfo }>;
  return connection.page;
}

function defaulters(connection: PublicDefaulterConnection, ctx: RequestContext) {
  connection.page ??= defaulterPage(ctx.db, {
    period: connection.period,
    provinceCode: connection.provinceCode,
    limit: connection.first + 1,
    after: connection.after,
  }).then((rows) =>
    pageOf(rows, connection.first, connection.after ? "after" : undefined, (row) =>
      ctx.cursors.encode(DEFAULTER_CURSOR, JSON.stringify([row.period, row.arrears, row.taxCode])),
    ),
  ) as Promise<{ edges: PublicDefaulterEdge[]; pageInfo: PageInfo }>;
  return connection.page;
}

/** A stored or evaluated row as the graph's finding. */
function findingOf(row: FindingRow): ComplianceFinding {
  const evidence = Object.assign(new ComplianceEvidence(), {
    row,
    taxEmployees: row.taxEmployees,
    compulsoryInsured: row.compulsoryInsured,
    arrears: row.arrears,
    arrearsMonths: row.arrearsMonths,
    oldestUnpaidPeriod: row.oldestUnpaidPeriod,
    paymentDeadline: row.paymentDeadline,
    daysOverdue: row.daysOverdue,
    reminderSentOn: row.reminderSentOn,
    lowestDeclaredWage: row.lowestDeclaredWage,
    legalBaseSalary: row.legalBaseSalary,
    registrationDeadline: row.registrationDeadline,
  });
  return Object.assign(new ComplianceFinding(), {
    row,
    code: row.code as FindingCode,
    ground: row.ground as EvasionGround,
    article: row.article,
    since: row.since,
    evidence,
  });
}
