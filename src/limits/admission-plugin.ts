import type { ApolloServerPlugin } from "@apollo/server";
import type { RequestContext } from "../context";
import type { Admission } from "./admission";

/**
 * Admits each HTTP operation once it is parsed and valid, before any resolver runs (limits,
 * budget, heavy lane: see Admission), and gives back what it held when the answer is sent.
 */
export function admissionPlugin(admission: Admission): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      let release: (() => void) | undefined;
      return {
        async didResolveOperation({ contextValue, document, operationName, request, schema }) {
          release = (await admission.admit(contextValue.caller, schema, document, operationName, request.variables)).release;
        },
        async willSendResponse({ contextValue }) {
          release?.();
          contextValue.caller.deadline.dispose();
        },
      };
    },
  };
}
