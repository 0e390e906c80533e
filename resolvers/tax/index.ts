import { TaxHeadcount } from "../../entities";
import { TaxHeadcountProvince1795312000000 } from "../../migrations/1795312000000-tax-headcount-province";
import { TaxHeadcountHistory1795313000001 } from "../../migrations/1795313000001-tax-headcount-history";
import { TaxHeadcountForCompliance1795315000002 } from "../../migrations/1795315000002-tax-headcount-for-compliance";
import { CARRIED, owned, publishes } from "../../src/access/field-classes";
import type { Database } from "../../src/database";
import { defineDomain, type LoaderScope } from "../../src/domains/domain";
import { EnterpriseTaxResolver, TaxHeadcountResolver } from "./tax-headcount.resolver";
import { createTaxLoaders } from "./tax.loaders";
import { taxDemo } from "./tax.demo";
import { taxIngest } from "./tax.ingest";
import { TaxPublishResolver } from "./tax-publish.resolver";

/** The tax authority's view of enterprises: operating status and headcount on PIT withholding declarations, per quarter. */
export const tax = defineDomain({
  name: "tax",
  agency: "tax",
  title: "the tax authority",
  resolvers: [EnterpriseTaxResolver, TaxHeadcountResolver, TaxPublishResolver],
  types: [TaxHeadcount],
  records: ["TaxHeadcount"],
  entities: {},
  access: {
    Enterprise: { except: { taxHeadcount: owned("tax") } },
    TaxHeadcount: { fields: owned("tax"), except: { period: CARRIED, source: CARRIED } },
    // Writing is the tax authority's publishers' alone, never granted by a mandate (src/access/publishers.ts).
    Mutation: { except: { publishTaxHeadcounts: publishes("tax", "tax") } },
  },
  createLoaders: (db: Database, scope: LoaderScope) => createTaxLoaders(db, scope.provinceCode),
  // Its schema and first table came with the hub's foundation migration (1795311900000-domain-schemas).
  migrations: [TaxHeadcountProvince1795312000000, TaxHeadcountHistory1795313000001, TaxHeadcountForCompliance1795315000002],
  demo: taxDemo,
  ingest: taxIngest,
});
