/**
 * What is wrong with a request's variables, or undefined when nothing is: a variable whose value
 * nests objects and arrays more than `maxDepth` levels deep (a scalar is 0 levels, `{a: 1}` and
 * `[1]` are 1). Walks with its own stack, never recursing, so any depth JSON.parse accepted is
 * measured without overflowing the call stack. The message names the variable, the depth found
 * and the limit.
 */
export function variablesProblem(variables: unknown, maxDepth: number): string | undefined {
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
