import type { CallerBudget } from "../config";

/** Why a caller was turned away. */
export type BudgetRefusal = { reason: "concurrency" | "cost"; retryAfterSeconds: number; message: string };

interface Account {
  inFlight: number;
  /** Cost still available; refills continuously up to the budget per minute. */
  tokens: number;
  refilledAt: number;
}

/** Above this many callers tracked, accounts at rest (nothing in flight, bucket full) are forgotten. */
const MAX_ACCOUNTS = 50_000;

/**
 * Per-caller budgets: operations in flight at once, and cost per rolling minute (a token bucket
 * that refills continuously). A caller is a principal (agency and subject) or, when anonymous, an
 * IP address. Memory is bounded: accounts at rest are dropped when many callers are tracked.
 */
export class CallerBudgets {
  private readonly accounts = new Map<string, Account>();

  constructor(
    private readonly budgets: { authenticated: CallerBudget; anonymous: CallerBudget },
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Takes an operation slot and `cost` from `caller`'s minute. Returns the function that gives
   * the slot back (call it once, when the operation is answered), or why the caller must wait.
   */
  admit(caller: string, anonymous: boolean, cost: number): { release: () => void } | BudgetRefusal {
    const budget = anonymous ? this.budgets.anonymous : this.budgets.authenticated;
    const account = this.account(caller, budget);
    if (account.inFlight >= budget.concurrent) {
      return {
        reason: "concurrency",
        retryAfterSeconds: 1,
        message: `You have ${account.inFlight} operations in flight, the most one ${anonymous ? "anonymous address" : "caller"} may have at once. Wait for one to finish.`,
      };
    }
    if (cost > account.tokens) {
      const perMs = budget.costPerMinute / 60_000;
      const retryAfterSeconds = Math.max(1, Math.ceil((Math.min(cost, budget.costPerMinute) - account.tokens) / perMs / 1000));
      return {
        reason: "cost",
        retryAfterSeconds,
        message: `This operation costs ${Math.ceil(cost)} and ${Math.floor(account.tokens)} of your ${budget.costPerMinute} per minute are left. Retry in ${retryAfterSeconds} s, or ask for less per operation.`,
      };
    }
    account.tokens -= cost;
    account.inFlight += 1;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        account.inFlight -= 1;
      },
    };
  }

  private account(caller: string, budget: CallerBudget): Account {
    const now = this.now();
    let account = this.accounts.get(caller);
    if (!account) {
      if (this.accounts.size >= MAX_ACCOUNTS) this.forgetAccountsAtRest(now);
      account = { inFlight: 0, tokens: budget.costPerMinute, refilledAt: now };
      this.accounts.set(caller, account);
      return account;
    }
    account.tokens = Math.min(budget.costPerMinute, account.tokens + ((now - account.refilledAt) * budget.costPerMinute) / 60_000);
    account.refilledAt = now;
    return account;
  }

  private forgetAccountsAtRest(now: number): void {
    for (const [caller, account] of this.accounts) {
      // A minute idle refills any bucket: forgetting the account changes nothing for that caller.
      if (account.inFlight === 0 && now - account.refilledAt >= 60_000) this.accounts.delete(caller);
    }
  }
}
