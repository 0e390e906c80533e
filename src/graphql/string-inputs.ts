import { GraphQLError, Kind, visit, type ASTNode, type DocumentNode } from "graphql";
import { badUserInput, ErrorCode } from "../errors";
import { DocumentMemo } from "./document-memo";

/**
 * The first string a request carries that no argument can hold: one containing a NUL byte
 * (PostgreSQL text cannot store it) or one longer than `maxLength` characters. Looks at every
 * string in `variables`, object keys included, and every string literal in `document`. Returns a
 * BAD_USER_INPUT error naming where the string is (`$filter.search`, or the argument of a literal),
 * or null when every string is acceptable. Pure, so HTTP and graphql-ws share it.
 */
export function stringInputProblem(document: DocumentNode, variables: Record<string, unknown> | null | undefined, maxLength: number): GraphQLError | null {
  return variablesProblem(variables ?? {}, maxLength) ?? checkedDocument(document, maxLength);
}

/** Documents whose literals were all found acceptable under a length limit: walked once, not per request (see DocumentMemo). */
const acceptedDocuments = new DocumentMemo<true>();

function checkedDocument(document: DocumentNode, maxLength: number): GraphQLError | null {
  if (acceptedDocuments.get(document, maxLength)) return null;
  const problem = documentProblem(document, maxLength);
  if (!problem) acceptedDocuments.set(document, maxLength, true);
  return problem;
}

function problemWith(text: string, maxLength: number): string | null {
  if (text.includes("\0")) return "it contains a NUL byte (\\u0000), which no text can hold";
  if (text.length > maxLength) return `it is ${text.length} characters long; at most ${maxLength} are accepted`;
  return null;
}

function variablesProblem(variables: Record<string, unknown>, maxLength: number): GraphQLError | null {
  // Walked with a stack, not recursion: a body may nest arrays thousands deep.
  const pending: [value: unknown, path: string][] = [[variables, "$"]];
  while (pending.length > 0) {
    const [value, path] = pending.pop()!;
    if (typeof value === "string") {
      const problem = problemWith(value, maxLength);
      if (problem) return refusal(`Variable "${shortPath(path)}"`, problem, { variable: shortPath(path) });
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => pending.push([item, `${path}[${index}]`]));
    } else if (value !== null && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) {
        const problem = problemWith(key, maxLength);
        if (problem) return refusal(`A field name in variable "${shortPath(path)}"`, problem, { variable: shortPath(path) });
        pending.push([item, path === "$" ? `$${key}` : `${path}.${key}`]);
      }
    }
  }
  return null;
}

function documentProblem(document: DocumentNode, maxLength: number): GraphQLError | null {
  let found: GraphQLError | null = null;
  visit(document, {
    StringValue(node, _key, parent, _path, ancestors) {
      const problem = problemWith(node.value, maxLength);
      if (!problem) return undefined;
      const argument = argumentPath(parent ? [...ancestors, parent] : ancestors);
      found = argument ? badUserInput(argument, problem) : refusal("A string in the document", problem, {});
      return false;
    },
  });
  return found;
}

/** "filter.search" for a literal in `filter: { search: "…" }`, from the nodes above the literal. */
function argumentPath(ancestors: readonly (ASTNode | readonly ASTNode[])[]): string | null {
  const names: string[] = [];
  for (const ancestor of ancestors) {
    if ("kind" in ancestor && (ancestor.kind === Kind.ARGUMENT || ancestor.kind === Kind.OBJECT_FIELD)) names.push(ancestor.name.value);
  }
  return names.length > 0 ? names.join(".") : null;
}

/** Longest variable path a message names: keys are bounded, nesting is not. */
const LONGEST_PATH = 200;

function refusal(subject: string, problem: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(`${subject} is refused: ${problem}.`, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...extensions } });
}

function shortPath(path: string): string {
  return path.length <= LONGEST_PATH ? path : `${path.slice(0, LONGEST_PATH)}…`;
}
