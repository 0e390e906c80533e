import { LabourForceStat } from "../../entities";
import { CARRIED, owned } from "../../src/access/field-classes";
import type { Database } from "../../src/database";
import { defineDomain, type LoaderScope } from "../../src/domains/domain";
import { LabourForceStatResolver, ProvinceStatisticsResolver } from "./labour-force.resolver";
import { createStatisticsLoaders } from "./statistics.loaders";
import { statisticsDemo } from "./statistics.demo";

/** The statistics office's labour-force figures per province and period: already aggregates. */
export const statistics = defineDomain({
  name: "statistics",
  agency: "statistics",
  title: "the statistics office",
  resolvers: [ProvinceStatisticsResolver, LabourForceStatResolver],
  types: [LabourForceStat],
  records: ["LabourForceStat"],
  entities: {},
  access: {
    Province: { except: { labourForce: owned("statistics", true) } },
    LabourForceStat: { fields: owned("statistics", true), except: { period: CARRIED, source: CARRIED } },
  },
  createLoaders: (db: Database, scope: LoaderScope) => createStatisticsLoaders(db, scope.provinceCode),
  // Its schema and first tables came with the hub's foundation migration (1795311900000-domain-schemas).
  migrations: [],
  demo: statisticsDemo,
});
