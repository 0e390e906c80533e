import { createHash, type Hash } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Database } from "../database";
import { copyLine } from "../database/copy-text";
import { DOMAINS } from "../domains";
import type { BatchOf, Cell, DemoContribution, DemoTable } from "./demo-contribution";
import { DemoWorld, MAX_DEMO_ENTERPRISES } from "./demo-world";
import { silentProgress, type Progress } from "./progress";

export const DEFAULT_DEMO_SEED = 20250701;

/** Above this size, secondary indexes are dropped and rebuilt: one bulk build beats a million inserts into a GIN index. */
const BULK_INDEX_THRESHOLD = 50_000;

export interface DemoLoadOptions {
  enterprises: number;
  seed?: number;
  /** Wipe the owners' data (and all batches) first; without it, loading into a non-empty database is refused. */
  replace?: boolean;
  progress?: Progress;
}

export interface DemoLoadSummary {
  enterprises: number;
  rows: Record<string, number>;
  seconds: number;
}

/**
 * Generates the deterministic demo dataset and loads it with COPY in one transaction: either all
 * of it is there afterwards or none. Every row belongs to a per-domain, per-period seed batch whose
 * checksum is the SHA-256 of the rows it holds.
 */
export async function loadDemoData(databaseUrl: string, options: DemoLoadOptions): Promise<DemoLoadSummary> {
  const { enterprises, seed = DEFAULT_DEMO_SEED, progress = silentProgress } = options;
  if (!Number.isInteger(enterprises) || enterprises < 1 || enterprises > MAX_DEMO_ENTERPRISES) {
    throw new Error(`The demo holds from 1 to ${MAX_DEMO_ENTERPRISES.toLocaleString("en-US")} enterprises; asked for ${enterprises}.`);
  }
  const started = Date.now();
  const world = new DemoWorld(seed, enterprises);
  const contributions = DOMAINS.flatMap((domain) => (domain.demo ? [{ domain: domain.name, ...domain.demo }] : []));
  const tables = contributions.flatMap((contribution) => contribution.tables ?? []).map((table) => table.table);
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "lienthong-seed" });
  client.on("error", () => undefined); // a dropped connection surfaces as the failing query's error
  await client.connect();
  const rows: Record<string, number> = {};
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL synchronous_commit = off");
    await client.query("SET LOCAL maintenance_work_mem = '512MB'");
    await prepareTables(client, tables, Boolean(options.replace));
    for (const contribution of contributions) {
      for (const statement of contribution.reference ?? []) await client.query(statement.sql, statement.params as unknown[]);
    }
    const batches = await createSeedBatches(client, world, contributions);
    const droppedIndexes = enterprises >= BULK_INDEX_THRESHOLD ? await dropSecondaryIndexes(client, tables) : [];
    for (const contribution of contributions) {
      for (const table of contribution.tables ?? []) {
        rows[table.table] = await copyRows(client, table, world, batches.of(contribution.domain), batches, progress);
      }
    }

    if (droppedIndexes.length > 0) {
      progress.phase("rebuilding indexes", droppedIndexes.length);
      for (let i = 0; i < droppedIndexes.length; i++) {
        await client.query(droppedIndexes[i]);
        progress.update(i + 1);
      }
      progress.finish();
    }
    await sealBatches(client, batches);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    await client.end().catch(() => undefined);
    throw error;
  }
  try {
    // Fresh statistics for the planner, and a visibility map so counts can use index-only scans.
    progress.phase("vacuum and analyze", tables.length);
    for (let i = 0; i < tables.length; i++) {
      await client.query(`VACUUM (ANALYZE) ${tables[i]}`);
      progress.update(i + 1);
    }
    progress.finish();
    const deriving = contributions.filter((contribution) => contribution.afterLoad);
    if (deriving.length > 0) progress.phase("derived data", deriving.length);
    for (const [i, contribution] of deriving.entries()) {
      await contribution.afterLoad!(async (sql, params) => (await client.query(sql, params as unknown[])).rows);
      progress.update(i + 1);
    }
    if (deriving.length > 0) progress.finish();
  } finally {
    await client.end().catch(() => undefined);
  }
  return { enterprises, rows, seconds: (Date.now() - started) / 1000 };
}

/** True when no owner has delivered anything yet: the hub then loads the demo on first start. */
export async function databaseIsEmpty(db: Database): Promise<boolean> {
  const [row] = await db.query<{ empty: boolean }>("SELECT NOT EXISTS (SELECT 1 FROM hub.batch) AS empty");
  return row.empty;
}

async function prepareTables(client: pg.Client, tables: readonly string[], replace: boolean): Promise<void> {
  const { rows } = await client.query("SELECT EXISTS (SELECT 1 FROM hub.batch) AS taken");
  if (!rows[0].taken) return;
  if (!replace) {
    throw new Error("The database already holds data. Pass --replace to wipe every owner's data and load the demo afresh.");
  }
  // Every table holding an owner's batch rows goes, the history of superseded values included,
  // so no value is left pointing at a batch --replace removed.
  const { rows: batched } = await client.query<{ name: string }>(
    `SELECT format('%I.%I', c.table_schema, c.table_name) AS name
       FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.column_name = 'batch_id' AND t.table_type = 'BASE TABLE' AND c.table_schema = ANY($1)`,
    [DOMAINS.map((domain) => domain.name)],
  );
  const everyTable = new Set([...tables, ...batched.map((row) => row.name), "hub.batch"]);
  await client.query(`TRUNCATE ${[...everyTable].join(", ")}`);
}

