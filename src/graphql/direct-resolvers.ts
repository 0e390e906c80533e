import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import { getMetadataStorage } from "type-graphql";

/**
 * Replaces type-graphql's per-field wrappers with direct calls where they do nothing for this graph.
 *
 * type-graphql wraps every field. A plain property field gets a wrapper that runs the (empty) middleware
 * chain and reads the property; a @FieldResolver method gets one that allocates its resolver data,
 * copies the parent row into a new instance of its class (twice: once for the wrapper, once for the
 * `@Root()` parameter), sorts and maps its parameter list, and awaits an (empty) validation of every
 * argument, which makes even a synchronous resolver answer through a promise. On the nested page that
 * is about 3,600 wrapped fields and 900 copied rows per request: a tenth of the execution's CPU and
 * much of its garbage. The hub declares no middlewares, no authorization roles and no argument
 * validation (buildSchema runs with `validate: false`), so, field by field where that holds:
 *
 *   - a plain property field reads the property (graphql-js's default resolver when the property has
 *     the field's name);
 *   - a field resolver method is called on its resolver instance with the parent as it is, the context,
 *     the info, and scalar or enum arguments as graphql-js coerced them.
 *
 * Passing the parent as it is, not a copy, is what the copy was for anyway: the resolvers only read
 * it, except the connections', whose parent is already an instance (and whose memoised page must live
 * on that very object, as it does). Arguments of input-object types (filters) keep type-graphql's
 * wrapper, which converts them to their classes; so does anything with a middleware, a role, a
 * validation, or a parameter kind not listed here. Mutates and returns `schema`.
 */
export function directResolvers(schema: GraphQLSchema, resolverClasses: readonly Function[]): GraphQLSchema {
  const storage = getMetadataStorage();
  const resolverSet = new Set(resolverClasses);
  const typeNameOf = new Map<Function, string>(storage.objectTypes.map((type) => [type.target, type.name]));
  const instances = new Map<Function, object>();
  // type-graphql's default container makes one instance per resolver class; these classes hold no state.
  const instanceOf = (target: Function) => {
    let instance = instances.get(target);
    if (!instance) instances.set(target, (instance = new (target as new () => object)()));
    return instance;
  };

  const fieldsOf = (typeName: string) => {
    const type = schema.getType(typeName);
    return isObjectType(type) ? type.getFields() : undefined;
  };

  // Field resolver methods (the ones type-graphql calls "external": declared in @Resolver classes).
  const methods = new Set<string>();
  for (const metadata of storage.fieldResolvers) {
    const typeName = typeNameOf.get(metadata.getObjectType?.() ?? metadata.target);
    if (!typeName) continue;
    // Methods of the entity classes themselves ("internal") keep their wrapper, and are no plain property.
    methods.add(`${typeName}.${metadata.schemaName}`);
    if (!resolverSet.has(metadata.target) || metadata.kind !== "external" || wrapped(metadata)) continue;
    const field = fieldsOf(typeName)?.[metadata.schemaName];
    if (!field) continue;
    const direct = directCall(metadata, () => instanceOf(metadata.target));
    if (direct) field.resolve = direct;
  }
  for (const metadata of storage.queries) {
    if (!resolverSet.has(metadata.target) || wrapped(metadata)) continue;
    const field = schema.getQueryType()?.getFields()[metadata.schemaName];
    const direct = field && directCall(metadata, () => instanceOf(metadata.target));
    if (field && direct) field.resolve = direct;
  }

  // Plain property fields: every @Field of an object type that no resolver method answers.
  for (const metadata of storage.fields) {
    const typeName = typeNameOf.get(metadata.target);
    if (!typeName || methods.has(`${typeName}.${metadata.schemaName}`) || wrapped(metadata) || (metadata.params?.length ?? 0) > 0) continue;
    const field = fieldsOf(typeName)?.[metadata.schemaName];
    if (!field) continue;
    const property = metadata.name;
    // graphql-js's default resolver reads info.fieldName, and calls a function it finds there; type-graphql's only reads.
    field.resolve = metadata.schemaName === property ? plainProperty(property) : (source: Record<string, unknown>) => source[property];
  }
  return schema;
}

