import { createHash, type Hash } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { DEMO_COMMUNES } from "../reference-data/communes";
import { DEMO_INDUSTRIAL_ZONES } from "../reference-data/industrial-zones";
import { PROVINCES } from "../reference-data/provinces";
import {
  copyLine, enrolmentRows, enterpriseRow, headcountRows, labourForceRows, unitRow, ENROLMENT_COPY_COLUMNS,
  ENTERPRISE_COPY_COLUMNS, HEADCOUNT_COPY_COLUMNS, LABOUR_FORCE_COPY_COLUMNS, UNIT_COPY_COLUMNS, type Cell,
} from "./demo-rows";
import type { Database } from "../database";
import { DEMO_PERIODS, DemoWorld, MAX_DEMO_ENTERPRISES, type EnterpriseProfile } from "./demo-world";
import { silentProgress, type Progress } from "./progress";

export const DEFAULT_DEMO_SEED = 20250701;

/** Owner tables the demo fills, in load order (parents before children). */
const DOMAIN_TABLES = ["registry.enterprise", "tax.headcount", "bhxh.unit", "bhxh.enrolment", "statistics.labour_force"];

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
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "lienthong-seed" });
  client.on("error", () => undefined); // a dropped connection surfaces as the failing query's error
  await client.connect();
  const rows: Record<string, number> = {};
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL synchronous_commit = off");
    await client.query("SET LOCAL maintenance_work_mem = '512MB'");
    await prepareTables(client, Boolean(options.replace));
    await insertDemoReferenceData(client);
    const batches = await createSeedBatches(client, world);
    const droppedIndexes = enterprises >= BULK_INDEX_THRESHOLD ? await dropSecondaryIndexes(client) : [];
    const copy = (target: CopyTarget<EnterpriseProfile>) => copyRows(client, target, enterpriseProfiles(world), enterprises, batches, progress);

    const taxIds = batches.tax.map((b) => b.id);
    const monthIds = batches.bhxh.map((b) => b.id);
    rows["registry.enterprise"] = await copy({ table: "registry.enterprise", columns: ENTERPRISE_COPY_COLUMNS, rowsOf: (p) => [enterpriseRow(p, batches.registry.id)] });
    rows["tax.headcount"] = await copy({ table: "tax.headcount", columns: HEADCOUNT_COPY_COLUMNS, rowsOf: (p) => headcountRows(world, p, taxIds) });
    rows["bhxh.unit"] = await copy({ table: "bhxh.unit", columns: UNIT_COPY_COLUMNS, rowsOf: (p) => optional(unitRow(p, batches.bhxhUnits.id)) });
    rows["bhxh.enrolment"] = await copy({ table: "bhxh.enrolment", columns: ENROLMENT_COPY_COLUMNS, rowsOf: (p) => enrolmentRows(world, p, monthIds) });

    // The statistics are scaled to what BHXH enrolled in each province in the latest month.
    const insured = await insuredByProvince(client, DEMO_PERIODS.enrolmentMonths.at(-1)!);
    rows["statistics.labour_force"] = await copyRows(
      client,
      { table: "statistics.labour_force", columns: LABOUR_FORCE_COPY_COLUMNS, rowsOf: (code: string) => labourForceRows(world, code, insured.get(code) ?? 0, batches.statistics.id) },
      () => PROVINCES.map((p) => p.code),
      PROVINCES.length,
      batches,
      progress,
    );

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
    progress.phase("vacuum and analyze", DOMAIN_TABLES.length);
    for (let i = 0; i < DOMAIN_TABLES.length; i++) {
      await client.query(`VACUUM (ANALYZE) ${DOMAIN_TABLES[i]}`);
      progress.update(i + 1);
    }
    progress.finish();
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

/** Every enterprise of the world, generated afresh on each pass (cheap, and it keeps memory flat). */
function enterpriseProfiles(world: DemoWorld): () => Iterable<EnterpriseProfile> {
  return function* () {
    for (let i = 0; i < world.enterprises; i++) yield world.profile(i);
  };
}

function optional<T>(row: T | null): T[] {
  return row === null ? [] : [row];
}

async function insuredByProvince(client: pg.Client, month: string): Promise<Map<string, number>> {
  const { rows } = await client.query<{ province_code: string; insured: string }>(
    `SELECT u.province_code, sum(e.compulsory_insured) AS insured
       FROM bhxh.enrolment e JOIN bhxh.unit u ON u.code = e.unit_code WHERE e.period = $1 GROUP BY 1`,
    [month],
  );
  return new Map(rows.map((r) => [r.province_code, Number(r.insured)]));
}

