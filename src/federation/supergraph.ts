import { composeServices } from "@theguild/federation-composition";
import { buildASTSchema, parse as parseDocument, visit, type GraphQLSchema, type ObjectTypeDefinitionNode, type ObjectTypeExtensionNode } from "graphql";

/** A subgraph as the composer sees it: its name, where the gateway reaches it, and its SDL. */
export interface SubgraphDefinition {
  name: string;
  url: string;
  sdl: string;
}

/** Composition failed: the composer's own messages, one per problem. */
export class CompositionError extends Error {
  constructor(readonly problems: string[]) {
    super(`The supergraph does not compose (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

export interface Supergraph {
  /** The supergraph SDL with its join directives, as Hive Gateway plans over it. */
  supergraphSdl: string;
  /** What clients see: the composed graph without federation directives. */
  apiSchema: GraphQLSchema;
  /** Which subgraph resolves each "Type.field" (a field several may resolve, like a key, maps to the first). */
  fieldSubgraphs: Map<string, string[]>;
}

/** Composes the subgraphs with @theguild/federation-composition; throws CompositionError with its messages. */
export function composeSupergraph(subgraphs: readonly SubgraphDefinition[]): Supergraph {
  const result = composeServices(subgraphs.map((subgraph) => ({ name: subgraph.name, url: subgraph.url, typeDefs: parseSdl(subgraph) })));
  if (result.errors)
    throw new CompositionError(result.errors.map((error) => `${error.extensions?.code ? `[${String(error.extensions.code)}] ` : ""}${error.message}`));
  return {
    supergraphSdl: result.supergraphSdl,
    apiSchema: buildASTSchema(result.publicDocumentNode, { assumeValidSDL: true }),
    fieldSubgraphs: fieldSubgraphs(subgraphs),
  };
}

function parseSdl(subgraph: SubgraphDefinition) {
  try {
    return parseDocument(subgraph.sdl);
  } catch (error) {
    throw new CompositionError([`subgraph ${subgraph.name}: its SDL does not parse: ${(error as Error).message}`]);
  }
}

/** Which subgraphs define each field, read from their SDL (extensions included). */
function fieldSubgraphs(subgraphs: readonly SubgraphDefinition[]): Map<string, string[]> {
  const owners = new Map<string, string[]>();
  for (const subgraph of subgraphs) {
    const onType = (node: ObjectTypeDefinitionNode | ObjectTypeExtensionNode) => {
      for (const field of node.fields ?? []) {
        const coordinate = `${node.name.value}.${field.name.value}`;
        owners.set(coordinate, [...(owners.get(coordinate) ?? []), subgraph.name]);
      }
    };
    visit(parseDocument(subgraph.sdl), { ObjectTypeDefinition: onType, ObjectTypeExtension: onType });
  }
  return owners;
}
