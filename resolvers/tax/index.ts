import { TaxHeadcount } from "../../entities";
import { TaxHeadcountProvince1795312000000 } from "../../migrations/1795312000000-tax-headcount-province";
import { CARRIED, owned } from "../../src/access/field-classes";
import type { Database } from "../../src/database";
import { defineDomain, type LoaderScope } from "../../src/domains/domain";
import { EnterpriseTaxResolver, TaxHeadcountResolver } from "./tax-headcount.resolver";
import { createTaxLoaders } from "./tax.loaders";
import { taxDemo } from "./tax.demo";

/** The tax authority's view of enterprises: operating status and headcount on PIT withholding declarations, per quarter. */
export const tax = defineDomain({
  name: "tax",
  agency: "tax",
  title: "the tax authority",
  resolvers: [EnterpriseTaxResolver, TaxHeadcountResolver],
  types: [TaxHeadcount],
  records: ["TaxHeadcount"],
  entities: {},
  access: {
    Enterprise: { except: { taxHeadcount: owned("tax") } },
    TaxHeadcount: { fields: owned("tax"), except: { period: CARRIED, source: CARRIED } },
  },
  createLoaders: (db: Database, scope: LoaderScope) => createTaxLoaders(db, scope.provinceCode),
  // Its schema and first table came with the hub's foundation migration (1795311900000-domain-schemas).
  migrations: [TaxHeadcountProvince1795312000000],
  demo: taxDemo,
});
