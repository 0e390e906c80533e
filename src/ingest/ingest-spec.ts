import type { PeriodKind } from "../identifiers";

/** One cell of a staged row, written to PostgreSQL's COPY text format; null is SQL NULL. */
export type StagedCell = string | number | null;

/** A problem with one field of a row: the CSV column it is in and why. */
export interface FieldProblem {
  column: string;
  reason: string;
}

/** What the batch being checked is: the values a domain's set-based checks and merge may use. */
export interface BatchFacts {
  id: string;
  period: string;
  /** The publisher's province (a token's `province`): rows outside it are refused. Undefined for a national publisher. */
  publisherProvince: string | undefined;
}

/**
 * A check over the whole staged batch at once, in SQL: a SELECT over the temporary table
 * `ingest_rows` (its `line` column and the domain's staged columns) returning one row per problem
 * with columns `line`, `column` and `reason`. It never runs per row.
 */
export interface SetCheck {
  /** Names the check in messages and the README. */
  name: string;
  sql(batch: BatchFacts): { text: string; params: unknown[] };
}

/** What a merge changed, for the batch-applied event (src/live/batch-events.ts). */
export interface MergeResult {
  provinceCodes: string[];
  /** Null when it changed too many enterprises to name, or names none (reference data). */
  taxCodes: string[] | null;
}

/** Runs one statement on the batch's transaction. */
export type IngestQuery = <Row = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<Row[]>;

/**
 * How one domain takes data in: everything else (streaming, encoding, CSV, COPY, checks, the
 * batch record, idempotency, the transaction, the event, the audit) is the framework's
 * (src/ingest). Declared on the domain as `ingest` (src/domains/domain.ts).
 */
export interface IngestSpec {
  /** What the rows are, for messages: "tax headcounts". */
  title: string;
  /**
   * Agencies whose publishers may publish it (a token's `agency`); absent, the domain's own agency.
   * A provincial publisher still publishes its own province's rows only (the province checks).
   */
  publishers?: readonly string[];
  /** The granularity of the domain's periods: a batch's period and every row's must be of this kind. */
  periodKind: PeriodKind;
  /**
   * For a domain reporting at more than one granularity (statistics: quarters and years), every
   * kind a batch's period may be, periodKind among them; a batch still covers one period. Absent,
   * periodKind alone: domains with one granularity declare nothing more.
   */
  periodKinds?: readonly PeriodKind[];
  /** The CSV header, in any order: exactly these column names, each once. */
  columns: readonly string[];
  /** Columns a header may add to `columns` (each at most once); a row of a file without one reads it as empty. */
  optionalColumns?: readonly string[];
  /** Columns that identify a row within a batch: two rows with the same values are refused as duplicates. */
  key: readonly string[];
  /** The temporary table's columns after `line`, with their SQL types, in the order validateRow returns cells. */
  staged: readonly { name: string; type: string }[];
  /** The staged column holding a province code, checked against the provinces in force (a former one is named with its successor) and the publisher's province. */
  provinceColumn?: string;
  /**
   * Set (a day, YYYY-MM-DD) when rows of periods ending before that day are reported under the
   * provinces of the time (hub.former_province): statistics before the 2025 merger. Such a batch's
   * province column is checked against the former provinces, and a provincial publisher's own are
   * those merged into its province. Later periods keep the provinces in force.
   */
  formerProvincesBefore?: string;
  /**
   * Checks one row by itself, without the database: either its cells for the staging table, in
   * the order of `staged`, or every problem it has (at least one). `fields` maps each column to its text.
   */
  validateRow(fields: Readonly<Record<string, string>>, batch: { period: string; now: Date }): { cells: StagedCell[] } | { problems: FieldProblem[] };
  /** The domain's own set-based checks (others' data through their owners' checks, e.g. unknownEnterpriseCheck). */
  checks: readonly SetCheck[];
  /**
   * Applies the staged rows in set-based statements inside the batch's transaction: current rows
   * superseded move to the domain's history with valid_to = appliedAt; the new ones take valid_from = appliedAt.
   */
  merge(query: IngestQuery, batch: { id: string; appliedAt: Date; period: string }): Promise<MergeResult>;
}
