import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { Commune, FormerProvince, IndustrialZone, Province, Sector } from "../../entities";
import type { RequestContext } from "../../src/context";
import { checkProvinceCode } from "../../src/graphql/arguments";
import { allProvinces, allSectors, industrialZones } from "./hub.queries";

/** The hub's public reference data: provinces (with their history), sectors, zones. */
@Resolver(() => Province)
export class ProvinceResolver {
  @Query(() => Province, { nullable: true, description: "A province in force by its two-digit code; null when no province has that code." })
  province(
    @Arg("code", () => String, { description: "Two-digit province code, e.g. 40 (Nghệ An)." }) code: string,
    @Ctx() ctx: RequestContext,
  ): Province | null | Promise<Province | null> {
    return ctx.loaders.hub.provinceByCode.load(checkProvinceCode("code", code));
  }

  @Query(() => [Province], { description: "The 34 provinces and centrally-run cities in force since 1 July 2025, by code." })
  provinces(@Ctx() ctx: RequestContext): Promise<Province[]> {
    return allProvinces(ctx.db);
  }

  @FieldResolver(() => [FormerProvince], { description: "The provinces before 1 July 2025 that now form this one (tỉnh cũ)." })
  formerProvinces(@Root() province: Province, @Ctx() ctx: RequestContext): FormerProvince[] | Promise<FormerProvince[]> {
    return ctx.loaders.hub.formerProvincesBySuccessor.load(province.code);
  }

  @FieldResolver(() => [Commune], { description: "Communes and wards of the province known to the hub (xã, phường)." })
  communes(@Root() province: Province, @Ctx() ctx: RequestContext): Commune[] | Promise<Commune[]> {
    return ctx.loaders.hub.communesByProvince.load(province.code);
  }
}

@Resolver(() => Sector)
export class SectorResolver {
  @Query(() => [Sector], { description: "The 21 sections of VSIC 2018 (ngành kinh tế cấp 1)." })
  sectors(@Ctx() ctx: RequestContext): Promise<Sector[]> {
    return allSectors(ctx.db);
  }
}

@Resolver(() => IndustrialZone)
export class IndustrialZoneResolver {
  @Query(() => [IndustrialZone], { description: "Industrial zones known to the hub, optionally in one province." })
  industrialZones(@Arg("provinceCode", () => String, { nullable: true }) provinceCode: string | null, @Ctx() ctx: RequestContext): Promise<IndustrialZone[]> {
    return industrialZones(ctx.db, provinceCode == null ? undefined : checkProvinceCode("provinceCode", provinceCode));
  }

  @FieldResolver(() => Province, { nullable: true, description: "The province the zone lies in." })
  province(@Root() zone: IndustrialZone, @Ctx() ctx: RequestContext): Province | null | Promise<Province | null> {
    return ctx.loaders.hub.provinceByCode.load(zone.provinceCode);
  }
}

@Resolver(() => FormerProvince)
export class FormerProvinceResolver {
  @FieldResolver(() => Province, { nullable: true, description: "The province it merged into." })
  successor(@Root() former: FormerProvince, @Ctx() ctx: RequestContext): Province | null | Promise<Province | null> {
    return ctx.loaders.hub.provinceByCode.load(former.successorCode);
  }
}
