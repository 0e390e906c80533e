import { DataSource } from "typeorm";
import { MIGRATIONS } from "../../migrations";
import { ENTITIES } from "../../entities";
import { countStatement } from "./statement-stats";
import { startEmbeddedPostgres, type EmbeddedCluster } from "./embedded";

export { withStatementStats, type StatementStats } from "./statement-stats";

const MIGRATIONS_TABLE = "lienthong_migrations";

/**
 * The hub's one door to PostgreSQL. Data-access modules (`<domain>.queries.ts`, `<domain>.loaders.ts`)
 * send parameterised SQL through `query`; every statement is counted against the current request.
 */
export class Database {
  constructor(
    readonly dataSource: DataSource,
    /** The connection string, for tools that need their own client (COPY, LISTEN). */
    readonly url: string,
  ) {}

  /** Runs one parameterised statement and returns its rows. */
  async query<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    countStatement();
    return this.dataSource.query(sql, params as unknown[]);
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
  log: (line: string) => void;
}): Promise<OpenDatabase> {
  let cluster: EmbeddedCluster | undefined;
  let url = options.databaseUrl;
  if (url === undefined) {
    options.log(`Starting the embedded PostgreSQL in ${options.dataDir} (port ${options.embeddedPgPort})…`);
    cluster = await startEmbeddedPostgres({ dataDir: options.dataDir, port: options.embeddedPgPort, notice: options.log });
    url = cluster.url;
  }
  const dataSource = new DataSource({
    type: "postgres",
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: "each",
    synchronize: false,
    logging: false,
    poolSize: options.poolSize,
    applicationName: "lienthong",
  });
  try {
    await dataSource.initialize();
    const applied = await migrateExclusively(dataSource);
    if (applied.length > 0) options.log(`Applied ${applied.length} migration(s): ${applied.join(", ")}`);
  } catch (error) {
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