async function prepareTables(client: pg.Client, replace: boolean): Promise<void> {
  const { rows } = await client.query("SELECT EXISTS (SELECT 1 FROM hub.batch) AS taken");
  if (!rows[0].taken) return;
  if (!replace) {
    throw new Error("The database already holds data. Pass --replace to wipe every owner's data and load the demo afresh.");
  }
  await client.query(`TRUNCATE ${DOMAIN_TABLES.join(", ")}, hub.batch`);
}

async function insertDemoReferenceData(client: pg.Client): Promise<void> {
  await client.query(
    `INSERT INTO hub.commune (code, name, kind, province_code) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
     ON CONFLICT (code) DO NOTHING`,
    [DEMO_COMMUNES.map((c) => c.code), DEMO_COMMUNES.map((c) => c.name), DEMO_COMMUNES.map((c) => c.kind), DEMO_COMMUNES.map((c) => c.provinceCode)],
  );
  await client.query(
    `INSERT INTO hub.industrial_zone (code, name, province_code) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
     ON CONFLICT (code) DO NOTHING`,
    [DEMO_INDUSTRIAL_ZONES.map((z) => z.code), DEMO_INDUSTRIAL_ZONES.map((z) => z.name), DEMO_INDUSTRIAL_ZONES.map((z) => z.provinceCode)],
  );
}

interface SeedBatch {
  id: string;
  rows: number;
  hash: Hash;
}

interface SeedBatches {
  registry: SeedBatch;
  tax: SeedBatch[];
  bhxhUnits: SeedBatch;
  bhxh: SeedBatch[];
  statistics: SeedBatch;
  byId: Map<string, SeedBatch>;
}

/**
 * One batch per owner and period, as the owners would have delivered them. Batch ids derive from
 * the generator's inputs, so the same seed and size give byte-identical data, ids included.
 */
async function createSeedBatches(client: pg.Client, world: DemoWorld): Promise<SeedBatches> {
  const byId = new Map<string, SeedBatch>();
  const create = async (domain: string, period: string | null): Promise<SeedBatch> => {
    const id = deterministicUuid(`lienthong-demo:${world.seed}:${world.enterprises}:${domain}:${period ?? ""}`);
    await client.query(
      `INSERT INTO hub.batch (id, domain, agency, kind, period, row_count, checksum) VALUES ($1::uuid, $2, $2, 'seed', $3, 0, $1::text)`,
      [id, domain, period],
    );
    const batch = { id, rows: 0, hash: createHash("sha256") };
    byId.set(batch.id, batch);
    return batch;
  };
  return {
    registry: await create("registry", null),
    tax: await sequentially(DEMO_PERIODS.taxQuarters, (q) => create("tax", q)),
    bhxhUnits: await create("bhxh", null),
    bhxh: await sequentially(DEMO_PERIODS.enrolmentMonths, (m) => create("bhxh", m)),
    statistics: await create("statistics", DEMO_PERIODS.statisticsQuarters.at(-1)!),
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

/** One statement at a time: a pg client runs one query at once. */
async function sequentially<T, R>(items: readonly T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (const item of items) results.push(await run(item));
  return results;
}

async function sealBatches(client: pg.Client, batches: SeedBatches): Promise<void> {
  for (const [id, batch] of batches.byId) {
    await client.query(`UPDATE hub.batch SET row_count = $2, checksum = $3 WHERE id = $1`, [id, batch.rows, batch.hash.digest("hex")]);
  }
}

/** Drops the owner tables' secondary indexes, returning the statements that recreate them exactly. */
async function dropSecondaryIndexes(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ schema: string; name: string; definition: string }>(
    `SELECT n.nspname AS schema, c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE i.indrelid = ANY($1::regclass[]) AND NOT i.indisprimary AND NOT i.indisunique`,
    [DOMAIN_TABLES],
  );
  for (const index of rows) await client.query(`DROP INDEX ${index.schema}.${index.name}`);
  return rows.map((index) => index.definition);
}

/** Where a stream of items goes: the table, its COPY columns, and the rows each item becomes. */
interface CopyTarget<Item> {
  table: string;
  columns: readonly string[];
  rowsOf: (item: Item) => Cell[][];
}

/** Streams the items' rows into the target table with COPY, hashing each row into its batch. */
async function copyRows<Item>(
  client: pg.Client,
  target: CopyTarget<Item>,
  items: () => Iterable<Item>,
  total: number,
  batches: SeedBatches,
  progress: Progress,
): Promise<number> {
  const { table, columns } = target;
  progress.phase(table, total);
  let written = 0;
  let done = 0;
  const batchColumn = columns.indexOf("batch_id");
  function* chunks() {
    let chunk = "";
    for (const item of items()) {
      for (const cells of target.rowsOf(item)) {
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
