import { defaultFieldResolver, getNamedType, isObjectType, type GraphQLSchema } from "graphql";
import type { RequestAccess } from "./request-access";
import { DOMAINS } from "../domains";

/** Types whose objects are an owner's records; each one placed in an answer counts as a row returned (and in the operation limits' row bound). */
export const RECORD_TYPES: ReadonlySet<string> = new Set(DOMAINS.flatMap((domain) => domain.records));

/**
 * Counts the owner records each request places in its answer (and their provinces) for the audit
 * row, by wrapping the resolvers of the few fields that return records. The wrapper adds no promise
 * when the resolver returns a value, and one `then` when it returns a promise. Mutates `schema`.
 */
export function countRecordRows(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      if (!RECORD_TYPES.has(getNamedType(field.type).name)) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (parent, args, context: { access: RequestAccess }, info) => {
        const result = resolve(parent, args, context, info) as unknown;
        if (result instanceof Promise) return result.then((value: unknown) => count(context.access, value));
        return count(context.access, result);
      };
    }
  }
  return schema;
}

function count<T>(access: RequestAccess, result: T): T {
  if (Array.isArray(result)) access.countRows(result.length, provincesOf(result));
  else if (result !== null && result !== undefined && !(result instanceof Error)) access.countRows(1, provincesOf([result]));
  return result;
}

/** Provinces of records that carry one (enterprises, BHXH units, labour-force statistics), for the audit row. */
function provincesOf(records: readonly unknown[]): string[] {
  const codes: string[] = [];
  for (const record of records) {
    const code = (record as { provinceCode?: unknown } | null)?.provinceCode;
    if (typeof code === "string") codes.push(code);
  }
  return codes;
}
