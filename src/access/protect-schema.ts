import { GraphQLError, getNamedType, type GraphQLObjectType, type GraphQLResolveInfo, type GraphQLSchema } from "graphql";
import { applyMiddleware, type IMiddleware, type IMiddlewareFunction } from "graphql-middleware";
import { allow, deny, rule, shield } from "graphql-shield";
import { ErrorCode } from "../errors";
import type { AccessPolicy } from "./access-policy";
import { schemaCoordinates } from "./field-classes";
import type { RequestAccess } from "./request-access";

/** Types whose objects are an owner's records; each one placed in an answer counts as a row returned (and in the operation limits' row bound). */
export const RECORD_TYPES = new Set(["Enterprise", "TaxHeadcount", "BhxhUnit", "Enrolment", "LabourForceStat"]);

type FieldRule = typeof allow | ReturnType<ReturnType<typeof rule>>;

interface AccessContext {
  access: RequestAccess;
}

/**
 * Wraps the fields of `schema` in graphql-shield rules compiled from the policy, default deny: a
 * refused field resolves to a FORBIDDEN error on its own path and the rest of the answer stands.
 * Rules are cached per request (`contextual`): a field is judged once however many rows carry it.
 */
export function protectSchema(schema: GraphQLSchema, policy: AccessPolicy): GraphQLSchema {
  const tree: Record<string, Record<string, FieldRule>> = {};
  const alwaysAllowed = new Set<string>();
  const rowCounters: Record<string, Record<string, IMiddlewareFunction>> = {};
  for (const { type, field, coordinate } of schemaCoordinates(schema)) {
    const fieldClass = policy.classes.get(coordinate);
    tree[type] ??= {};
    // Carried fields (keys, paging, provenance) follow their parent, which was judged already;
    // open reference data is open to all. Neither depends on who asks.
    if (fieldClass?.kind === "carried" || (fieldClass?.kind === "reference" && policy.open.has(coordinate))) {
      tree[type][field] = allow;
      alwaysAllowed.add(coordinate);
    } else {
      tree[type][field] = rule(coordinate, { cache: "contextual" })((_parent, _args, context: AccessContext) => context.access.decide(coordinate));
    }
    const returned = getNamedType((schema.getType(type) as GraphQLObjectType).getFields()[field].type);
    if (RECORD_TYPES.has(returned.name)) (rowCounters[type] ??= {})[field] = countRows;
  }
  const permissions = shield(tree, {
    fallbackRule: deny,
    fallbackError: new GraphQLError("Refused: no rule covers this field.", { extensions: { code: ErrorCode.FORBIDDEN } }),
    // Errors a resolver throws on purpose (BAD_USER_INPUT, a refused filter) reach the client; the rest are masked by formatError.
    allowExternalErrors: true,
  });
  return applyMiddleware(schema, withoutWrappers(permissions.generate(schema) as Record<string, Record<string, unknown>>, alwaysAllowed), rowCounters);
}

/**
 * Drops shield's wrapper from fields whose rule is `allow`. A wrapper makes every field async, and
 * on a page of 100 enterprises with their relations that alone cost as much as the rules
 * themselves; a rule that says yes to everyone need not run on every row.
 */
function withoutWrappers(middleware: Record<string, Record<string, unknown>>, alwaysAllowed: Set<string>): IMiddleware {
  const kept: Record<string, Record<string, unknown>> = {};
  for (const [type, fields] of Object.entries(middleware)) {
    for (const [field, wrapper] of Object.entries(fields)) {
      if (!alwaysAllowed.has(`${type}.${field}`)) (kept[type] ??= {})[field] = wrapper;
    }
  }
  return kept as IMiddleware;
}

const countRows: IMiddlewareFunction = async (resolve, parent, args, context: AccessContext, info: GraphQLResolveInfo) => {
  const result = await resolve(parent, args, context, info);
  if (Array.isArray(result)) context.access.countRows(result.length, provincesOf(result));
  else if (result !== null && result !== undefined && !(result instanceof Error)) context.access.countRows(1, provincesOf([result]));
  return result;
};

/** Provinces of records that carry one (enterprises, BHXH units, labour-force statistics), for the audit row. */
function provincesOf(records: readonly unknown[]): string[] {
  const codes: string[] = [];
  for (const record of records) {
    const code = (record as { provinceCode?: unknown } | null)?.provinceCode;
    if (typeof code === "string") codes.push(code);
  }
  return codes;
}
