import { GraphQLError, type DocumentNode, type GraphQLSchema } from "graphql";
import { MAX_FINDINGS_PER_MONTH } from "../../resolvers/hub/compliance.queries";
import type { HubConfig, OperationLimits } from "../config";
import type { Database } from "../database";
import { deadlineError, type RequestDeadline } from "../database/request-deadline";
import { STORED_ERRORS } from "../ingest/batch-errors";
import { ErrorCode } from "../errors";
import { RECORD_TYPES } from "../access/count-records";
import { referenceFanOuts } from "../../resolvers/hub/hub.queries";
import { CallerBudgets, type BudgetRefusal } from "./caller-budgets";
import { FairLane, LaneRefusal } from "./fair-lane";
import { checkOperationLimits, type LimitName } from "./operation-limits";
import type { CostModel } from "./operation-cost";

/** Who is asking, as admission sees it. */
export interface Caller {
  /** The budget key: the principal (agency and subject), or the IP address when anonymous. */
  key: string;
  anonymous: boolean;
  deadline: RequestDeadline;
}

/** Notified of each refusal, for metrics. */
export interface AdmissionEvents {
  limitRefused?(limit: LimitName): void;
  budgetRejected?(reason: BudgetRefusal["reason"] | "heavy-lane-full" | "socket-in-flight" | "socket-subscriptions" | "caller-subscriptions"): void;
}

/**
 * Decides whether an operation may run, before it runs: the operation limits (graphql-armor's
 * depth, aliases, directives; our cost model), the caller's budget, and a place in the heavy lane
 * for costly operations. The same door for HTTP and graphql-ws.
 */
export class Admission {
  private readonly budgets: CallerBudgets;
  private readonly heavyLane: FairLane;

  constructor(
    private readonly config: Pick<HubConfig, "operationLimits" | "budgets" | "heavyCost" | "heavyConcurrency">,
    readonly model: CostModel,
    /** Told of each refusal (metrics); graphql-ws reports its own per-socket refusals here too. */
    readonly events: AdmissionEvents = {},
  ) {
    this.budgets = new CallerBudgets(config.budgets);
    this.heavyLane = new FairLane(config.heavyConcurrency);
  }

  /** The limits that apply to a caller: stricter when anonymous. */
  limitsFor(caller: Pick<Caller, "anonymous">): OperationLimits {
    return caller.anonymous ? this.config.operationLimits.anonymous : this.config.operationLimits.authenticated;
  }

  /**
   * Admits one operation of `caller`: resolves with its estimated cost and the function that
   * frees what it holds (call it once, when the operation is answered). Throws QUERY_TOO_COMPLEX
   * (400) over a limit, RATE_LIMITED (429, with Retry-After) over budget or when the heavy lane's
   * queue is full, REQUEST_TIMEOUT when the deadline passes while it waits.
   */
  async admit(
    caller: Caller,
    schema: GraphQLSchema,
    document: DocumentNode,
    operationName: string | null | undefined,
    variables: Record<string, unknown> | null | undefined,
  ): Promise<{ cost: number; heavy: boolean; release: () => void }> {
    let cost: number;
    try {
      cost = checkOperationLimits(schema, document, operationName, variables, this.limitsFor(caller), this.model).cost;
    } catch (error) {
      const limit = (error as GraphQLError).extensions?.limit;
      if (typeof limit === "string") this.events.limitRefused?.(limit as LimitName);
      throw error;
    }
    const admitted = this.budgets.admit(caller.key, caller.anonymous, cost);
    if ("reason" in admitted) {
      this.events.budgetRejected?.(admitted.reason);
      throw rateLimited(admitted.message, admitted.retryAfterSeconds, admitted.reason);
    }
    if (cost < this.config.heavyCost) return { cost, heavy: false, release: admitted.release };
    try {
      const leaveLane = await this.heavyLane.enter(caller.key, caller.deadline.signal);
      return {
        cost,
        heavy: true,
        release: () => {
          leaveLane();
          admitted.release();
        },
      };
    } catch (error) {
      admitted.release();
      if (error instanceof LaneRefusal && error.reason === "full") {
        this.events.budgetRejected?.("heavy-lane-full");
        throw rateLimited(`The hub is busy with costly operations: ${error.message}`, 1, "heavy-lane-full");
      }
      throw deadlineError(caller.deadline.budgetMs);
    }
  }
}

/** RATE_LIMITED (HTTP 429); `extensions.retryAfterSeconds` becomes the Retry-After header over HTTP. */
export function rateLimited(message: string, retryAfterSeconds: number, reason: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.RATE_LIMITED, reason, retryAfterSeconds, http: { status: 429 } } });
}

/** Reads what the cost model needs from the database and the page-size setting. */
export async function loadCostModel(db: Database, config: Pick<HubConfig, "maxPageSize">, mandateCount: number): Promise<CostModel> {
  const fanOuts = await referenceFanOuts(db);
  fanOuts.set("Query.myMandates", mandateCount);
  // A batch record keeps at most this many problems (src/ingest/batch-errors.ts).
  fanOuts.set("IngestBatch.errors", STORED_ERRORS);
  // An enterprise has at most one finding per rule and month (resolvers/hub/compliance.queries.ts).
  for (const coordinate of ["Enterprise.compliance", "InspectionCandidate.findings", "PublicDefaulter.findings"])
    fanOuts.set(coordinate, MAX_FINDINGS_PER_MONTH);
  return { fanOuts, recordTypes: RECORD_TYPES, defaultPageSize: Math.min(20, config.maxPageSize), maxPageSize: config.maxPageSize };
}
