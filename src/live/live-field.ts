import type { RequestAccess } from "../access";
import type { BatchAppliedEvent } from "./batch-events";

/** Which events concern one subscription, decided in memory for every event the listener hears. */
export type EventMatcher = (event: BatchAppliedEvent) => boolean;

/**
 * A Subscription root field as its domain declares it beside its resolver. Its resolver is called
 * once per matching event, with the event as the root value and a fresh request context, exactly
 * as a query's root field is; returning null means "nothing this subscriber may see changed", and
 * the event is then not sent.
 */
export interface LiveField {
  /** The field's name on Subscription. */
  field: string;
  /**
   * Checks the arguments once, when the subscription starts: throws BAD_USER_INPUT naming the
   * argument and why, or FORBIDDEN when this principal may not follow what the arguments name.
   * Returns which events to resolve.
   */
  start(args: Record<string, unknown>, access: RequestAccess): EventMatcher;
  /**
   * The same payload asked as a query of the supergraph, for a gateway whose subgraphs run in other
   * processes (`npm run gateway`), where no subgraph resolves this root field with the event: the
   * query root field to ask, and the fields to descend through to the payload. Absent: the field
   * is served only where the domains run in the gateway's process (`npm start`).
   */
  asQuery?(args: Record<string, unknown>, event: BatchAppliedEvent): QueryPath;
}

/** A path of fields from Query down to the object a subscription yields; arguments are strings or null. */
export type QueryPath = { field: string; args: Record<string, string | null> }[];

/**
 * The `subscribe` of every Subscription root field. Events are not produced by graphql-js's
 * subscribe: the hub's graphql-ws server resolves each event as a query (src/live/live-operation.ts),
 * so reaching this means something else tried to subscribe, which the hub does not serve.
 */
export function subscribedByTheHubOnly(): never {
  throw new Error("Subscriptions are served by the hub's graphql-ws server on /graphql, which resolves each event itself.");
}
