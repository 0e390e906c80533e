import { HeaderMap, type ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import { ErrorCode } from "../errors";
import { SerializedData } from "../graphql/serialized-data";
import { stringInputProblem } from "../graphql/string-inputs";
import { variablesProblem } from "../graphql/variables-depth";
import type { RequestContext } from "../context";
import type { Admission } from "./admission";
import type { ExecutionPool } from "./execution-pool";
import type { GraphExecutor } from "../gateway/graph-executor";

/**
 * Admits each HTTP operation once it is parsed and valid, before any resolver runs: its inputs
 * (variables nested too deep, strings with NUL or too long: BAD_USER_INPUT), then limits, budget
 * and heavy lane (see Admission), and gives back what it held when the answer is sent. A
 * costly query is executed by an execution worker when there is a pool, so its CPU work does not
 * hold up light requests on this thread; what the worker's access control recorded is added to
 * this request's, so the audit row and the answer's notes are the same as in-process.
 */
export function admissionPlugin(
  admission: Admission,
  workers: ExecutionPool | null,
  inputs: { maxStringLength: number; maxVariablesDepth: number },
  graph: GraphExecutor,
): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      let release: (() => void) | undefined;
      let heavy = false;
      let answered = false;
      return {
        // One hook, in order: Apollo runs every plugin's didResolveOperation at once, so an input
        // refused by another plugin could leave this one queued in the heavy lane, holding a place.
        async didResolveOperation({ contextValue, document, operationName, request, schema }) {
          const deep = variablesProblem(request.variables, inputs.maxVariablesDepth);
          if (deep) throw new GraphQLError(deep, { extensions: { code: ErrorCode.BAD_USER_INPUT, argument: "variables", http: { status: 400 } } });
          const badString = stringInputProblem(document, request.variables, inputs.maxStringLength);
          if (badString) throw new GraphQLError(badString.message, { extensions: { ...badString.extensions, http: { status: 400 } } });
          try {
            const admitted = await admission.admit(contextValue.caller, schema, document, operationName, request.variables);
            // Answered meanwhile (the client went away, an error elsewhere): give the place back at once.
            if (answered) admitted.release();
            else ({ release, heavy } = admitted);
          } catch (error) {
            throw withRetryAfter(error as GraphQLError);
          }
        },
        async responseForOperation({ contextValue: context, request, operation, source, document }) {
          // With no worker up (one is being replaced), the hub thread runs it rather than failing it.
          // Workers hold the in-process graph only: an operation planned across subgraphs stays here.
          if (!workers?.available || !heavy || operation.operation !== "query" || !graph.runsInProcess(document, request.operationName)) return null;
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
          const { dataJson, errors } = answer.result;
          const singleResult = {
            data: dataJson === null ? null : (new SerializedData(dataJson) as unknown as Record<string, unknown>),
            ...(errors ? { errors } : {}),
          };
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: "single", singleResult } };
        },
        async willSendResponse({ contextValue }) {
          answered = true;
          release?.();
          contextValue.caller.deadline.dispose();
        },
      };
    },
  };
}

/** Apollo sends the headers of a refusal's `extensions.http`: a budget refusal says when to retry. */
function withRetryAfter(error: GraphQLError): GraphQLError {
  const retryAfter = error.extensions?.retryAfterSeconds;
  if (typeof retryAfter !== "number") return error;
  const http = { status: 429, headers: new HeaderMap([["retry-after", String(retryAfter)]]) };
  // Apollo reads a HeaderMap here; Yoga's typings (pulled in by the gateway runtime) declare a plain record.
  return new GraphQLError(error.message, { extensions: { ...error.extensions, http } as Record<string, unknown> });
}
