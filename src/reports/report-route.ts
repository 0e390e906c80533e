import { Router, type Request, type Response } from "express";
import type { ApolloServer } from "@apollo/server";
import { createRequestContext, identifyRequest, type ContextDependencies, type RequestContext } from "../context";
import { refusalEntry, type AuditSink } from "../audit/audit-plugin";
import type { LegalBasis } from "../access/mandate";
import { ErrorCode, quoteValue } from "../errors";
import { periodProblem } from "../identifiers";
import { SerializedData } from "../graphql/serialized-data";
import type { Logger } from "../logger";
import { REPORT_DEFINITIONS } from "./definitions";
import { checkDefinition, reportOperationName, type ReportDefinition, type ReportDelivery, type ReportInput } from "./report-definition";
import { gatherReport, isRefusal, type OperationAnswer, type ReportRefusal } from "./run-report";
import type { Report } from "./report";
import { writeXlsx, XLSX_CONTENT_TYPE } from "./xlsx-writer";
import { CSV_CONTENT_TYPE, writeCsv } from "./csv-writer";

export const REPORTS_PATH = "/reports";

/** Query parameters every report takes, besides its own arguments. */
const COMMON_PARAMETERS = new Set(["purpose", "sheet"]);

/** What the route needs from the server: the context builder, the audit log, and the GraphQL request pipeline itself. */
export interface ReportRouteDependencies extends ContextDependencies {
  audit: { sink: AuditSink } | null;
  logger: Logger;
}

/**
 * `GET /reports/{report}/{period}.{xlsx|csv}`: a report (src/reports/definitions) read through the
 * door. The request's context is built by createRequestContext, as for /graphql, and each page of
 * the report's operation runs through `apollo`'s own pipeline (token, purpose, limits and budget,
 * mandates and row scope, the audit row named `report_<name>`). Any refused field refuses the
 * report (403, with every refused path). 401 without a token, 404 for an unknown report or
 * extension, 400 naming a bad argument, 413 past LIENTHONG_REPORT_MAX_ROWS.
 */
