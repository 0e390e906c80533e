import { BhxhUnit, Enrolment } from "../../entities";
import { BhxhHistory1795313300000 } from "../../migrations/1795313300000-bhxh-history";
import { CARRIED, owned, publishes } from "../../src/access/field-classes";
import type { Database } from "../../src/database";
import { defineDomain, type LoaderScope } from "../../src/domains/domain";
import { BhxhUnitResolver, EnrolmentResolver, EnterpriseBhxhResolver } from "./bhxh-unit.resolver";
import { createBhxhLoaders } from "./bhxh.loaders";
import { bhxhDemo } from "./bhxh.demo";
import { bhxhIngest } from "./bhxh.ingest";
import { BhxhPublishResolver } from "./bhxh-publish.resolver";

/** Vietnam Social Security: insured units and their monthly enrolment, contributions and arrears. */
export const bhxh = defineDomain({
  name: "bhxh",
  agency: "bhxh",
  title: "Vietnam Social Security (BHXH)",
  resolvers: [EnterpriseBhxhResolver, BhxhUnitResolver, EnrolmentResolver, BhxhPublishResolver],
  types: [BhxhUnit, Enrolment],
  records: ["BhxhUnit", "Enrolment"],
  entities: {},
  access: {
    Enterprise: { except: { bhxhUnit: owned("bhxh") } },
    BhxhUnit: { fields: owned("bhxh"), except: { code: CARRIED, source: CARRIED } },
    Enrolment: { fields: owned("bhxh"), except: { period: CARRIED, source: CARRIED } },
    // Writing is BHXH's publishers' alone, never granted by a mandate (src/access/publishers.ts).
    Mutation: { except: { publishBhxhEnrolment: publishes("bhxh", "bhxh") } },
  },
  createLoaders: (db: Database, scope: LoaderScope) => createBhxhLoaders(db, scope.provinceCode),
  // Its schema and first tables came with the hub's foundation migration (1795311900000-domain-schemas).
  migrations: [BhxhHistory1795313300000],
  demo: bhxhDemo,
  ingest: bhxhIngest,
});
