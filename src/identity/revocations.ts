import type { Database } from "../database";

/** What the verifier knows of a verified token that revocation can match. */
export interface RevocableToken {
  jti: string | undefined;
  subject: string;
  /** The token's iat, in seconds since the epoch. */
  issuedAt: number;
}

/** Why a token is refused: says which revocation caught it, without the operator's private reason. */
export type RevocationCheck = (token: RevocableToken) => string | undefined;

/** A revocation as an operator writes it: one token by its jti, or every token of a subject issued before an instant. */
export type Revocation = { jti: string } | { subject: string; issuedBefore: Date };

/** Inserts one revocation row; the caller's transaction decides when it takes effect. */
export async function insertRevocation(
  query: (sql: string, params: unknown[]) => Promise<unknown>,
  revocation: Revocation,
  reason: string,
  revokedBy: string,
): Promise<void> {
  const [jti, subject, issuedBefore] = "jti" in revocation ? [revocation.jti, null, null] : [null, revocation.subject, revocation.issuedBefore.toISOString()];
  await query("INSERT INTO hub.token_revocation (jti, subject, issued_before, reason, revoked_by) VALUES ($1, $2, $3, $4, $5)", [
    jti,
    subject,
    issuedBefore,
    reason,
    revokedBy,
  ]);
}

/**
 * hub.token_revocation held in memory and reloaded every few seconds, so that every replica refuses
 * a revoked token within `refreshSeconds` without a query per request. A reload first asks only
 * whether the table changed (its largest id and row count, which also notices a row removed by
 * hand). A failed reload is logged and retried at the next tick; the last set read stays in force.
 */
export class RevocationList {
  private revokedJtis = new Set<string>();
  /** Subject → the latest instant (ms) before which its tokens are revoked. */
  private revokedBefore = new Map<string, number>();
  private version = "";
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> | undefined;
  private stopped = false;
  private failing = false;

  private constructor(
    private readonly db: Database,
    private readonly refreshMs: number,
    private readonly log: (line: string) => void,
  ) {}

  /** Loads the table once (a failure here stops the start) and keeps it fresh until `stop`. */
  static async start(db: Database, refreshSeconds: number, log: (line: string) => void): Promise<RevocationList> {
    const list = new RevocationList(db, refreshSeconds * 1000, log);
    await list.reload();
    list.schedule();
    return list;
  }

  /** The check the token verifier runs on every token it accepts. */
  readonly check: RevocationCheck = (token) => {
    if (token.jti !== undefined && this.revokedJtis.has(token.jti)) return "The token was revoked by an operator; ask its issuer for a new one.";
    const before = this.revokedBefore.get(token.subject);
    // iat has whole seconds: a token from the revocation's own second counts as issued before it.
    if (before !== undefined && token.issuedAt * 1000 < before) {
      return `The tokens of subject ${JSON.stringify(token.subject)} issued before ${new Date(before).toISOString()} were revoked by an operator; ask for a new one.`;
    }
    return undefined;
  };

  /** Stops reloading; resolves once a reload under way has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.refreshing;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.refreshing = this.refresh().finally(() => {
        this.refreshing = undefined;
        this.schedule();
      });
    }, this.refreshMs);
    // Never the reason the process stays up.
    this.timer.unref();
  }

  private async refresh(): Promise<void> {
    try {
      await this.reload();
      if (this.failing) this.log("token revocations: reloading works again.");
      this.failing = false;
    } catch (error) {
      // Logged once per outage, not every tick.
      if (!this.failing) this.log(`token revocations could not be reloaded, the last list read stays in force: ${(error as Error).message}`);
      this.failing = true;
    }
  }

  private async reload(): Promise<void> {
    const [state] = await this.db.query<{ version: string }>("SELECT coalesce(max(id), 0) || '/' || count(*) AS version FROM hub.token_revocation");
    if (state.version === this.version) return;
    const rows = await this.db.query<{ jti: string | null; subject: string | null; issued_before: Date | null }>(
      "SELECT jti, subject, issued_before FROM hub.token_revocation",
    );
    const jtis = new Set<string>();
    const before = new Map<string, number>();
    for (const row of rows) {
      if (row.jti !== null) jtis.add(row.jti);
      if (row.subject !== null && row.issued_before !== null) {
        before.set(row.subject, Math.max(before.get(row.subject) ?? 0, row.issued_before.getTime()));
      }
    }
    this.revokedJtis = jtis;
    this.revokedBefore = before;
    this.version = state.version;
  }
}