export function reportsRouter(deps: ReportRouteDependencies, apollo: ApolloServer<RequestContext>): Router {
  const definitions = new Map<string, ReportDefinition>();
  for (const definition of REPORT_DEFINITIONS) {
    checkDefinition(definition);
    definitions.set(definition.name, definition);
  }
  const router = Router();
  router.get(`${REPORTS_PATH}/:report/:file`, async (req: Request, res: Response) => {
    const definition = definitions.get(String(req.params.report));
    const file = /^(.+)\.(xlsx|csv)$/.exec(String(req.params.file));
    if (!definition || !file) {
      res.status(404).json({
        error: {
          code: "NOT_FOUND",
          message: `No such report. Reports are ${REPORTS_PATH}/{report}/{period}.xlsx or .csv, for report one of: ${[...definitions.keys()].join(", ")}.`,
        },
      });
      return;
    }
    const [, period, format] = file as unknown as [string, string, "xlsx" | "csv"];
    const identity = identifyRequest(req.headers, deps.boundText);
    res.setHeader("x-request-id", identity.requestId);
    if (identity.clientRequestId !== null) res.setHeader("x-client-request-id", identity.clientRequestId);
    const operationName = reportOperationName(definition.name);
    const purpose = typeof req.query.purpose === "string" ? req.query.purpose : undefined;
    const contextFor = () =>
      createRequestContext(deps, { headers: req.headers, purpose, remoteAddress: req.socket.remoteAddress }, identity, { sqlStatements: 0 });
    let context: RequestContext;
    try {
      context = await contextFor();
    } catch (error) {
      const extensions = (error as { extensions?: { code?: string } }).extensions;
      const code = extensions?.code ?? ErrorCode.UNAUTHENTICATED;
      await deps.audit?.sink.record(refusalEntry(identity, { extensions }, { operationName }));
      return answerRefusal(res, { status: code === ErrorCode.FORBIDDEN ? 403 : 401, code, message: (error as Error).message });
    }
    try {
      const principal = context.principal;
      if (!principal) {
        await deps.audit?.sink.record(refusalEntry(identity, { extensions: { code: ErrorCode.UNAUTHENTICATED } }, { operationName }));
        return answerRefusal(res, {
          status: 401,
          code: ErrorCode.UNAUTHENTICATED,
          message: "Reports need a bearer token (Authorization: Bearer …), as /graphql does for anything but open data.",
        });
      }
      const problem = inputProblem(definition, period, format, req.query);
      if (problem) {
        await deps.audit?.sink.record(refusalEntry(identity, { extensions: { code: ErrorCode.BAD_USER_INPUT } }, { operationName }, context));
        return answerRefusal(res, { status: 400, code: ErrorCode.BAD_USER_INPUT, message: problem.message, argument: problem.argument });
      }
      const access = context.access;
      const input: ReportInput = {
        period,
        args: definitionArguments(definition, req.query),
        principal,
        pageSize: deps.config.maxPageSize,
        mayRead: (coordinate) => access.mayRead(coordinate),
      };
      // The first page runs in the context just built; each later page in a fresh one (the token checked
      // again, fresh loaders and deadline), all under the download's request id.
      let pageContext: RequestContext | null = context;
      const gathered = await gatherReport(
        definition,
        input,
        async (variables) => {
          let current = pageContext;
          pageContext = null;
          if (!current) {
            try {
              current = await contextFor();
            } catch (error) {
              // The token expired or was revoked between two pages: refused like any request.
              const extensions = (error as { extensions?: Record<string, unknown> }).extensions ?? {};
              await deps.audit?.sink.record(refusalEntry(identity, { extensions }, { operationName }));
              return { data: null, errors: [{ message: (error as Error).message, extensions }], status: undefined, legalBasis: [] };
            }
          }
          return runOperation(apollo, { query: definition.operation, operationName, variables }, current);
        },
        deps.config.reportMaxRows,
      );
      if (isRefusal(gathered)) return answerRefusal(res, gathered);
      const report: Report = {
        title: `${definition.title}, kỳ ${period}`,
        note: definition.note?.(input),
        ...gathered,
        preparedFor: preparedFor(context),
        preparedAt: identity.startedAt,
      };
      const sheetKey = typeof req.query.sheet === "string" ? req.query.sheet : undefined;
      const sheet = format === "csv" ? (sheetKey === undefined ? report.sheets[0] : report.sheets.find((s) => s.key === sheetKey)) : undefined;
      if (format === "csv" && !sheet) {
        return answerRefusal(res, {
          status: 400,
          code: ErrorCode.BAD_USER_INPUT,
          message: `Argument "sheet" is invalid (got ${quoteValue(sheetKey)}): this report's CSV sheets are ${report.sheets.map((s) => s.key).join(", ")}.`,
          argument: "sheet",
        });
      }
      const filename = `${definition.name}-${period}${sheetKey ? `-${sheet!.key}` : ""}.${format}`;
      res.status(200);
      res.setHeader("content-type", format === "xlsx" ? XLSX_CONTENT_TYPE : CSV_CONTENT_TYPE);
      res.setHeader("content-disposition", `attachment; filename="${filename}"`);
      // Figures under mandates: no shared cache may keep a copy.
      res.setHeader("cache-control", "no-store");
      if (format === "xlsx") await writeXlsx(report, res);
      else await writeCsv(sheet!, res);
      await delivered(
        definition,
        { input, purpose: context.purpose, requestId: identity.requestId, sheets: format === "xlsx" ? report.sheets : [sheet!], db: deps.db.shared },
        deps.logger,
      );
    } catch (error) {
      deps.logger.error({ requestId: identity.requestId, err: error, report: definition.name }, "report failed");
      if (!res.headersSent)
        answerRefusal(res, { status: 500, code: ErrorCode.INTERNAL_SERVER_ERROR, message: `Internal error (request ${identity.requestId}).` });
      // Half a workbook must not pass for a whole one: the connection is cut, so the client sees a failed download.
      else res.destroy();
    } finally {
      context.caller.deadline.dispose();
    }
  });
  return router;
}

