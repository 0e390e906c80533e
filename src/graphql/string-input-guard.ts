import type { ApolloServerPlugin } from "@apollo/server";
import type { RequestContext } from "../context";
import { stringInputProblem } from "./string-inputs";

/**
 * Refuses, before anything runs, a request carrying a string with a NUL byte or longer than
 * `maxLength` (see stringInputProblem): BAD_USER_INPUT with HTTP 400, naming where the string is.
 */
export function stringInputGuard(maxLength: number): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const problem = stringInputProblem(document, request.variables, maxLength);
          if (problem) {
            problem.extensions.http = { status: 400 };
            throw problem;
          }
        },
      };
    },
  };
}
