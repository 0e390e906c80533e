import { HeaderMap, type ApolloServerPlugin } from "@apollo/server";
import type { RequestContext } from "../context";
import type { Admission } from "./admission";
import type { ExecutionPool } from "./execution-pool";

/**
 * Admits each HTTP operation once it is parsed and valid, before any resolver runs (limits,
 * budget, heavy lane: see Admission), and gives back what it held when the answer is sent. A
 * costly query is executed by an execution worker when there is a pool, so its CPU work does not
 * hold up light requests on this thread; what the worker's access control recorded is added to
 * this request's, so the audit row and the answer's notes are the same as in-process.
 */
export function admissionPlugin(admission: Admission, workers: ExecutionPool | null): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      let release: (() => void) | undefined;
      let heavy = false;
      return {
        async didResolveOperation({ contextValue, document, operationName, request, schema }) {
          const admitted = await admission.admit(contextValue.caller, schema, document, operationName, request.variables);
          release = admitted.release;
          heavy = admitted.heavy;
        },
        async responseForOperation({ contextValue: context, request, operation, source }) {
          if (!workers || !heavy || operation.operation !== "query") return null;
          const answer = await workers.run({
            query: source,
            variables: request.variables ?? null,
            operationName: request.operationName ?? null,
            principal: context.principal,
            purpose: context.purpose,
            requestId: context.requestId,
            clientRequestId: context.clientRequestId,
            startedAt: context.startedAt.getTime(),
            remoteAddress: undefined,
            deadlineMs: context.caller.deadline.budgetMs - (Date.now() - context.startedAt.getTime()),
          });
          context.access.absorb(answer.access);
          context.stats.sqlStatements += answer.sqlStatements;
          context.stats.executedBy = "execution-worker";
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: "single", singleResult: answer.result } };
        },
        async willSendResponse({ contextValue }) {
          release?.();
          contextValue.caller.deadline.dispose();
        },
      };
    },
  };
}
