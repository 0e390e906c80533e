import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import { ErrorCode } from "../errors";

/** How deep a variable's value may nest by default: far beyond any input type of the graph. */
export const DEFAULT_MAX_VARIABLES_DEPTH = 32;

/**
 * What is wrong with a request's variables, or undefined when nothing is: a variable whose value
 * nests objects and arrays more than `maxDepth` levels deep (a scalar is 0 levels, `{a: 1}` and
 * `[1]` are 1). Walks with its own stack, never recursing, so any depth JSON.parse accepted is
 * measured without overflowing the call stack. The message names the variable, the depth found
 * and the limit.
 */
export function variablesProblem(variables: unknown, maxDepth: number = DEFAULT_MAX_VARIABLES_DEPTH): string | undefined {
  if (variables === null || typeof variables !== "object") return undefined;
  for (const [name, value] of Object.entries(variables)) {
    const depth = nestingDepth(value);
    if (depth > maxDepth) {
      return `Variable "$${name.length > 100 ? `${name.slice(0, 100)}...` : name}" is nested ${depth} levels deep; variables may nest at most ${maxDepth} levels.`;
    }
  }
  return undefined;
}

/** Levels of objects and arrays in `value`, measured with an explicit stack. */
function nestingDepth(value: unknown): number {
  let deepest = 0;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (current === null || typeof current !== "object") continue;
    deepest = Math.max(deepest, depth + 1);
    for (const child of Object.values(current)) {
      if (child !== null && typeof child === "object") stack.push({ value: child, depth: depth + 1 });
    }
  }
  return deepest;
}

/**
 * Refuses a request whose variables nest deeper than `maxDepth`, before it executes, with HTTP 400
 * and BAD_USER_INPUT saying how deep they are. Refused as a request error, so the audit plugin
 * still writes its row (with the variables reduced to a note: see protectVariables).
 */
export function refuseDeepVariables(maxDepth: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request }) {
          const problem = variablesProblem(request.variables, maxDepth);
          if (problem) throw new GraphQLError(problem, { extensions: { code: ErrorCode.BAD_USER_INPUT, argument: "variables", http: { status: 400 } } });
        },
      };
    },
  };
}
