import { Readable } from "node:stream";
import type { IngestBatch } from "../../entities/hub/batch.entity";
import { IngestKind } from "../../entities/hub/batch.entity";
import type { RequestContext } from "../context";
import { badUserInput } from "../errors";
import { batchPeriodKinds, periodValueProblem } from "./batch-period";
import { ingestBatch } from "./ingest-batch";
import type { IngestSpec } from "./ingest-spec";

/** Most rows one publish mutation carries: mutations are for small deltas; files go to npm run import or POST /ingest. */
export const MAX_MUTATION_ROWS = 1000;

/**
 * Publishes rows given to a mutation as one batch, through the same path as a CSV file: they are
 * written as CSV (header first, so rows[i] is line i + 2 in the batch's errors) and ingested like
 * one, so the same rows make the same checksum whichever way they come. The door already decided
 * that the caller may publish this domain (src/access/publishers.ts).
 */
export async function publishRows(
  ctx: RequestContext,
  domain: string,
  spec: IngestSpec,
  period: string,
  rows: readonly Readonly<Record<string, string>>[],
): Promise<IngestBatch> {
  const problem = periodValueProblem(period, batchPeriodKinds(spec), ctx.startedAt);
  if (problem) throw badUserInput("period", problem, period);
  if (rows.length > MAX_MUTATION_ROWS)
    throw badUserInput(
      "rows",
      `a mutation carries at most ${MAX_MUTATION_ROWS} rows; send larger batches as a CSV file (POST /ingest/${domain} or npm run import)`,
      `${rows.length} rows`,
    );
  // Optional columns are written only when some row fills them: the same rows then make the same
  // checksum as a file that leaves them out.
  const optional = (spec.optionalColumns ?? []).filter((column) => rows.some((row) => (row[column] ?? "") !== ""));
  const columns = [...spec.columns, ...optional];
  const csv = [columns.join(","), ...rows.map((row) => columns.map((column) => csvField(row[column] ?? "")).join(","))].join("\n") + "\n";
  const principal = ctx.principal!;
  const { batch } = await ingestBatch(ctx.db.url, {
    domain,
    dataset: null,
    spec,
    publisher: { agency: principal.agency, subject: principal.subject, provinceCode: principal.provinceCode },
    kind: IngestKind.mutation,
    period,
    content: Readable.from([Buffer.from(csv, "utf8")]),
    limits: { maxBytes: Number.MAX_SAFE_INTEGER, maxRows: MAX_MUTATION_ROWS },
  });
  return batch;
}

/** A CSV field, quoted when it holds a separator, a quote or a line break. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
