import { Enterprise, LegalRepresentative } from "../../entities";
import { EnterpriseHistory1795313100000 } from "../../migrations/1795313100000-enterprise-history";
import { RegistryEmployerForCompliance1795315000003 } from "../../migrations/1795315000003-registry-employer-for-compliance";
import { CARRIED, owned, publishes } from "../../src/access/field-classes";
import type { Database } from "../../src/database";
import { defineDomain, type LoaderScope } from "../../src/domains/domain";
import { EnterpriseConnection, EnterpriseEdge } from "./enterprise.connection";
import { EnterprisePublishResolver } from "./enterprise-publish.resolver";
import { EnterpriseConnectionResolver, EnterpriseResolver } from "./enterprise.resolver";
import { createRegistryLoaders } from "./registry.loaders";
import { registryDemo } from "./registry.demo";
import { registryIngest } from "./registry.ingest";

/** The business registration office's enterprises: identity, status, address, sector, legal representative. */
export const registry = defineDomain({
  name: "registry",
  agency: "registry",
  title: "the business registration office",
  resolvers: [EnterpriseResolver, EnterpriseConnectionResolver, EnterprisePublishResolver],
  types: [Enterprise, LegalRepresentative, EnterpriseConnection, EnterpriseEdge],
  records: ["Enterprise"],
  entities: {
    Enterprise: { key: "taxCode", loader: (loaders) => loaders.enterpriseByTaxCode },
  },
  access: {
    Query: {
      except: {
        enterprise: { kind: "enterprise-rows" },
        // The connection object carries no data; its edges and count are decided on their own.
        enterprises: CARRIED,
      },
    },
    Enterprise: { fields: owned("registry"), except: { taxCode: CARRIED, source: CARRIED } },
    LegalRepresentative: { fields: owned("registry") },
    EnterpriseConnection: { fields: { kind: "enterprise-rows" }, except: { totalCount: { kind: "enterprise-count" } } },
    EnterpriseEdge: { fields: CARRIED },
    // Writing is the registry's publishers' alone, never granted by a mandate (src/access/publishers.ts).
    Mutation: {
      except: {
        registerEnterprises: publishes("registry", "registry"),
        changeEnterprises: publishes("registry", "registry"),
        dissolveEnterprises: publishes("registry", "registry"),
      },
    },
  },
  createLoaders: (db: Database, scope: LoaderScope) => createRegistryLoaders(db, scope.provinceCode, scope.zoneCodes),
  // Its schema and first tables came with the hub's foundation migration (1795311900000-domain-schemas).
  migrations: [EnterpriseHistory1795313100000, RegistryEmployerForCompliance1795315000003],
  demo: registryDemo,
  ingest: registryIngest,
});
