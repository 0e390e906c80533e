import { Kind, OperationTypeNode, parse } from "graphql";
import type { Database } from "../database";
import type { Principal } from "../identity/principal";
import type { PeriodKind } from "../identifiers/period";
import type { ReportSheet, ReportSource } from "./report";

/** A query-string argument a report takes (besides `purpose` and `sheet`). */
export interface ReportArgument {
  /** What a valid value looks like, for the 400 that names it. */
  description: string;
  /** Why `value` is not valid, or null when it is. */
  problem(value: string): string | null;
}

/** What a download asked for, checked: the period, the report's own arguments, and who asks. */
export interface ReportInput {
  period: string;
  /** Only the arguments given; each passed its `problem` check. */
  args: Record<string, string | undefined>;
  principal: Principal;
  /** The largest `first` a connection takes here (LIENTHONG_MAX_PAGE_SIZE): a paged report asks for pages this size. */
  pageSize: number;
  /**
   * True when the mandates let this reader read `coordinate` ("Type.field") for the request's
   * purpose: a report may leave out a column its reader may not see rather than be refused whole.
   */
  mayRead(coordinate: string): boolean;
}

/** What the pages read before this one gathered: a paged report numbers its rows on from there. */
export interface ReportProgress {
  /** Rows the sheet `key` holds from earlier pages. */
  rowsSoFar(key: string): number;
}

/** A report written whole to its reader: what went, to whom, under which request. */
export interface ReportDelivery {
  input: ReportInput;
  /** The purpose the file was read for. */
  purpose: string | null;
  /** The download's request id (its `x-request-id` and audit rows). */
  requestId: string;
  sheets: readonly ReportSheet[];
  /** The hub's database, outside any request deadline (the request has ended). */
  db: Database;
}

/** What one answer of the operation adds to the report. */
export interface ReportPage {
  /** Rows for each sheet, by key; a later page's rows are appended to the same sheets. */
  sheets: ReportSheet[];
  /** Batches these rows came from (repeats are merged). */
  sources?: ReportSource[];
  /** Rows the whole report will hold, when the first page knows (a connection's totalCount): over the cap it is refused at once. */
  totalRows?: number | null;
  /** Variables for the next page (e.g. `{ after: endCursor }`), or null/absent after the last. */
  next?: Record<string, unknown> | null;
}

/**
 * A report downloadable at `GET /reports/{name}/{period}.{xlsx|csv}`: one GraphQL operation over
 * the supergraph, run through the door like any /graphql request, and a function that turns each
 * answer's `data` into rows. See README, "Reports", for how to add one.
 */
export interface ReportDefinition<Data = unknown> {
  /** The URL segment: lower-case letters, digits and hyphens. */
  name: string;
  /** Vietnamese title; the period is appended. */
  title: string;
  /** The period the URL names, e.g. "month" for `2026-03`. */
  period: PeriodKind;
  arguments: Record<string, ReportArgument>;
  /**
   * One query named `report_<name>` (hyphens as underscores): the audit row's operation name is how
   * a download is found in the log.
   */
  operation: string;
  /** Variables of the first page. */
  variables(input: ReportInput): Record<string, unknown>;
  /** Turns one answer's data into rows, sources and where the next page starts. */
  read(data: Data, input: ReportInput, progress: ReportProgress): ReportPage;
  /** A line the sources sheet shows under the title: how the report was made, e.g. which month a quarter's list is built from. */
  note?(input: ReportInput): string;
  /**
   * Called once the file was written whole to the reader, never for a refusal or a failed write:
   * for what the delivery itself means (e.g. a list handed over to an inspection body is recorded).
   * A failure is logged; the reader already has the file.
   */
  delivered?(delivery: ReportDelivery): Promise<void>;
}

/** The operation name a report's document must carry. */
export function reportOperationName(name: string): string {
  return `report_${name.replaceAll("-", "_")}`;
}

/** Checks a definition's shape once, at start: a mistake in one stops the hub, naming the report. */
export function checkDefinition(definition: ReportDefinition): void {
  if (!/^[a-z][a-z0-9-]*$/.test(definition.name)) throw new Error(`Report "${definition.name}": a name is lower-case letters, digits and hyphens.`);
  const document = parse(definition.operation);
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const expected = reportOperationName(definition.name);
  if (operations.length !== 1 || operations[0].operation !== OperationTypeNode.QUERY || operations[0].name?.value !== expected) {
    throw new Error(`Report "${definition.name}": its operation must be one query named ${expected}.`);
  }
  for (const reserved of ["purpose", "sheet"]) {
    if (reserved in definition.arguments) throw new Error(`Report "${definition.name}": "${reserved}" is a reserved query parameter of every report.`);
  }
}