interface SeedBatch {
  id: string;
  rows: number;
  hash: Hash;
}

interface SeedBatches {
  /** The domain's batches by period, as its rows name them. */
  of(domain: string): BatchOf;
  byId: Map<string, SeedBatch>;
}

/**
 * One batch per owner and period, as the owners would have delivered them. Batch ids derive from
 * the generator's inputs, so the same seed and size give byte-identical data, ids included.
 */
async function createSeedBatches(client: pg.Client, world: DemoWorld, contributions: readonly ({ domain: string } & DemoContribution)[]): Promise<SeedBatches> {
  const byId = new Map<string, SeedBatch>();
  const byDomain = new Map<string, Map<string | null, string>>();
  for (const { domain, batches = [] } of contributions) {
    const byPeriod = new Map<string | null, string>();
    byDomain.set(domain, byPeriod);
    // One statement at a time: a pg client runs one query at once.
    for (const period of batches) {
      const id = deterministicUuid(`lienthong-demo:${world.seed}:${world.enterprises}:${domain}:${period ?? ""}`);
      await client.query(
        // Applied in the transaction that receives it, as every seed batch is.
        `INSERT INTO hub.batch (id, domain, agency, kind, period, row_count, checksum, status, applied_at) VALUES ($1::uuid, $2, $2, 'seed', $3, 0, $1::text, 'APPLIED', now())`,
        [id, domain, period],
      );
      byId.set(id, { id, rows: 0, hash: createHash("sha256") });
      byPeriod.set(period, id);
    }
  }
  return {
    of: (domain) => {
      const byPeriod = byDomain.get(domain)!;
      return (period) => {
        const id = byPeriod.get(period);
        if (id === undefined) throw new Error(`The ${domain} demo rows name a batch for period ${period}, which its demo does not declare.`);
        return id;
      };
    },
    byId,
  };
}

/** A name-based UUID (version 5 layout over SHA-256): the same name always gives the same id. */
function deterministicUuid(name: string): string {
  const bytes = createHash("sha256").update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

async function sealBatches(client: pg.Client, batches: SeedBatches): Promise<void> {
  for (const [id, batch] of batches.byId) {
    await client.query(`UPDATE hub.batch SET row_count = $2, checksum = $3 WHERE id = $1`, [id, batch.rows, batch.hash.digest("hex")]);
  }
}

/** Drops the tables' secondary indexes, returning the statements that recreate them exactly. */
async function dropSecondaryIndexes(client: pg.Client, tables: readonly string[]): Promise<string[]> {
  const { rows } = await client.query<{ schema: string; name: string; definition: string }>(
    `SELECT n.nspname AS schema, c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE i.indrelid = ANY($1::regclass[]) AND NOT i.indisprimary AND NOT i.indisunique`,
    [tables],
  );
  for (const index of rows) await client.query(`DROP INDEX ${index.schema}.${index.name}`);
  return rows.map((index) => index.definition);
}

/** The rows of each item (an enterprise, a province) the table is generated from, and how many items there are. */
function rowsByItem(table: DemoTable, world: DemoWorld, batch: BatchOf): { total: number; items: () => Iterable<Cell[][]> } {
  if (table.per === "province") {
    return { total: world.provinceCodes.length, items: () => world.provinceCodes.map((code) => table.rows(code, world, batch)) };
  }
  return {
    total: world.enterprises,
    // Every enterprise generated afresh on each pass: cheap, and it keeps memory flat.
    *items() {
      for (let i = 0; i < world.enterprises; i++) yield table.rows(world.profile(i), world, batch);
    },
  };
}

/** Streams the table's rows into it with COPY, hashing each row into its batch. */
async function copyRows(client: pg.Client, target: DemoTable, world: DemoWorld, batch: BatchOf, batches: SeedBatches, progress: Progress): Promise<number> {
  const { table, columns } = target;
  const { total, items } = rowsByItem(target, world, batch);
  progress.phase(table, total);
  let written = 0;
  let done = 0;
  const batchColumn = columns.indexOf("batch_id");
  function* chunks() {
    let chunk = "";
    for (const rows of items()) {
      for (const cells of rows) {
        const batch = batches.byId.get(cells[batchColumn] as string)!;
        // The checksum covers the rows as an owner would deliver them, without the hub's batch id.
        batch.hash.update(copyLine(cells.filter((_, i) => i !== batchColumn)));
        batch.rows += 1;
        chunk += copyLine(cells);
        written += 1;
      }
      done += 1;
      if (chunk.length > 256 * 1024) {
        progress.update(done);
        yield chunk;
        chunk = "";
      }
    }
    if (chunk) yield chunk;
    progress.finish();
    // PostgreSQL checks foreign keys when the COPY ends, which takes a while for millions of rows.
    if (total >= BULK_INDEX_THRESHOLD) progress.phase(`${table}: checking keys`, 1);
  }
  await pipeline(Readable.from(chunks()), client.query(copyFrom(`COPY ${table} (${columns.join(", ")}) FROM STDIN`)));
  if (total >= BULK_INDEX_THRESHOLD) progress.finish();
  return written;
}