/** Tells the definition its file went out whole; the reader has it already, so a failure here is logged, not answered. */
async function delivered(definition: ReportDefinition, delivery: ReportDelivery, logger: Logger): Promise<void> {
  if (!definition.delivered) return;
  try {
    await definition.delivered(delivery);
  } catch (error) {
    logger.error({ requestId: delivery.requestId, err: error, report: definition.name }, "report delivered, but what its delivery records failed");
  }
}

/** Runs one operation through Apollo's request pipeline, every plugin included, as a POST to /graphql would. */
async function runOperation(
  apollo: ApolloServer<RequestContext>,
  request: { query: string; operationName: string; variables: Record<string, unknown> },
  context: RequestContext,
): Promise<OperationAnswer> {
  const response = await apollo.executeOperation(request, { contextValue: context });
  if (response.body.kind !== "single") throw new Error("A report's operation answered incrementally.");
  const { data, errors } = response.body.singleResult;
  const used = new Set(context.access.report([]).mandatesUsed);
  const legalBasis: LegalBasis[] = context.access
    .mandatesOfMyAgency()
    .filter(({ mandate }) => used.has(mandate.id))
    .map(({ mandate }) => mandate.legalBasis);
  return {
    // An execution worker hands back its data already serialized (src/graphql/serialized-data.ts).
    data: data instanceof SerializedData ? JSON.parse(data.json) : data,
    errors: errors ?? [],
    status: response.http.status,
    legalBasis,
  };
}

/** What is wrong with the request's period, format or query string, naming the argument; null when nothing is. */
function inputProblem(definition: ReportDefinition, period: string, format: string, query: Request["query"]): { argument: string; message: string } | null {
  const periodIssue = periodProblem(period, [definition.period]);
  if (periodIssue) return { argument: "period", message: `Argument "period" is invalid (got ${quoteValue(period)}): ${periodIssue}.` };
  for (const [name, value] of Object.entries(query)) {
    const argument = definition.arguments[name];
    if (!argument && !COMMON_PARAMETERS.has(name)) {
      const known = [...Object.keys(definition.arguments), ...COMMON_PARAMETERS].join(", ");
      return { argument: name, message: `Unknown argument "${name}": report ${definition.name} takes ${known}.` };
    }
    if (typeof value !== "string") return { argument: name, message: `Argument "${name}" is invalid: give it once, as plain text.` };
    if (name === "sheet" && format !== "csv") return { argument: name, message: `Argument "sheet" chooses a CSV's sheet; an XLSX holds every sheet.` };
    const issue = argument?.problem(value);
    if (issue) return { argument: name, message: `Argument "${name}" is invalid (got ${quoteValue(value)}): ${issue}.` };
  }
  return null;
}

function definitionArguments(definition: ReportDefinition, query: Request["query"]): Record<string, string | undefined> {
  const args: Record<string, string | undefined> = {};
  for (const name of Object.keys(definition.arguments)) if (typeof query[name] === "string") args[name] = query[name] as string;
  return args;
}

function preparedFor(context: RequestContext): string {
  const principal = context.principal!;
  const province = principal.provinceCode ? `, tỉnh ${principal.provinceCode}` : ", toàn quốc";
  return `${principal.agency} ${principal.roles.join("/")} ${principal.subject}${province}; mục đích: ${context.purpose}`;
}

function answerRefusal(res: Response, refusal: ReportRefusal & { argument?: string }): void {
  if (refusal.retryAfterSeconds !== undefined) res.setHeader("retry-after", String(refusal.retryAfterSeconds));
  const { status, retryAfterSeconds: _retry, ...error } = refusal;
  res.status(status).json({ error });
}