type HandlerMetadata = {
  methodName: string;
  params?: readonly ParamLike[];
  middlewares?: readonly unknown[];
  roles?: readonly unknown[];
};

type ParamLike =
  | { kind: "root"; index: number; propertyName?: string }
  | { kind: "context"; index: number; propertyName?: string }
  | { kind: "info"; index: number }
  | { kind: "arg"; index: number; name: string; getType(): unknown; validateSettings?: unknown; validateFn?: unknown }
  | { kind: "args" | "custom" | "pubSub"; index: number };

/** Whether type-graphql's wrapper does something for this field: a middleware (global ones are none) or a role check. */
function wrapped(metadata: { middlewares?: readonly unknown[]; roles?: readonly unknown[] }): boolean {
  return (metadata.middlewares?.length ?? 0) > 0 || metadata.roles !== undefined;
}

/** A field that reads `property` of its parent: the same value type-graphql's basic resolver returned. */
function plainProperty(property: string): GraphQLFieldResolver<unknown, unknown> {
  return (source) => (source as Record<string, unknown>)[property];
}

/** The method called with its parameters in declaration order, or undefined when one needs type-graphql's conversion. */
function directCall(metadata: HandlerMetadata, instance: () => object): GraphQLFieldResolver<unknown, unknown> | undefined {
  const params = [...(metadata.params ?? [])].sort((a, b) => a.index - b.index);
  const getters: ((root: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => unknown)[] = [];
  for (const param of params) {
    if (param.index !== getters.length) return undefined;
    switch (param.kind) {
      case "root": {
        const property = param.propertyName;
        getters.push(property ? (root) => (root as Record<string, unknown>)[property] : (root) => root);
        break;
      }
      case "context": {
        const property = param.propertyName;
        getters.push(property ? (_root, _args, context) => (context as Record<string, unknown>)[property] : (_root, _args, context) => context);
        break;
      }
      case "info":
        getters.push((_root, _args, _context, info) => info);
        break;
      case "arg": {
        if (param.validateFn !== undefined || (param.validateSettings !== undefined && param.validateSettings !== false) || !passesAsIs(param.getType()))
          return undefined;
        const name = param.name;
        getters.push((_root, args) => args[name]);
        break;
      }
      default:
        return undefined;
    }
  }
  const { methodName } = metadata;
  let target: object | undefined;
  let method: (...values: unknown[]) => unknown;
  const bind = () => {
    target = instance();
    method = (target as Record<string, (...values: unknown[]) => unknown>)[methodName];
  };
  // The shapes the hub's resolvers have, spelled out so that no array is built per call.
  switch (getters.length) {
    case 0:
      return () => {
        if (!target) bind();
        return method.call(target);
      };
    case 1: {
      const [a] = getters;
      return (root, args, context, info) => {
        if (!target) bind();
        return method.call(target, a(root, args, context, info));
      };
    }
    case 2: {
      const [a, b] = getters;
      return (root, args, context, info) => {
        if (!target) bind();
        return method.call(target, a(root, args, context, info), b(root, args, context, info));
      };
    }
    case 3: {
      const [a, b, c] = getters;
      return (root, args, context, info) => {
        if (!target) bind();
        return method.call(target, a(root, args, context, info), b(root, args, context, info), c(root, args, context, info));
      };
    }
    default:
      return (root, args, context, info) => {
        if (!target) bind();
        return method.apply(
          target,
          getters.map((get) => get(root, args, context, info)),
        );
      };
  }
}

/** Argument types type-graphql hands over unchanged: scalars (String, Number, Boolean, custom scalars) and enums. */
function passesAsIs(type: unknown): boolean {
  if (type === String || type === Number || type === Boolean) return true;
  if (typeof type === "object" && type !== null) {
    // A GraphQLScalarType (Int, Float, ID, DateScalar…) or a registered enum object.
    const name = (type as { constructor?: { name?: string } }).constructor?.name;
    if (name === "GraphQLScalarType") return true;
    return getMetadataStorage().enums.some((metadata) => metadata.enumObj === type);
  }
  return false;
}
