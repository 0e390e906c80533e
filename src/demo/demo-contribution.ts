import type { DemoWorld, EnterpriseProfile } from "./demo-world";

/** One cell of a row in PostgreSQL's COPY text format: text, a number, or NULL. */
export type Cell = string | number | null;

/** The id of the domain's seed batch for `period` (null: its batch of no period, such as a register). */
export type BatchOf = (period: string | null) => string;

interface DemoTableBase {
  /** Schema-qualified name, in the domain's own schema. */
  table: string;
  /** The COPY columns, in the order `rows` gives the cells. `batch_id` names each row's batch. */
  columns: readonly string[];
}

/**
 * One of a domain's tables and the rows the shared world gives it: generated per enterprise of
 * the world, or per province. The same world always gives the same rows, in the same order.
 */
export type DemoTable =
  | (DemoTableBase & { per: "enterprise"; rows(enterprise: EnterpriseProfile, world: DemoWorld, batch: BatchOf): Cell[][] })
  | (DemoTableBase & { per: "province"; rows(provinceCode: string, world: DemoWorld, batch: BatchOf): Cell[][] });

/** A parameterised statement, run as it is. */
export interface DemoStatement {
  sql: string;
  params: readonly unknown[];
}

/**
 * What one domain adds to the demo dataset (src/demo/load-demo.ts): the demo loader knows no
 * domain or table of its own, only what each domain of DOMAINS contributes here.
 */
export interface DemoContribution {
  /**
   * Rows other domains' rows point to (the hub's demo communes and zones), inserted before any
   * table is filled. They are kept on --replace, so each statement must leave rows already there
   * alone (ON CONFLICT DO NOTHING).
   */
  reference?: readonly DemoStatement[];
  /**
   * Periods of its seed batches, one batch each, as its owner would have delivered them; null
   * for data of no period (a register). Rows name theirs through `BatchOf`.
   */
  batches?: readonly (string | null)[];
  /**
   * Its tables, parents before children: filled with COPY in this order, emptied by --replace,
   * their secondary indexes rebuilt after a bulk load, and vacuumed.
   */
  tables?: readonly DemoTable[];
  /** Data the domain derives from the others' (the hub's compliance findings), computed in SQL once every table is loaded and analysed. */
  afterLoad?(query: <Row = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<Row[]>): Promise<void>;
}
