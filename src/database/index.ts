import { createHash } from "node:crypto";
import pg from "pg";
import { DataSource, type QueryRunner } from "typeorm";
import { MIGRATIONS } from "../../migrations";
import { ENTITIES } from "../../entities";
import type { MigrationClass } from "../domains/domain";
import type { StatementStats } from "./statement-stats";
import { QUERY_CANCELED, type RequestDeadline } from "./request-deadline";
import { startEmbeddedPostgres, type EmbeddedCluster } from "./embedded";

export type { StatementStats } from "./statement-stats";
export { RequestDeadline } from "./request-deadline";

const MIGRATIONS_TABLE = "lienthong_migrations";

/**
 * The hub's one door to PostgreSQL. Data-access modules (`<domain>.queries.ts`, `<domain>.loaders.ts`)
 * send parameterised SQL through `query`; every statement is counted against the current request.
 */
export class Database {
  /** Set on a request's own handle (forRequest): its statements are counted there and held to its deadline. */
  private readonly stats?: StatementStats;

  constructor(
    readonly dataSource: DataSource,
    /** The connection string, for tools that need their own client (COPY, LISTEN). */
    readonly url: string,
  ) {}

  /** This database as one request sees it: every statement counted in `stats` and held to its deadline. Shares the pool. */
  forRequest(stats: StatementStats): Database {
    return Object.create(this.shared, { stats: { value: stats } }) as Database;
  }

  /**
   * For work a request starts but others share (a cached table): its statements still counted
   * against this request, but free of its deadline, which must not cancel it for all of them.
   */
  withoutDeadline(): Database {
    const requester = this.stats;
    if (!requester) return this;
    const counted: StatementStats = {
      get sqlStatements() {
        return requester.sqlStatements;
      },
      set sqlStatements(count: number) {
        requester.sqlStatements = count;
      },
    };
    return this.shared.forRequest(counted);
  }

  /** The process-wide handle behind a request's: for work many requests share (caches), which no one request's deadline may cancel. */
  get shared(): Database {
    return this.stats ? (Object.getPrototypeOf(this) as Database) : this;
  }

  /**
   * Runs one parameterised statement and returns its rows. Inside a request with a deadline, the
   * statement is refused once the deadline has passed and cancelled in PostgreSQL if it passes
   * while the statement runs; either way the request gets REQUEST_TIMEOUT for it.
   *
   * `prepared`: the statement is prepared once per connection under a name derived from its text,
   * so PostgreSQL parses it once and, after a few runs, may keep one plan for it instead of planning
   * each run (the labour force's view took 0.66 ms to plan and 0.29 ms to run). For statements of a
   * fixed text whose best plan does not depend on the values (lookups by key), never for pages whose
   * best plan depends on how many rows a filter matches.
   */
  async query<Row>(sql: string, params: readonly unknown[] = [], options: { prepared?: boolean } = {}): Promise<Row[]> {
    if (this.stats) this.stats.sqlStatements += 1;
    const statement: pg.QueryConfig = { text: sql, values: params as unknown[], ...(options.prepared ? { name: statementName(sql) } : {}) };
    const deadline = this.stats?.deadline;
    // Straight to the pg pool TypeORM holds: its query runner adds a layer per statement that reads pay for.
    if (!deadline) return (await this.pool().query(statement)).rows as Row[];
    return this.queryBefore(deadline, statement);
  }

  private async queryBefore<Row>(deadline: RequestDeadline, statement: pg.QueryConfig): Promise<Row[]> {
    if (deadline.passed) throw deadline.error();
    const client = await this.pool().connect();
    try {
      const backend = (client as unknown as { processID?: number }).processID;
      const cancel = () => {
        if (backend !== undefined) void this.cancelBackend(backend);
      };
      deadline.signal.addEventListener("abort", cancel, { once: true });
      try {
        return (await client.query(statement)).rows as Row[];
      } catch (error) {
        if (deadline.passed || sqlState(error) === QUERY_CANCELED) throw deadline.error();
        throw error;
      } finally {
        deadline.signal.removeEventListener("abort", cancel);
      }
    } finally {
      client.release();
    }
  }

  /** The pg pool TypeORM opened (with the serving statement_timeout on every connection). */
  private pool(): pg.Pool {
    const pool = (this.dataSource.driver as { master?: pg.Pool }).master;
    if (!pool) throw new Error("the database is closed");
    return pool;
  }

  /**
   * Cancels whatever backend `pid` is running, over a connection of its own: the pool may be the
   * very thing the slow request is exhausting.
   */
  private async cancelBackend(pid: number): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: "lienthong-cancel" });
    client.on("error", () => undefined);
    try {
      await client.connect();
      await client.query("SELECT pg_cancel_backend($1)", [pid]);
    } catch {
      // The statement finished or the server is gone: nothing left to cancel.
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /**
   * Runs `work` in one transaction on a pooled connection of its own: committed when `work`
   * resolves, rolled back when it throws. Its statements are not counted against the current
   * request: this is for the hub's own bookkeeping (the audit log), which serves many requests at once.
   */
  async transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      let result: T;
      try {
        result = await work({ query: (sql, params = []) => runner.query(sql, params as unknown[]) });
      } catch (error) {
        await runner.rollbackTransaction().catch(() => undefined);
        throw error;
      }
      await runner.commitTransaction();
      return result;
    } finally {
      await runner.release();
    }
  }

  /** The connection pool's state: connections open, idle among them, and callers waiting for one. */
  poolUse(): { total: number; idle: number; waiting: number } {
    // TypeORM keeps its pg Pool untyped on the driver; before initialize() (or after destroy()) there is none.
    const pool = (this.dataSource.driver as { master?: { totalCount: number; idleCount: number; waitingCount: number } }).master;
    return { total: pool?.totalCount ?? 0, idle: pool?.idleCount ?? 0, waiting: pool?.waitingCount ?? 0 };
  }

  /** Names of migrations the code knows but the database has not applied (empty when up to date). */
  async pendingMigrations(): Promise<string[]> {
    const applied: { name: string }[] = await this.dataSource.query(`SELECT name FROM ${MIGRATIONS_TABLE}`);
    const names = new Set(applied.map((row) => row.name));
    return MIGRATIONS.map((m) => new m().name).filter((name) => !names.has(name));
  }
}

