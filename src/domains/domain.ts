import type { MigrationInterface } from "typeorm";
import type { Database } from "../database";
import type { TypeAccess } from "../access/field-classes";
import type { DemoContribution } from "../demo/demo-contribution";
import type { IngestQuery, IngestSpec } from "../ingest/ingest-spec";
import type { BatchAppliedEvent } from "../live/batch-events";
import type { LiveField } from "../live/live-field";

/** How one domain finds an entity it owns by its key: its `__resolveReference`, batched per request. */
export interface EntityReference<Loaders> {
  /** The key field (`@key(fields: …)`), e.g. "taxCode". */
  key: string;
  /** Batched per request (a DataLoader), or answered from memory (reference data). */
  loader(loaders: Loaders): { load(key: string): unknown };
}

/**
 * One data owner's part of the graph: a Federation 2 subgraph, a PostgreSQL schema of the same name
 * and an owner in schema/mandates.yaml. Everything the rest of the system needs to know about a
 * domain is here; src/domains/index.ts lists them, and nothing else keeps a list of owners.
 */
export interface Domain<Name extends string = string, Loaders = unknown> {
  /** Code of the domain: its subgraph, its PostgreSQL schema and its owner name in mandates.yaml. */
  name: Name;
  /** The agency that owns and publishes the data (a token's `agency` claim); null for the hub's own data. */
  agency: string | null;
  /** Who owns it, for people: descriptions, the README, error messages. */
  title: string;
  /** type-graphql resolver classes: the root fields and the fields it adds to any type. */
  resolvers: readonly Function[];
  /** GraphQL object types it owns: the fields they declare are its own. */
  types: readonly Function[];
  /** Its record types (an enterprise, a headcount row…): each one in an answer is a row returned, for the audit and the row limit. */
  records: readonly string[];
  /** Entity types it owns, by GraphQL type name, with how to load one by key. */
  entities: Record<string, EntityReference<Loaders>>;
  /** Access classes of its fields (src/access/field-classes.ts): who may read them is decided by mandates. */
  access: TypeAccess;
  /** This request's loaders, limited to the principal's province where the domain's rows have one. */
  createLoaders(db: Database, scope: LoaderScope): Loaders;
  /**
   * Migrations of its own PostgreSQL schema, each named `<Name><13-digit timestamp>` in migrations/.
   * migrations/index.ts applies every domain's in timestamp order, so a new one only needs a later
   * timestamp than those already applied.
   */
  migrations: readonly MigrationClass[];
  /** Its Subscription root fields (declared by its resolvers), with how each follows the batch events (src/live). */
  liveFields?: readonly LiveField[];
  /** Its part of the demo dataset: its tables and the rows the shared generated world gives them (src/demo/load-demo.ts). */
  demo?: DemoContribution;
  /**
   * How its owner's data comes in (src/ingest): CSV columns, row validation, staging table,
   * set-based checks and merge. With it, `npm run import -- --domain <name>` and
   * `POST /ingest/<name>` accept the domain's batches; its publish mutation calls publishRows.
   */
  ingest?: IngestSpec;
  /**
   * Further datasets it takes in besides `ingest`, by name: `npm run import -- --domain <name>
   * --dataset <dataset>` and `POST /ingest/<name>/<dataset>`. Each batch records its dataset.
   */
  datasets?: Readonly<Record<string, IngestSpec>>;
  /**
   * Derived data the domain keeps from others' batches (the hub's compliance findings): run after
   * any domain's batch commits, on the ingest connection, outside the batch's transaction, before
   * the publisher is answered.
   */
  afterBatchApplied?(query: IngestQuery, event: BatchAppliedEvent): Promise<void>;
}

/** A TypeORM migration that names itself: the name `lienthong_migrations` records it by. */
export type MigrationClass = new () => MigrationInterface & { name: string };

/** What limits a request's rows, fixed when its loaders are made. */
export interface LoaderScope {
  /** The principal's province: rows outside it are not read. */
  provinceCode: string | undefined;
  /**
   * The principal's industrial zones: enterprises outside them are not read. Only the registry,
   * which owns enterprise rows, applies it; others' fields are reached through an enterprise it let through.
   */
  zoneCodes?: readonly string[];
  /** Set while a subscription event is resolved: reads its subscribers may share (src/live/event-reads.ts). */
  shared?: SharedReads;
}

/** Answers shared by the requests resolving one subscription event, by a key that decides them whole (statement, arguments, province scope). */
export interface SharedReads {
  read<T>(key: string, fetch: () => Promise<T>): Promise<T>;
}

/** Keeps a domain's literal name and loader type, so the request context is typed per domain. */
export function defineDomain<Name extends string, Loaders>(domain: Domain<Name, Loaders>): Domain<Name, Loaders> {
  return domain;
}
