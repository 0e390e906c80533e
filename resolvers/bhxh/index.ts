import { BhxhUnit, Enrolment } from "../../entities";
import { BhxhHistory1795313300000 } from "../../migrations/1795313300000-bhxh-history";
import { BhxhComplianceFacts1795315000001 } from "../../migrations/1795315000001-bhxh-compliance-facts";
import { ProvinceEnrolment } from "../../entities/bhxh/province-enrolment.entity";
import { CARRIED, owned, publishes } from "../../src/access/field-classes";
import type { Database } from "../../src/database";
import { defineDomain, type LoaderScope } from "../../src/domains/domain";
import { BhxhUnitResolver, EnrolmentResolver, EnterpriseBhxhResolver } from "./bhxh-unit.resolver";
import { createBhxhLoaders } from "./bhxh.loaders";
import { bhxhDemo } from "./bhxh.demo";
import { bhxhIngest } from "./bhxh.ingest";
import { bhxhVoluntaryIngest } from "./bhxh-voluntary.ingest";
import { BhxhParticipation1795314000002 } from "../../migrations/1795314000002-bhxh-participation";
import { BhxhPublishResolver } from "./bhxh-publish.resolver";
import { ProvinceBhxhResolver, ProvinceEnrolmentResolver, enrolmentChangedField } from "./province-enrolment.resolver";

/** Vietnam Social Security: insured units and their monthly enrolment, contributions and arrears. */
export const bhxh = defineDomain({
  name: "bhxh",
  agency: "bhxh",
  title: "Vietnam Social Security (BHXH)",
  resolvers: [EnterpriseBhxhResolver, BhxhUnitResolver, EnrolmentResolver, BhxhPublishResolver, ProvinceBhxhResolver, ProvinceEnrolmentResolver],
  types: [BhxhUnit, Enrolment, ProvinceEnrolment],
  records: ["BhxhUnit", "Enrolment"],
  entities: {},
  access: {
    Enterprise: { except: { bhxhUnit: owned("bhxh") } },
    BhxhUnit: { fields: owned("bhxh"), except: { code: CARRIED, source: CARRIED } },
    Enrolment: { fields: owned("bhxh"), except: { period: CARRIED, source: CARRIED } },
    // Writing is BHXH's publishers' alone, never granted by a mandate (src/access/publishers.ts).
    Mutation: { except: { publishBhxhEnrolment: publishes("bhxh", "bhxh") } },
    // A province's totals are an aggregate of BHXH's rows: aggregate-only mandates may read them, row scope applies.
    Province: { except: { enrolment: owned("bhxh", true) } },
    ProvinceEnrolment: { fields: owned("bhxh", true), except: { province: CARRIED, period: CARRIED, source: CARRIED } },
    Subscription: { except: { enrolmentChanged: owned("bhxh", true) } },
  },
  liveFields: [enrolmentChangedField],
  createLoaders: (db: Database, scope: LoaderScope) => createBhxhLoaders(db, scope.provinceCode, scope.shared),
  // Its schema and first tables came with the hub's foundation migration (1795311900000-domain-schemas).
  migrations: [BhxhHistory1795313300000, BhxhParticipation1795314000002, BhxhComplianceFacts1795315000001],
  demo: bhxhDemo,
  ingest: bhxhIngest,
  datasets: { voluntary: bhxhVoluntaryIngest },
});
