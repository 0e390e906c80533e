import { LabourForceStat } from "../../entities";
import { LabourForceHistory1795313200000 } from "../../migrations/1795313200000-labour-force-history";
import { LabourForceBeforeMerger1795314000001 } from "../../migrations/1795314000001-labour-force-before-merger";
import { CARRIED, owned, publishes } from "../../src/access/field-classes";
import type { Database } from "../../src/database";
import { defineDomain, type LoaderScope } from "../../src/domains/domain";
import { LabourForceStatResolver, ProvinceStatisticsResolver } from "./labour-force.resolver";
import { createStatisticsLoaders } from "./statistics.loaders";
import { statisticsDemo } from "./statistics.demo";
import { statisticsIngest } from "./statistics.ingest";
import { StatisticsPublishResolver } from "./statistics-publish.resolver";

/** The statistics office's labour-force figures per province and period: already aggregates. */
export const statistics = defineDomain({
  name: "statistics",
  agency: "statistics",
  title: "the statistics office",
  resolvers: [ProvinceStatisticsResolver, LabourForceStatResolver, StatisticsPublishResolver],
  types: [LabourForceStat],
  records: ["LabourForceStat"],
  entities: {},
  access: {
    Province: { except: { labourForce: owned("statistics", true) } },
    LabourForceStat: { fields: owned("statistics", true), except: { period: CARRIED, source: CARRIED } },
    // Writing is the statistics office's publishers' alone, never granted by a mandate (src/access/publishers.ts).
    Mutation: { except: { publishLabourForce: publishes("statistics", "statistics") } },
  },
  createLoaders: (db: Database, scope: LoaderScope) => createStatisticsLoaders(db, scope.provinceCode),
  // Its schema and first tables came with the hub's foundation migration (1795311900000-domain-schemas).
  migrations: [LabourForceHistory1795313200000, LabourForceBeforeMerger1795314000001],
  demo: statisticsDemo,
  ingest: statisticsIngest,
});