/** The statements of one transaction opened by Database.transaction. */
export interface Transaction {
  query<Row>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

/** An open database and the way to close it (and the embedded cluster, when one was started). */
export interface OpenDatabase {
  db: Database;
  embedded: boolean;
  close(): Promise<void>;
}

/**
 * Connects to `databaseUrl`, or starts the embedded PostgreSQL under `dataDir` when there is none,
 * then applies pending migrations (each in its own transaction).
 */
export async function openDatabase(options: {
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  poolSize: number;
  /** PostgreSQL's statement_timeout on every pooled connection, in ms; 0 or absent: none (tools, migrations). */
  statementTimeoutMs?: number;
  /**
   * PostgreSQL's max_parallel_workers_per_gather on every pooled connection; absent: the cluster's
   * own (tools, migrations). A hub serving many clients at once keeps it at 0 (see HubConfig).
   */
  parallelWorkersPerStatement?: number;
  log: (line: string) => void;
}): Promise<OpenDatabase> {
  let cluster: EmbeddedCluster | undefined;
  let url = options.databaseUrl;
  if (url === undefined) {
    options.log(`Starting the embedded PostgreSQL in ${options.dataDir} (port ${options.embeddedPgPort})…`);
    cluster = await startEmbeddedPostgres({ dataDir: options.dataDir, port: options.embeddedPgPort, notice: options.log });
    url = cluster.url;
  }
  const dataSourceFor = (poolSize: number, statementTimeoutMs: number, migrations: MigrationClass[] = MIGRATIONS, parallelWorkers?: number) =>
    new DataSource({
      type: "postgres",
      url,
      entities: ENTITIES,
      migrations,
      migrationsTableName: MIGRATIONS_TABLE,
      migrationsTransactionMode: "each",
      synchronize: false,
      logging: false,
      poolSize,
      applicationName: "lienthong",
      extra: {
        ...(statementTimeoutMs > 0 ? { statement_timeout: statementTimeoutMs } : {}),
        ...(parallelWorkers !== undefined ? { options: `-c max_parallel_workers_per_gather=${parallelWorkers}` } : {}),
      },
    });
  // Migrations may rightly run longer than any request may (an index on a national table), so
  // they get a short-lived pool of their own without the statement timeout.
  // Two connections: one holds the advisory lock while the other migrates.
  const migrator = dataSourceFor(
    2,
    0,
    MIGRATIONS.map((migration) => announced(migration, options.log)),
  );
  const dataSource = dataSourceFor(options.poolSize, options.statementTimeoutMs ?? 0, MIGRATIONS, options.parallelWorkersPerStatement);
  try {
    await migrator.initialize();
    const applied = await migrateExclusively(migrator);
    await migrator.destroy();
    if (applied.length > 0) options.log(`Applied ${applied.length} migration(s): ${applied.join(", ")}`);
    await dataSource.initialize();
  } catch (error) {
    if (migrator.isInitialized) await migrator.destroy();
    if (dataSource.isInitialized) await dataSource.destroy();
    await cluster?.stop();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    db: new Database(dataSource, url),
    embedded: cluster !== undefined,
    close: () =>
      (closing ??= (async () => {
        if (dataSource.isInitialized) await dataSource.destroy();
        await cluster?.stop();
      })()),
  };
}

function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown; driverError?: { code?: unknown } } | null)?.driverError?.code ?? (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** How often a migration still running says so: a backfill of a national table runs for minutes. */
const MIGRATION_HEARTBEAT_MS = 30_000;

/**
 * `migration`, telling `log` when it starts, every half minute while it runs, and how long it took:
 * on a national database one migration can run for many minutes, and a silent start looks hung.
 */
function announced(migration: MigrationClass, log: (line: string) => void): MigrationClass {
  return class extends migration {
    async up(queryRunner: QueryRunner): Promise<void> {
      const started = Date.now();
      const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
      log(`Applying migration ${this.name}…`);
      const heartbeat = setInterval(() => log(`…still applying ${this.name} (${seconds()} s so far)`), MIGRATION_HEARTBEAT_MS);
      try {
        await super.up(queryRunner);
      } finally {
        clearInterval(heartbeat);
      }
      log(`Applied migration ${this.name} in ${seconds()} s`);
    }
  };
}

/** Any number from a fixed name: the advisory lock all hub processes take to migrate. */
const MIGRATION_LOCK = 0x4c69656e; // "Lien"

/**
 * Applies pending migrations while holding a PostgreSQL advisory lock, so that replicas starting
 * together migrate one after the other instead of racing to create the same tables.
 */
async function migrateExclusively(dataSource: DataSource): Promise<string[]> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: "each" });
    return applied.map((m) => m.name);
  } finally {
    await lock.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
  }
}

/** A prepared statement's name: the same text always gets the same name, and two texts never share one. */
function statementName(sql: string): string {
  return `lienthong_${createHash("sha256").update(sql).digest("base64url").slice(0, 32)}`;
}
