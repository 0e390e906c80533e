import "reflect-metadata";
import { buildSchema } from "type-graphql";
import { isObjectType, parse, visit, type GraphQLSchema, type ObjectTypeDefinitionNode, type ObjectTypeExtensionNode } from "graphql";
import { compileAccessPolicy, describeReaders, type AccessPolicy } from "../access";
import { countRecordRows } from "../access/count-records";
import { owned, type FieldClass, type TypeAccess } from "../access/field-classes";
import { DOMAINS } from "../domains";
import { directResolvers } from "../graphql/direct-resolvers";
import type { Domain } from "../domains/domain";
import { hostedSubgraphs, type HostedSubgraph } from "../federation/subgraph-schemas";
import { composeSupergraph, type SubgraphDefinition, type Supergraph } from "../federation/supergraph";
import { subscribedByTheHubOnly } from "../live/live-field";

/** Where the supergraph says a hosted subgraph lives: it runs in this process, so the address is only a name. */
export const hostedSubgraphUrl = (name: string) => `http://${name}.hosted.lienthong.invalid/graphql`;

/** The graph a gateway serves, put together from the hosted domains and the remote subgraphs. */
export interface AssembledGraph {
  /** The hosted domains' graph, executed in-process; null when this gateway hosts none (`npm run gateway`). */
  inProcessSchema: GraphQLSchema | null;
  hostedSubgraphs: HostedSubgraph[];
  supergraph: Supergraph;
  /** The mandates compiled against every field of the supergraph, ours and other agencies' alike. */
  accessPolicy: AccessPolicy;
}

/**
 * Builds the hosted domains' graph (when `hosted`), cuts it into subgraphs, composes them with the
 * remote ones into the supergraph (CompositionError carries the composer's messages), and compiles
 * the mandates file against the supergraph's API schema (MandatesFileError). The API schema's
 * descriptions then say who may read each field.
 */
export async function assembleGraph(options: {
  mandatesFile: string;
  hosted: boolean;
  remote: readonly SubgraphDefinition[];
  /** A subgraph served alone skips the mandates on owners it does not hold (the gateway checks those). */
  partOfGraph?: boolean;
}): Promise<AssembledGraph> {
  const inProcessSchema = options.hosted ? await buildInProcessGraph() : null;
  const subgraphs = inProcessSchema ? hostedSubgraphs(inProcessSchema) : [];
  const supergraph = composeSupergraph([
    ...subgraphs.map((subgraph) => ({ name: subgraph.name, url: hostedSubgraphUrl(subgraph.name), sdl: subgraph.sdl })),
    ...options.remote,
  ]);
  const domainNames = new Set<string>(DOMAINS.map((domain) => domain.name));
  const typeAccess = [
    ...(DOMAINS as readonly Domain[]).map((domain) => domain.access),
    ...options.remote.filter((subgraph) => !domainNames.has(subgraph.name)).map((subgraph) => agencySubgraphAccess(subgraph, supergraph)),
  ];
  const accessPolicy = compileAccessPolicy(supergraph.apiSchema, options.mandatesFile, typeAccess, { othersOwners: options.partOfGraph ? "skip" : "refuse" }, [
    ...domainNames,
  ]);
  describeReaders(supergraph.apiSchema, accessPolicy);
  return { inProcessSchema, hostedSubgraphs: subgraphs, supergraph, accessPolicy };
}

const UNUSED_PUBSUB = {
  publish: () => undefined,
  subscribe: subscribedByTheHubOnly,
};

async function buildInProcessGraph(): Promise<GraphQLSchema> {
  const resolvers = DOMAINS.flatMap((domain) => domain.resolvers) as [Function, ...Function[]];
  const schema = await buildSchema({
    resolvers,
    // No argument validation: directResolvers (below) relies on it to call resolver methods directly.
    validate: false,
    emitSchemaFile: false,
    // Required by type-graphql for Subscription fields, never used: every one brings its own
    // `subscribe`, and the hub's graphql-ws server resolves each event itself (src/live).
    pubSub: UNUSED_PUBSUB,
  });
  // type-graphql offers no option for the root type's description, which GraphiQL shows first.
  schema.getQueryType()!.description =
    "Liên thông: enterprise registration, tax headcount, labour-force statistics and BHXH enrolment as one graph. Start from `enterprises`, `enterprise(taxCode)` or `provinces`.";
  const mutation = schema.getMutationType();
  if (mutation) {
    mutation.description =
      "Data in: each owner publishes its own domain's data as batches, checked whole and applied all or none (README, \"Data in\"). Only the owning agency's publishers may call its mutations.";
  }
  return countRecordRows(directResolvers(schema, resolvers));
}

/**
 * Access classes of another agency's subgraph: every field it alone resolves is that agency's data,
 * refused until a mandate with `owner: <its name>` grants it. Keys it shares with the entity's
 * owner keep the owner's class.
 */
function agencySubgraphAccess(subgraph: SubgraphDefinition, supergraph: Supergraph): TypeAccess {
  const access: TypeAccess = {};
  const onType = (node: ObjectTypeDefinitionNode | ObjectTypeExtensionNode) => {
    if (!isObjectType(supergraph.apiSchema.getType(node.name.value))) return;
    for (const field of node.fields ?? []) {
      const coordinate = `${node.name.value}.${field.name.value}`;
      if ((supergraph.fieldSubgraphs.get(coordinate) ?? []).some((name) => name !== subgraph.name)) continue;
      const entry = (access[node.name.value] ??= { except: {} });
      (entry.except as Record<string, FieldClass>)[field.name.value] = owned(subgraph.name);
    }
  };
  visit(parse(subgraph.sdl), { ObjectTypeDefinition: onType, ObjectTypeExtension: onType });
  return access;
}
