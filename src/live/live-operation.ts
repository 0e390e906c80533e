import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { getArgumentValues } from "graphql/execution/values";
import type { RequestAccess } from "../access";
import type { RequestContext } from "../context";
import { ErrorCode } from "../errors";
import type { BatchAppliedEvent } from "./batch-events";
import type { EventMatcher, LiveField } from "./live-field";
import type { LiveSubscription, LiveSubscriptions } from "./live-subscriptions";
import type { QueueItem } from "./subscriber-queue";

/** A subscription that may start: its root field, which events it follows, and where its payload lands in each answer. */
export interface StartedSubscription {
  field: LiveField;
  matches: EventMatcher;
  /** The root field's response key (its alias, or its name). */
  responseKey: string;
  /** The root field as written, and its arguments coerced: for asking an event as a query (src/live/as-query.ts). */
  root: FieldNode;
  args: Record<string, unknown>;
}

/**
 * Decides whether a validated subscription operation may start: its root field is judged by the
 * mandates exactly as a query's field is (`decide`, FORBIDDEN when refused), then its arguments
 * are checked by the field's domain (BAD_USER_INPUT naming the argument, or FORBIDDEN for what the
 * principal may not follow). Throws the refusal; `variables` are already coerced.
 */
export function startSubscription(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  access: RequestAccess,
  live: LiveSubscriptions,
  accessControl: boolean,
  /** False where the gateway's subgraphs run elsewhere: each event is then asked as a query, which the field must offer. */
  resolvedInProcess: boolean,
): StartedSubscription {
  const node = rootFieldOf(document, operation.selectionSet);
  const definition = node && schema.getSubscriptionType()?.getFields()[node.name.value];
  const field = node && live.field(node.name.value);
  if (!node || !definition || !field)
    throw new GraphQLError("This subscription selects no field the hub follows events for.", { extensions: { code: ErrorCode.BAD_USER_INPUT } });
  if (accessControl) {
    const verdict = access.decide(`Subscription.${node.name.value}`);
    if (verdict !== true) throw verdict;
  }
  const args = getArgumentValues(definition, node, variables);
  const matches = field.start(args, access);
  if (!resolvedInProcess && !field.asQuery) {
    throw new GraphQLError(
      `Subscription.${field.field} is served by hub replicas that run the domains in their own process (npm start); this gateway reaches its subgraphs over HTTP, and no query of the supergraph answers it.`,
      { extensions: { code: ErrorCode.BAD_USER_INPUT, field: `Subscription.${field.field}` } },
    );
  }
  return { field, matches, responseKey: node.alias?.value ?? node.name.value, root: node, args };
}

/** The one root field of a subscription (validation allows exactly one), also when written inside a fragment. */
function rootFieldOf(document: DocumentNode, selectionSet: SelectionSetNode): FieldNode | undefined {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (!selection.name.value.startsWith("__")) return selection;
      continue;
    }
    const fragment = (name: string) =>
      document.definitions.find(
        (definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION && definition.name.value === name,
      );
    const inner = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : fragment(selection.name.value)?.selectionSet;
    const found = inner && rootFieldOf(document, inner);
    if (found) return found;
  }
  return undefined;
}

/** One event resolved for one subscriber: the answer to send and the context it ran with (for its audit row); null when nothing this subscriber may see changed. */
export type ResolvedEvent = { result: ExecutionResult; context: RequestContext; last: boolean } | null;

const eventContexts = new WeakMap<ExecutionResult, RequestContext>();
const notices = new WeakSet<ExecutionResult>();

/** The fresh context an event's answer was resolved with; undefined for a notice. */
export function contextOfEvent(result: ExecutionResult): RequestContext | undefined {
  return eventContexts.get(result);
}

/** True for a missed-events or dropped-events notice: no data, no audit row of its own. */
export function isNotice(result: ExecutionResult): boolean {
  return notices.has(result);
}

/**
 * The answers of one subscription, pulled by graphql-ws one at a time: each pull takes the next
 * event from the subscriber's bounded queue and resolves it (`resolve`: a fresh context, the
 * mandates at the door, the query executor), skipping events that resolve to nothing this
 * subscriber may see. Written by hand, not as an async generator, so that `return()` (the client
 * completed, or its socket closed) ends a subscription waiting for its next event at once.
 */
export class LiveEvents implements AsyncIterableIterator<ExecutionResult> {
  private ended = false;

  constructor(
    private readonly subscription: LiveSubscription,
    private readonly resolve: (event: BatchAppliedEvent) => Promise<ResolvedEvent>,
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<ExecutionResult>> {
    for (;;) {
      if (this.ended) return { done: true, value: undefined };
      const item = await this.subscription.queue.next();
      if (!item) return this.return();
      if (item.kind !== "event") return { done: false, value: notice(item) };
      let resolved: ResolvedEvent;
      try {
        resolved = await this.resolve(item.event);
      } catch (error) {
        // graphql-ws ends the operation with the (masked) error; the subscription must not outlive it.
        this.finish();
        throw error;
      }
      if (!resolved) continue;
      eventContexts.set(resolved.result, resolved.context);
      if (resolved.last) this.finish();
      return { done: false, value: resolved.result };
    }
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    this.finish();
    return { done: true, value: undefined };
  }

  private finish(): void {
    this.ended = true;
    this.subscription.end();
  }
}

function notice(item: Exclude<QueueItem<BatchAppliedEvent>, { kind: "event" }>): ExecutionResult {
  const error =
    item.kind === "missed"
      ? new GraphQLError(
          `Events may have been missed: this hub replica lost its connection to PostgreSQL at ${item.notice.since} and listens again since ${item.notice.resumedAt}. Query the current state; the subscription goes on.`,
          { extensions: { code: ErrorCode.EVENTS_MISSED, since: item.notice.since, resumedAt: item.notice.resumedAt } },
        )
      : new GraphQLError(
          `${item.count} event${item.count === 1 ? " was" : "s were"} dropped: this subscriber fell behind (its socket took messages more slowly than they came) since ${item.since}. Query the current state; the subscription goes on with the newest event.`,
          { extensions: { code: ErrorCode.EVENTS_DROPPED, dropped: item.count, since: item.since } },
        );
  const result: ExecutionResult = { errors: [error] };
  notices.add(result);
  return result;
}
