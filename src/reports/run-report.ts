import type { GraphQLFormattedError } from "graphql";
import type { LegalBasis } from "../access/mandate";
import { ErrorCode } from "../errors";
import type { ReportDefinition, ReportInput } from "./report-definition";
import { rowCount, type ReportSheet, type ReportSource } from "./report";

/** One answer of a report's operation, as the door gave it. */
export interface OperationAnswer {
  data: unknown;
  errors: readonly GraphQLFormattedError[];
  /** The HTTP status the same request to /graphql would have had, when it set one. */
  status: number | undefined;
  /** Legal texts of the mandates this answer was granted under. */
  legalBasis: LegalBasis[];
}

/** Why a report is not handed over: the HTTP status, code and message, and for refused fields each path and reason. */
export interface ReportRefusal {
  status: number;
  code: string;
  message: string;
  /** One entry per reason (a refused field), with how many values it took out and the first paths. */
  refused?: { reason: string; count: number; paths: (readonly (string | number)[])[] }[];
  retryAfterSeconds?: number;
}

/** The rows of every sheet, and what they rest on, gathered from every page. */
export interface GatheredReport {
  sheets: ReportSheet[];
  sources: ReportSource[];
  legalBasis: LegalBasis[];
}

/** Paths listed per refused field in a 403: enough to find them, bounded so the answer stays small. */
const MAX_LISTED_PATHS = 20;

/**
 * Runs `definition` page by page through `execute` (which takes the door's path) and gathers its
 * rows. Any error in any answer refuses the whole report: an inspector must never be handed a list
 * with holes as if it were complete. More than `maxRows` rows refuses it too (413), before more
 * pages are read.
 */
export async function gatherReport(
  definition: ReportDefinition,
  input: ReportInput,
  execute: (variables: Record<string, unknown>) => Promise<OperationAnswer>,
  maxRows: number,
): Promise<GatheredReport | ReportRefusal> {
  const sheets = new Map<string, ReportSheet>();
  const sources = new Map<string, ReportSource>();
  const legalBasis = new Map<string, LegalBasis>();
  let variables: Record<string, unknown> | null = definition.variables(input);
  let first = true;
  while (variables) {
    const answer = await execute(variables);
    if (answer.errors.length > 0) return refusalOf(answer);
    const page = definition.read(answer.data, input, { rowsSoFar: (key) => sheets.get(key)?.rows.length ?? 0 });
    if (first && page.totalRows != null && page.totalRows > maxRows) return tooLarge(page.totalRows, maxRows);
    first = false;
    for (const sheet of page.sheets) {
      const gathered = sheets.get(sheet.key);
      if (gathered) gathered.rows.push(...sheet.rows);
      else sheets.set(sheet.key, { ...sheet, rows: [...sheet.rows] });
    }
    const rows = rowCount([...sheets.values()]);
    if (rows > maxRows) return tooLarge(page.totalRows ?? rows, maxRows, page.totalRows == null);
    for (const source of page.sources ?? []) if (!sources.has(source.batchId)) sources.set(source.batchId, source);
    for (const basis of answer.legalBasis) legalBasis.set(`${basis.document}\n${basis.article}`, basis);
    variables = page.next ? { ...variables, ...page.next } : null;
  }
  return { sheets: [...sheets.values()], sources: [...sources.values()], legalBasis: [...legalBasis.values()] };
}

/** True when gatherReport refused. */
export function isRefusal(outcome: GatheredReport | ReportRefusal): outcome is ReportRefusal {
  return "status" in outcome;
}

function tooLarge(rows: number, maxRows: number, atLeast = false): ReportRefusal {
  return {
    status: 413,
    code: "REPORT_TOO_LARGE",
    message: `The report would hold ${atLeast ? "more than " : ""}${rows} rows, more than the ${maxRows} a download may hold (LIENTHONG_REPORT_MAX_ROWS). Narrow it, e.g. with provinceCode.`,
  };
}

/** The status and reasons of a refused answer: FORBIDDEN fields → 403 with every path, else the door's own status. */
function refusalOf(answer: OperationAnswer): ReportRefusal {
  const codes = new Set(answer.errors.map((error) => String(error.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR)));
  if (codes.size === 1 && codes.has(ErrorCode.FORBIDDEN)) {
    const byReason = new Map<string, { reason: string; count: number; paths: (readonly (string | number)[])[] }>();
    for (const error of answer.errors) {
      const entry = byReason.get(error.message) ?? { reason: error.message, count: 0, paths: [] };
      byReason.set(error.message, entry);
      entry.count += 1;
      if (error.path && entry.paths.length < MAX_LISTED_PATHS) entry.paths.push(error.path);
    }
    const refused = [...byReason.values()];
    return {
      status: 403,
      code: ErrorCode.FORBIDDEN,
      message: `Your mandates do not cover ${refused.length === 1 ? "a field" : `${refused.length} fields`} of this report, so it was not handed over: a report with holes must not pass for a complete one. See "refused" for each field, why, and where.`,
      refused,
    };
  }
  const first = answer.errors.find((error) => error.extensions?.code !== ErrorCode.FORBIDDEN) ?? answer.errors[0];
  const code = String(first.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR);
  const retryAfter = first.extensions?.retryAfterSeconds;
  return {
    status: answer.status && answer.status >= 400 ? answer.status : (STATUS_OF[code] ?? 500),
    code,
    message: first.message,
    ...(typeof retryAfter === "number" ? { retryAfterSeconds: retryAfter } : {}),
  };
}

const STATUS_OF: Record<string, number> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.QUERY_TOO_COMPLEX]: 400,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.REQUEST_TIMEOUT]: 504,
};
