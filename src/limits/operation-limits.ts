import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import { MaxTokensParserWLexer } from "@escape.tech/graphql-armor-max-tokens";
import { GraphQLError, Lexer, Source, TokenKind, validate, type DocumentNode, type GraphQLSchema } from "graphql";
import type { OperationLimits } from "../config";
import { ErrorCode } from "../errors";
import { DocumentMemo } from "../graphql/document-memo";
import { operationCost, type CostModel, type OperationCost } from "./operation-cost";

export type LimitName = keyof OperationLimits;

/** What each limit counts, for messages a client can act on. */
const WHAT: Record<LimitName, string> = {
  depth: "fields nested",
  aliases: "aliased fields",
  tokens: "tokens in the document",
  directives: "directives",
  cost: "objects it may resolve (list sizes multiplied down the selection)",
  rows: "owner records it may return (page sizes summed over aliases)",
};

/** QUERY_TOO_COMPLEX (HTTP 400) naming the limit, its value and what the operation measured. */
export function tooComplex(limit: LimitName, max: number, found: number | string): GraphQLError {
  return new GraphQLError(
    `The operation is over the ${limit} limit: ${found} ${WHAT[limit]}, at most ${max} allowed. Split it into smaller operations (fewer aliases, smaller first, less nesting).`,
    { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit, max, found, http: { status: 400 } } },
  );
}

/**
 * Parses `source` with graphql-armor's token-limited parser, so an oversized document is refused
 * before it is built into a tree. Over the limit: QUERY_TOO_COMPLEX with the document's token
 * count; a syntax error is thrown as graphql-js reports it.
 */
export function parseWithinTokenLimit(source: string, maxTokens: number): DocumentNode {
  try {
    return new MaxTokensParserWLexer(source, { n: maxTokens, onReject: [], onAccept: [] }).parseDocument();
  } catch (error) {
    if (error instanceof GraphQLError && /token limit/i.test(error.message)) throw tooComplex("tokens", maxTokens, countTokens(source));
    throw error;
  }
}

/** Refuses a document over the token limit without parsing it (Apollo parses it afterwards). */
export function checkTokenLimit(source: unknown, maxTokens: number): void {
  if (typeof source !== "string") return;
  const count = countTokens(source, maxTokens + 1);
  if (count > maxTokens) throw tooComplex("tokens", maxTokens, countTokens(source));
}

/** Lexical tokens in `source`, stopping at `stopAt`; a lexing error ends the count (the parser will report it). */
function countTokens(source: string, stopAt = Number.MAX_SAFE_INTEGER): number {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  try {
    while (count < stopAt && lexer.advance().kind !== TokenKind.EOF) count += 1;
  } catch {
    // Unterminated strings and the like: the parser names them.
  }
  return count;
}

/**
 * Checks a parsed, valid operation against `limits`: depth, aliases and directives with
 * graphql-armor's rules, then our cost model (objects and owner records it may touch). Throws
 * QUERY_TOO_COMPLEX for the first limit exceeded; returns the operation's estimated cost.
 */
export function checkOperationLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  limits: OperationLimits,
  model: CostModel,
): OperationCost {
  // By value: the limits of anonymous and authenticated callers differ, and a limits object may be changed.
  const armorLimits = `${limits.depth}/${limits.aliases}/${limits.directives}`;
  if (!armorPassed.get(document, armorLimits)?.has(schema)) {
    checkArmorLimits(schema, document, limits);
    // Only a pass is remembered: a refused document is checked again (and refused with a fresh error).
    let schemas = armorPassed.get(document, armorLimits);
    if (!schemas) armorPassed.set(document, armorLimits, (schemas = new Set()));
    schemas.add(schema);
  }
  const cost = operationCost(schema, document, operationName, variables, model);
  if (cost.rows > limits.rows) throw tooComplex("rows", limits.rows, Math.ceil(cost.rows));
  if (cost.cost > limits.cost) throw tooComplex("cost", limits.cost, Math.ceil(cost.cost));
  return cost;
}

/**
 * Documents (with the schemas) that passed the depth, alias and directive limits of a limits object.
 * Those depend on the document alone, and graphql-armor's rules run a full validation walk: a tenth of
 * the hub thread's time per request when run for every request of the same query.
 */
const armorPassed = new DocumentMemo<Set<GraphQLSchema>>();

/** Depth, aliases and directives with graphql-armor's rules; throws QUERY_TOO_COMPLEX for the first exceeded. */
function checkArmorLimits(schema: GraphQLSchema, document: DocumentNode, limits: OperationLimits): void {
  let refused: GraphQLError | undefined;
  const reject = (limit: LimitName, max: number) => [
    (_context: unknown, error: GraphQLError) => {
      const found = /found (\d+)/.exec(error.message)?.[1];
      refused ??= tooComplex(limit, max, found === undefined ? `more than ${max}` : Number(found));
    },
  ];
  const common = { exposeLimits: true, propagateOnRejection: false, onAccept: [] };
  validate(schema, document, [
    maxDepthRule({ ...common, n: limits.depth, flattenFragments: true, ignoreIntrospection: true, onReject: reject("depth", limits.depth) }),
    maxAliasesRule({ ...common, n: limits.aliases, onReject: reject("aliases", limits.aliases) }),
    maxDirectivesRule({ ...common, n: limits.directives, onReject: reject("directives", limits.directives) }),
  ]);
  if (refused) throw refused;
}
