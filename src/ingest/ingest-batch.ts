import { createHash, randomUUID } from "node:crypto";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { IngestKind, IngestStatus, type IngestBatch } from "../../entities/hub/batch.entity";
import { copyLine } from "../database/copy-text";
import { notifyBatchApplied, type BatchAppliedEvent } from "../live/batch-events";
// Read at call time only: the domains' modules import this one through their publish mutations.
import { DOMAINS } from "../domains";
import type { Domain } from "../domains/domain";
import { BatchErrors } from "./batch-errors";
import { appliedBatchWithContent, insertBatchRecord, type NewBatchRecord } from "./batch-records";
import { genericChecks } from "./generic-checks";
import type { BatchFacts, IngestQuery, IngestSpec, StagedCell } from "./ingest-spec";
import { utf8Decoder, type DecodingReport } from "./utf8-decoder";
import { csvRecords, type CsvBatch } from "./csv-records";

/** Longest field a CSV cell may hold: names and addresses fit, a runaway quote does not. */
export const MAX_FIELD_CHARACTERS = 1000;
/** Longest record the CSV reader buffers before giving up on it (a quote never closed). */
const MAX_RECORD_CHARACTERS = 64 * 1024;

/** A batch being delivered: what it is, who sends it, and its content as a byte stream. */
export interface IngestRequest {
  /** The domain's name (a Domain's `name`) and its ingest declaration. */
  domain: string;
  /** Which of the domain's datasets (Domain.datasets); null for its main one. */
  dataset: string | null;
  spec: IngestSpec;
  /** The publisher: agency, subject, and province when its token names one. */
  publisher: { agency: string; subject: string; provinceCode: string | undefined };
  kind: IngestKind.import | IngestKind.mutation;
  /** Already checked with batchPeriodProblem. */
  period: string;
  content: Readable;
  limits: { maxBytes: number; maxRows: number };
  /** Told every few thousand rows, for a progress bar. */
  onProgress?: (progress: { bytes: number; rows: number }) => void;
  /** Told what went wrong after the commit (a derived refresh that failed); standard error when absent. */
  warn?: (line: string) => void;
}

/** The batch record, whether the content was too large to read whole (HTTP 413), and where the time went. */
export interface IngestOutcome {
  batch: IngestBatch;
  tooLarge: boolean;
  /** Seconds spent streaming rows into the staging table, on the set-based checks, and merging (0 when not reached). */
  phases: { staging: number; checks: number; merge: number };
}

/**
 * Takes one batch in, all or nothing: streams the content (bounded memory) through the UTF-8
 * check, the CSV parser and the domain's row validation into a temporary table with COPY, runs the
 * set-based checks in SQL, then either merges every row and records the batch APPLIED, announcing
 * it (NOTIFY) in the same transaction, or rolls everything back and records the batch REJECTED
 * (with its errors) or DUPLICATE (content already applied). One connection of its own, so a bulk
 * load holds no connection of the request pool and no request deadline applies to it.
 */
