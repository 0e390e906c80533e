import { buildSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper";
import {
  GraphQLObjectType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  parse,
  printType,
  type GraphQLFieldConfigMap,
  type GraphQLNamedType,
  type GraphQLSchema,
} from "graphql";
import { getMetadataStorage } from "type-graphql";
import type { Domain } from "../domains/domain";
import { DOMAINS } from "../domains";
import { entityKeys, entityOwner } from "../domains/references";
import type { RequestContext } from "../context";

/** One hosted domain as a Federation 2 subgraph: its SDL (composed into the supergraph) and its executable schema. */
export interface HostedSubgraph {
  name: string;
  sdl: string;
  schema: GraphQLSchema;
}

const FEDERATION_LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])';

/**
 * Cuts the in-process graph into one subgraph per hosted domain. Who owns a field comes from the
 * domains' own declarations: the root fields and field resolvers of its resolver classes, and the
 * fields of the types it lists. A domain's subgraph holds what it owns; another domain's entity it
 * returns appears as a key-only stub, and shared value types (PageInfo) are `@shareable`. The
 * resolvers are the in-process graph's own, so a subgraph answers exactly as the fast path does.
 */
export function hostedSubgraphs(graph: GraphQLSchema): HostedSubgraph[] {
  const owners = fieldOwners(graph);
  return DOMAINS.map((domain) => subgraphOf(domain as Domain, graph, owners));
}

/** "Type.field" → the domain that owns it, for every field of the in-process graph. */
export function fieldOwners(graph: GraphQLSchema): Map<string, string> {
  const storage = getMetadataStorage();
  const typeName = (target: Function) => storage.objectTypes.find((type) => type.target === target)?.name;
  const owners = new Map<string, string>();
  const claim = (coordinate: string, domain: string) => {
    const previous = owners.get(coordinate);
    if (previous && previous !== domain) throw new Error(`${coordinate} is claimed by both ${previous} and ${domain}`);
    owners.set(coordinate, domain);
  };
  for (const domain of DOMAINS as readonly Domain[]) {
    const resolvers = new Set(domain.resolvers);
    for (const query of storage.queries) if (resolvers.has(query.target)) claim(`Query.${query.schemaName}`, domain.name);
    // A domain's mutations (publishing its data) route to its own subgraph.
    for (const mutation of storage.mutations) if (resolvers.has(mutation.target)) claim(`Mutation.${mutation.schemaName}`, domain.name);
    for (const subscription of storage.subscriptions) if (resolvers.has(subscription.target)) claim(`Subscription.${subscription.schemaName}`, domain.name);
    for (const field of storage.fieldResolvers) {
      const target = field.getObjectType?.() ?? storage.resolverClasses.find((r) => r.target === field.target)?.getObjectType();
      const type = target && typeName(target as Function);
      if (resolvers.has(field.target) && type) claim(`${type}.${field.schemaName}`, domain.name);
    }
  }
  for (const domain of DOMAINS as readonly Domain[]) {
    for (const target of domain.types) {
      const name = typeName(target);
      const type = name ? graph.getType(name) : undefined;
      if (!isObjectType(type)) throw new Error(`${domain.name} lists a type the graph does not have (${target.name})`);
      for (const field of Object.keys(type.getFields())) if (!owners.has(`${type.name}.${field}`)) owners.set(`${type.name}.${field}`, domain.name);
    }
  }
  return owners;
}

function subgraphOf(domain: Domain, graph: GraphQLSchema, owners: Map<string, string>): HostedSubgraph {
  const keys = entityKeys();
  const fieldsByType = new Map<string, Set<string>>();
  for (const [coordinate, owner] of owners) {
    if (owner !== domain.name) continue;
    const [type, field] = coordinate.split(".");
    (fieldsByType.get(type) ?? fieldsByType.set(type, new Set()).get(type)!).add(field);
  }
  // Walk from the owned fields to every type they reach: owned types whole, others' entities as stubs.
  const included = new Map<string, GraphQLNamedType>();
  const shareable = new Set<string>();
  const visit = (named: GraphQLNamedType) => {
    if (included.has(named.name) || isSpecifiedScalarType(named)) return;
    included.set(named.name, named);
    if (isObjectType(named)) {
      const owned = fieldsByType.get(named.name);
      const ownerOfType = entityOwner(named.name);
      if (!owned && !ownerOfType) {
        // A value type no domain owns (PageInfo): every subgraph returning it declares it whole.
        fieldsByType.set(named.name, new Set(Object.keys(named.getFields())));
        shareable.add(named.name);
      }
      for (const field of fieldsByType.get(named.name) ?? []) {
        const definition = named.getFields()[field];
        visit(getNamedType(definition.type));
        for (const arg of definition.args) visit(getNamedType(arg.type));
      }
    } else if (isInputObjectType(named)) {
      for (const field of Object.values(named.getFields())) visit(getNamedType(field.type));
    }
  };
  for (const type of fieldsByType.keys()) visit(graph.getType(type)!);

  const parts: string[] = [FEDERATION_LINK];
  const resolvers: GraphQLResolverMap<unknown> = {};
  for (const named of included.values()) {
    if (isScalarType(named)) {
      parts.push(printType(named));
      resolvers[named.name] = named as never;
      continue;
    }
    if (isEnumType(named)) {
      parts.push(printType(named));
      const internal = Object.fromEntries(named.getValues().map((value) => [value.name, value.value]));
      if (named.getValues().some((value) => value.value !== value.name)) resolvers[named.name] = internal as never;
      continue;
    }
    if (!isObjectType(named)) {
      parts.push(printType(named));
      continue;
    }
    const key = keys.get(named.name);
    const fieldNames = new Set(fieldsByType.get(named.name) ?? []);
    if (key) fieldNames.add(key);
    const fields: GraphQLFieldConfigMap<unknown, unknown> = {};
    const config = named.toConfig();
    for (const [name, field] of Object.entries(config.fields)) if (fieldNames.has(name)) fields[name] = field;
    const printed = printType(new GraphQLObjectType({ ...config, fields, interfaces: [] }));
    const owner = entityOwner(named.name);
    const extendsOnly = owner !== undefined && owner !== domain.name;
    const directives = [
      key ? `@key(fields: "${key}"${extendsOnly && !fieldsByType.has(named.name) ? ", resolvable: false" : ""})` : "",
      shareable.has(named.name) ? "@shareable" : "",
    ].filter(Boolean);
    parts.push(directives.length > 0 ? printed.replace(`type ${named.name} {`, `type ${named.name} ${directives.join(" ")} {`) : printed);

    const typeResolvers: Record<string, unknown> = {};
    for (const name of Object.keys(fields)) {
      const resolve = named.getFields()[name].resolve;
      if (resolve) typeResolvers[name] = resolve;
    }
    if (key && owner === domain.name) {
      const reference = domain.entities[named.name];
      typeResolvers.__resolveReference = (representation: Record<string, string>, context: unknown) =>
        reference.loader(((context as RequestContext).loaders as unknown as Record<string, unknown>)[domain.name]).load(representation[key]);
    } else if (key && fieldsByType.has(named.name)) {
      // Another domain's entity this one adds fields to: the key is all its resolvers need.
      typeResolvers.__resolveReference = (representation: Record<string, string>) => representation;
    }
    resolvers[named.name] = typeResolvers as never;
  }
  const sdl = `${parts.join("\n\n")}\n`;
  return { name: domain.name, sdl, schema: buildSubgraphSchema({ typeDefs: parse(sdl), resolvers }) };
}
