import { Kind, responsePathAsArray, type GraphQLResolveInfo, type SelectionNode } from "graphql";
import { Arg, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from "type-graphql";
import { Commune, Enterprise, IndustrialZone, LegalRepresentative, Province, Sector, Source } from "../../entities";
import type { RequestContext } from "../../src/context";
import type { Resolved } from "../../src/domains/references";
import { checkTaxCode } from "../../src/graphql/arguments";
import { PageInfo, pageOf } from "../../src/graphql/connection";
import { pageSize } from "../../src/graphql/pagination";
import { EnterpriseConnection, EnterpriseEdge } from "./enterprise.connection";
import { EnterpriseFilter, filteredFields, toEnterpriseCriteria } from "./enterprise.input";
import { enterpriseCount, enterprisePage } from "./registry.queries";

const CURSOR_KIND = "enterprise";

/** The registry's part of the graph: looking enterprises up and listing them, with identity fields. */
@Resolver(() => Enterprise)
export class EnterpriseResolver {
  @Query(() => Enterprise, { nullable: true, description: "One enterprise or branch by its tax code (mã số thuế); null when the registry has none." })
  enterprise(
    @Arg("taxCode", () => String, { description: "10-digit tax code, or 13 for a branch (0100233488-001)." }) taxCode: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Enterprise | null> {
    return ctx.loaders.registry.enterpriseByTaxCode.load(checkTaxCode("taxCode", taxCode));
  }

  @Query(() => EnterpriseConnection, { description: "Enterprises matching a filter, in tax-code order, one page at a time." })
  enterprises(
    @Arg("filter", () => EnterpriseFilter, { nullable: true }) filter: EnterpriseFilter | null,
    @Arg("first", () => Int, { nullable: true, description: "Page size; 20 when not given." }) first: number | null,
    @Arg("after", () => String, { nullable: true, description: "Cursor after which the page starts (pageInfo.endCursor of the previous page)." })
    after: string | null,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): EnterpriseConnection {
    const connection = new EnterpriseConnection();
    connection.criteria = { ...toEnterpriseCriteria(filter), scopeProvinceCode: ctx.access.provinceScope, scopeZoneCodes: ctx.access.zoneScope };
    connection.first = pageSize(first, ctx.limits.maxPageSize);
    connection.afterTaxCode = after == null ? undefined : ctx.cursors.decode(CURSOR_KIND, after);
    // A page and its exact total asked together cost one statement, not two (a round trip is most of a small statement's cost).
    const selected = selectedFieldNames(info);
    connection.countWithPage = selected.has("totalCount") && (selected.has("edges") || selected.has("pageInfo")) && ctx.access.readsEnterpriseRecords();
    return connection;
  }

  @FieldResolver(() => Province, { nullable: true, description: "Province of the head office (tỉnh, thành phố)." })
  province(@Root() enterprise: Enterprise, @Ctx() ctx: RequestContext): Resolved<Province> {
    return ctx.entity<Province>("Province", enterprise.provinceCode);
  }

  @FieldResolver(() => Sector, { nullable: true, description: "Main business line as a VSIC 2018 section (ngành kinh tế chính)." })
  sector(@Root() enterprise: Enterprise, @Ctx() ctx: RequestContext): Resolved<Sector> {
    return ctx.entity<Sector>("Sector", enterprise.sectorCode);
  }

  @FieldResolver(() => Commune, { nullable: true, description: "Commune or ward of the head office (xã, phường)." })
  commune(@Root() enterprise: Enterprise, @Ctx() ctx: RequestContext): Resolved<Commune> {
    return ctx.entity<Commune>("Commune", enterprise.communeCode);
  }

  @FieldResolver(() => IndustrialZone, { nullable: true, description: "Industrial zone the enterprise operates in, if any (khu công nghiệp)." })
  industrialZone(@Root() enterprise: Enterprise, @Ctx() ctx: RequestContext): Resolved<IndustrialZone> {
    return ctx.entity<IndustrialZone>("IndustrialZone", enterprise.industrialZoneCode);
  }

  @FieldResolver(() => LegalRepresentative, { nullable: true, description: "Legal representative (người đại diện theo pháp luật). Personal data." })
  legalRepresentative(@Root() enterprise: Enterprise): LegalRepresentative | null {
    if (!enterprise.legalRepName || !enterprise.legalRepIdNumber) return null;
    return { fullName: enterprise.legalRepName, idNumber: enterprise.legalRepIdNumber };
  }

  @FieldResolver(() => Source, { nullable: true, description: "The registry batch these identity fields came in." })
  source(@Root() enterprise: Enterprise, @Ctx() ctx: RequestContext): Resolved<Source> {
    return ctx.entity<Source>("Source", enterprise.batchId);
  }
}

/** Reads a connection's page and count lazily, so each costs a statement only when selected. */
@Resolver(() => EnterpriseConnection)
export class EnterpriseConnectionResolver {
  @FieldResolver(() => [EnterpriseEdge], { nullable: true })
  async edges(@Root() connection: EnterpriseConnection, @Ctx() ctx: RequestContext): Promise<EnterpriseEdge[]> {
    return (await readPage(connection, ctx)).edges;
  }

  @FieldResolver(() => PageInfo, { nullable: true })
  async pageInfo(@Root() connection: EnterpriseConnection, @Ctx() ctx: RequestContext): Promise<PageInfo> {
    return (await readPage(connection, ctx)).pageInfo;
  }

  @FieldResolver(() => Int, { nullable: true })
  async totalCount(@Root() connection: EnterpriseConnection, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<number | null> {
    requireFilterable("EnterpriseConnection.totalCount", connection, ctx);
    if (connection.countWithPage) {
      const { total } = await readPage(connection, ctx);
      if (total !== undefined) return total;
    }
    if (ctx.access.readsEnterpriseRecords()) return enterpriseCount(ctx.db, connection.criteria);
    // Aggregate-only: one cell of the fixed table, so that no withheld count follows from others by arithmetic.
    return ctx.access.disclosedCount(
      await ctx.enterpriseCountTable.answer(
        connection.criteria,
        ctx.access,
        async (code) => (await ctx.loaders.hub.communeByCode.load(code))?.provinceCode,
        ctx.db,
      ),
      responsePathAsArray(info.path),
    );
  }
}

/** Filtering on a field one may not read would reveal it, so each filter needs a mandate on its field. */
function requireFilterable(field: string, connection: EnterpriseConnection, ctx: RequestContext): void {
  for (const [argument, tested] of filteredFields(connection.criteria)) ctx.access.requireFilterable(field, `filter.${argument}`, tested);
}

/** One statement serves both edges and pageInfo (and totalCount, when asked with them), however many of them the query selects. */
function readPage(connection: EnterpriseConnection, ctx: RequestContext) {
  requireFilterable("EnterpriseConnection.edges", connection, ctx);
  connection.page ??= enterprisePage(ctx.db, connection.criteria, connection.first + 1, connection.afterTaxCode, connection.countWithPage).then(
    ({ rows, total }) => ({
      ...pageOf(rows, connection.first, connection.afterTaxCode, (e) => ctx.cursors.encode(CURSOR_KIND, e.taxCode)),
      total,
    }),
  );
  return connection.page;
}

/** Names of the fields selected directly on this field's result (through fragments too). */
function selectedFieldNames(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const walk = (selections: readonly SelectionNode[]) => {
    for (const selection of selections) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet.selections);
      else {
        const fragment = info.fragments[selection.name.value];
        if (fragment) walk(fragment.selectionSet.selections);
      }
    }
  };
  for (const node of info.fieldNodes) if (node.selectionSet) walk(node.selectionSet.selections);
  return names;
}