export async function ingestBatch(databaseUrl: string, request: IngestRequest): Promise<IngestOutcome> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "lienthong-ingest" });
  // A connection that drops mid-batch fails the statement in flight; this only keeps it from crashing the process.
  client.on("error", () => undefined);
  await client.connect();
  const query: IngestQuery = async (sql, params = []) => (await client.query(sql, params)).rows;
  const receivedAt = new Date();
  const id = randomUUID();
  const phases = { staging: 0, checks: 0, merge: 0 };
  let started = Date.now();
  const lap = (phase: keyof typeof phases) => {
    phases[phase] = (Date.now() - started) / 1000;
    started = Date.now();
  };
  try {
    await query("BEGIN");
    const staged = await stageRows(client, request, receivedAt);
    lap("staging");
    const facts: BatchFacts = { id, period: request.period, publisherProvince: request.publisher.provinceCode };
    const record = (status: IngestStatus, extra: Partial<NewBatchRecord> = {}): NewBatchRecord => ({
      id,
      domain: request.domain,
      dataset: request.dataset,
      agency: request.publisher.agency,
      publisher: request.publisher.subject,
      kind: request.kind,
      period: request.period,
      rowCount: staged.rows,
      checksum: staged.checksum,
      receivedAt,
      status,
      appliedAt: null,
      duplicateOf: null,
      errors: [],
      errorCount: 0,
      ...extra,
    });
    // Content that is not even UTF-8 was never applied; anything else may have been, whatever the registry says today.
    const firstApplied = !staged.decoding.problem
      ? await appliedBatchWithContent(query, request.domain, request.dataset, request.period, staged.checksum)
      : undefined;
    if (firstApplied) return { batch: await closeWithout(query, record(IngestStatus.DUPLICATE, { duplicateOf: firstApplied })), tooLarge: false, phases };
    if (staged.errors.count === 0) await runSetChecks(query, request.spec, facts, staged.errors);
    lap("checks");
    if (staged.errors.count > 0) {
      const batch = await closeWithout(query, record(IngestStatus.REJECTED, { errors: staged.errors.list(), errorCount: staged.errors.count }));
      return { batch, tooLarge: staged.decoding.tooLarge === true, phases };
    }
    const batch = await apply(query, request, record);
    lap("merge");
    return { batch, tooLarge: false, phases };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** What streaming the content into `ingest_rows` found. */
interface StagedBatch {
  rows: number;
  checksum: string;
  errors: BatchErrors;
  decoding: DecodingReport;
}

/**
 * Streams the content into the temporary table `ingest_rows`: bytes → checksum and UTF-8 → CSV
 * records → the domain's row validation → COPY. Valid rows only are staged; every problem is
 * counted with its line. Backpressure runs end to end, so memory stays flat whatever the size.
 */
async function stageRows(client: pg.Client, request: IngestRequest, receivedAt: Date): Promise<StagedBatch> {
  const { spec } = request;
  const columns = [{ name: "line", type: "integer" }, ...spec.staged];
  await client.query(`CREATE TEMPORARY TABLE ingest_rows (${columns.map((c) => `${c.name} ${c.type}`).join(", ")}) ON COMMIT DROP`);
  const hash = createHash("sha256");
  const decoding: DecodingReport = { bytes: 0 };
  const errors = new BatchErrors();
  let rows = 0;
  const validator = new RowValidator(spec, request.period, receivedAt, errors);
  // Lines are sent to COPY in chunks of about 256 KB: a write per line would cost a socket write per row.
  let chunk = "";
  const toCopy = new Transform({
    writableObjectMode: true,
    transform(batch: CsvBatch, _encoding, done) {
      for (const problem of batch.problems) errors.add(problem.line, null, `this line is not well-formed CSV: ${problem.reason}`);
      for (const record of batch.records) {
        if (!validator.hasHeader) {
          validator.readHeader(record.fields);
          continue;
        }
        rows += 1;
        if (rows > request.limits.maxRows) {
          if (rows === request.limits.maxRows + 1)
            errors.add(record.line, null, `a batch holds at most ${request.limits.maxRows.toLocaleString("en-US")} rows`);
          continue;
        }
        const cells = validator.row(record.fields, record.line);
        if (cells) chunk += copyLine([record.line, ...cells]);
      }
      request.onProgress?.({ bytes: decoding.bytes, rows });
      if (chunk.length < 256 * 1024) return done();
      const full = chunk;
      chunk = "";
      done(null, full);
    },
    flush(done) {
      done(null, chunk || undefined);
    },
  });
  const copy = client.query(copyFrom(`COPY ingest_rows (${columns.map((c) => c.name).join(", ")}) FROM STDIN`));
  try {
    await pipeline(
      request.content,
      utf8Decoder(request.limits.maxBytes, decoding, (bytes) => hash.update(bytes)),
      csvRecords(MAX_RECORD_CHARACTERS),
      toCopy,
      copy,
    );
  } catch (error) {
    if (decoding.tooLarge) {
      // The COPY was cut short: the transaction is unusable, and only the refusal is recorded.
      errors.add(null, null, decoding.problem!);
      await client.query("ROLLBACK");
      await client.query("BEGIN");
      await drain(request.content);
    } else {
      throw error;
    }
  }
  request.onProgress?.({ bytes: decoding.bytes, rows });
  if (decoding.problem && !decoding.tooLarge) errors.add(null, null, decoding.problem);
  else if (!decoding.problem && !validator.hasHeader)
    errors.add(1, null, `the file is empty: it needs the header ${spec.columns.join(",")} and at least one row`);
  else if (!decoding.problem && rows === 0 && errors.count === 0) errors.add(2, null, "the file has a header but no rows");
  validator.reportHeaderProblems();
  // The planner knows nothing of a temporary table until it is analysed; the checks and merge join it with national tables.
  if (errors.count === 0) await client.query("ANALYZE ingest_rows");
  return { rows: Math.min(rows, request.limits.maxRows), checksum: hash.digest("hex"), errors, decoding };
}

/** Reads and discards what is left of a stream (a refused body), so the sender is not left hanging. */
async function drain(stream: Readable): Promise<void> {
  if (stream.readableEnded || stream.destroyed) return;
  stream.resume();
  await new Promise<void>((resolve) => {
    stream.once("end", resolve);
    stream.once("close", resolve);
    stream.once("error", () => resolve());
  });
}

/** Header and rows against the domain's declaration. */
class RowValidator {
  hasHeader = false;
  private width = 0;
  private positions: number[] = [];
  private optionalPositions: number[] = [];
  private headerProblems: { column: string | null; reason: string }[] = [];

  constructor(
    private readonly spec: IngestSpec,
    private readonly period: string,
    private readonly now: Date,
    private readonly errors: BatchErrors,
  ) {}

  readHeader(record: string[]): void {
    this.hasHeader = true;
    this.width = record.length;
    const names = record.map((name) => name.trim());
    for (const column of this.spec.columns) {
      const at = names.indexOf(column);
      if (at < 0) this.headerProblems.push({ column, reason: `the header lacks the column ${column}; ${this.spec.title} need ${this.spec.columns.join(",")}` });
      this.positions.push(at);
    }
    const optional = this.spec.optionalColumns ?? [];
    this.optionalPositions = optional.map((column) => names.indexOf(column));
    const expected = [...this.spec.columns, ...optional.map((column) => `[${column}]`)].join(",");
    for (const [i, name] of names.entries()) {
      if (!this.spec.columns.includes(name) && !optional.includes(name))
        this.headerProblems.push({
          column: name.slice(0, 60),
          reason: `the header names a column ${this.spec.title} do not have; expected ${expected} (optional columns in brackets)`,
        });
      else if (names.indexOf(name) !== i) this.headerProblems.push({ column: name, reason: "the header names this column twice" });
    }
  }

  /** Header problems are reported once, on line 1, ahead of the rows'. */
  reportHeaderProblems(): void {
    for (const problem of this.headerProblems) this.errors.add(1, problem.column, problem.reason);
  }

  /** The row's cells for staging, or null when it has problems (each recorded with its line). */
  row(record: string[], line: number): StagedCell[] | null {
    if (this.headerProblems.length > 0) return null;
    if (record.length !== this.width) {
      this.errors.add(line, null, `this line is not well-formed CSV: it has ${record.length} fields where the header has ${this.width}`);
      return null;
    }
    const fields: Record<string, string> = {};
    let tooLong = false;
    for (const [i, column] of this.spec.columns.entries()) {
      const value = record[this.positions[i]].trim();
      if (value.length > MAX_FIELD_CHARACTERS) {
        this.errors.add(line, column, `the value is ${value.length.toLocaleString("en-US")} characters long; a field holds at most ${MAX_FIELD_CHARACTERS}`);
        tooLong = true;
      }
      fields[column] = value;
    }
    for (const [i, column] of (this.spec.optionalColumns ?? []).entries()) {
      const at = this.optionalPositions[i];
      const value = at < 0 ? "" : record[at].trim();
      if (value.length > MAX_FIELD_CHARACTERS) {
        this.errors.add(line, column, `the value is ${value.length.toLocaleString("en-US")} characters long; a field holds at most ${MAX_FIELD_CHARACTERS}`);
        tooLong = true;
      }
      fields[column] = value;
    }
    if (tooLong) return null;
    const result = this.spec.validateRow(fields, { period: this.period, now: this.now });
    if ("problems" in result) {
      for (const problem of result.problems) this.errors.add(line, problem.column, problem.reason);
      return null;
    }
    return result.cells;
  }
}

/** Runs the generic and the domain's set-based checks, each one statement over the whole batch. */
async function runSetChecks(query: IngestQuery, spec: IngestSpec, facts: BatchFacts, errors: BatchErrors): Promise<void> {
  for (const check of [...genericChecks(spec), ...spec.checks]) {
    const { text, params } = check.sql(facts);
    const found = await query<{ line: number; column: string | null; reason: string; total: string }>(
      `SELECT line, "column", reason, count(*) OVER () AS total FROM (${text}) c ORDER BY line LIMIT 100`,
      params,
    );
    if (found.length > 0)
      errors.addCounted(
        found.map(({ line, column, reason }) => ({ line, column, reason })),
        Number(found[0].total),
      );
  }
}

/** Rolls the batch's rows back and records the batch as it ended (REJECTED or DUPLICATE), outside that transaction. */
async function closeWithout(query: IngestQuery, record: NewBatchRecord): Promise<IngestBatch> {
  await query("ROLLBACK");
  return insertBatchRecord(query, record);
}

/**
 * Merges the staged rows and records the batch APPLIED, in the transaction that staged them. One
 * batch per domain merges at a time (an advisory lock), so that histories never interleave and
 * applied_at follows commit order. Two identical batches racing meet the unique index on applied
 * content: the second becomes DUPLICATE.
 */
async function apply(
  query: IngestQuery,
  request: IngestRequest,
  record: (status: IngestStatus, extra?: Partial<NewBatchRecord>) => NewBatchRecord,
): Promise<IngestBatch> {
  await query("SELECT pg_advisory_xact_lock(hashtext('lienthong-ingest:' || $1))", [request.domain]);
  const [{ now: appliedAt }] = await query<{ now: Date }>("SELECT clock_timestamp() AS now");
  try {
    await query("SAVEPOINT record");
    const batch = await insertBatchRecord(query, record(IngestStatus.APPLIED, { appliedAt }));
    const changed = await request.spec.merge(query, { id: batch.id, appliedAt, period: request.period });
    const event: BatchAppliedEvent = {
      batchId: batch.id,
      domain: request.domain,
      period: request.period,
      appliedAt: appliedAt.toISOString(),
      provinceCodes: changed.provinceCodes,
      taxCodes: changed.taxCodes,
    };
    await notifyBatchApplied((sql, params) => query(sql, params), event);
    await query("COMMIT");
    // The batch stands whatever happens next: a derived refresh that fails leaves its own data to be rebuilt.
    const warn = request.warn ?? ((line: string) => process.stderr.write(`${line}\n`));
    for (const domain of DOMAINS as readonly Domain[]) {
      await domain
        .afterBatchApplied?.(query, event)
        .catch((error: Error) => warn(`batch ${batch.id} stands, but the ${domain.name} domain's data derived from it was not refreshed: ${error.message}`));
    }
    return batch;
  } catch (error) {
    if ((error as { code?: string }).code !== "23505" || (error as { constraint?: string }).constraint !== "batch_applied_content_idx") throw error;
    await query("ROLLBACK TO SAVEPOINT record");
    const first = await appliedBatchWithContent(query, request.domain, request.dataset, request.period, record(IngestStatus.APPLIED).checksum);
    return closeWithout(query, record(IngestStatus.DUPLICATE, { duplicateOf: first ?? null }));
  }
}

export { IngestKind };
