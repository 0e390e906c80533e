import { Router, type Request, type Response } from "express";
import { createRequestContext, identifyRequest, type ContextDependencies, type RequestContext } from "../context";
import { refusalEntry, type AuditSink, type VariableProtector } from "../audit/audit-plugin";
import type { Logger } from "../logger";
import { ErrorCode } from "../errors";
import { publishBatch } from "./publish-batch";

export const INGEST_PATH = "/ingest";

/** What the route needs from the server: building a request's context, the audit log, the limits. */
export interface IngestRouteDependencies extends ContextDependencies {
  audit: { sink: AuditSink; protect: VariableProtector } | null;
  logger: Logger;
}

/**
 * `POST /ingest/{domain}?period=…` (or `/ingest/{domain}/{dataset}` for a domain's further dataset): a CSV body (text/csv) streamed into one batch, with a
 * publisher's bearer token. Answers the batch record as JSON: 200 APPLIED or DUPLICATE, 400
 * REJECTED with its errors, 413 over LIENTHONG_INGEST_MAX_BODY_BYTES, 503 while
 * LIENTHONG_INGEST_MAX_CONCURRENT batches are already streaming in; 401, 403, 404 and 415 as
 * usual. The body is never buffered whole.
 */
export function ingestRouter(deps: IngestRouteDependencies): Router {
  const router = Router();
  let streaming = 0;
  router.post([`${INGEST_PATH}/:domain`, `${INGEST_PATH}/:domain/:dataset`], async (req: Request, res: Response) => {
    const identity = identifyRequest(req.headers, deps.boundText);
    res.setHeader("x-request-id", identity.requestId);
    let context: RequestContext | undefined;
    let counted = false;
    try {
      try {
        context = await createRequestContext(deps, { headers: req.headers, remoteAddress: req.socket.remoteAddress }, identity, { sqlStatements: 0 });
      } catch (error) {
        const extensions = (error as { extensions?: { code?: string; http?: { status?: number } } }).extensions;
        await deps.audit?.sink.record(refusalEntry(identity, { extensions }, undefined));
        const status = extensions?.code === ErrorCode.UNAUTHENTICATED ? 401 : extensions?.code === ErrorCode.FORBIDDEN ? 403 : 400;
        return refuse(req, res, status, extensions?.code ?? ErrorCode.UNAUTHENTICATED, (error as Error).message);
      }
      const principal = context.principal;
      if (!principal) {
        await deps.audit?.sink.record(refusalEntry(identity, { extensions: { code: ErrorCode.UNAUTHENTICATED } }, undefined));
        return refuse(req, res, 401, ErrorCode.UNAUTHENTICATED, "Publishing needs a publisher's bearer token (Authorization: Bearer …).");
      }
      if (!/^text\/csv\b/i.test(req.headers["content-type"] ?? "")) {
        await deps.audit?.sink.record(refusalEntry(identity, { extensions: { code: ErrorCode.BAD_USER_INPUT } }, undefined, context));
        return refuse(req, res, 415, ErrorCode.BAD_USER_INPUT, "Send the batch as a CSV body with Content-Type: text/csv (UTF-8).");
      }
      const declared = Number(req.headers["content-length"]);
      if (Number.isFinite(declared) && declared > deps.config.ingest.maxBodyBytes) {
        await deps.audit?.sink.record(refusalEntry(identity, { extensions: { code: ErrorCode.BAD_USER_INPUT } }, undefined, context));
        return refuse(
          req,
          res,
          413,
          ErrorCode.BAD_USER_INPUT,
          `The body (${declared} bytes) is larger than the ${deps.config.ingest.maxBodyBytes} bytes a batch may hold (LIENTHONG_INGEST_MAX_BODY_BYTES).`,
        );
      }
      if (streaming >= deps.config.ingest.maxConcurrent) {
        const busyWith = streaming;
        await deps.audit?.sink.record(refusalEntry(identity, { extensions: { code: ErrorCode.SERVER_BUSY } }, undefined, context));
        res.setHeader("retry-after", "30");
        return refuse(
          req,
          res,
          503,
          ErrorCode.SERVER_BUSY,
          `${busyWith} batch(es) are already streaming into this hub process, the most it takes at once (LIENTHONG_INGEST_MAX_CONCURRENT); send this one again when they are done.`,
        );
      }
      streaming += 1;
      counted = true;
      const period = typeof req.query.period === "string" ? req.query.period : "";
      const answer = await publishBatch(
        {
          databaseUrl: deps.db.url,
          audit: deps.audit,
          limits: { maxBytes: deps.config.ingest.maxBodyBytes, maxRows: deps.config.ingest.maxRows },
          warn: (line) => deps.logger.warn({ requestId: identity.requestId }, line),
        },
        {
          identity,
          principal,
          purpose: context.purpose,
          domainName: String(req.params.domain),
          datasetName: req.params.dataset === undefined ? undefined : String(req.params.dataset),
          period,
          content: req,
        },
      );
      if ("error" in answer) return refuse(req, res, answer.httpStatus, answer.error.code, answer.error.message);
      res.status(answer.httpStatus).json(answer.batch);
    } catch (error) {
      deps.logger.error({ requestId: identity.requestId, err: error }, "ingest failed");
      if (!res.headersSent)
        res
          .status(500)
          .json({ error: { code: ErrorCode.INTERNAL_SERVER_ERROR, message: `Internal error (request ${identity.requestId}); nothing was applied.` } });
    } finally {
      if (counted) streaming -= 1;
      context?.caller.deadline.dispose();
    }
  });
  return router;
}

/** A refusal before or instead of a batch: its JSON answer, and the unread body let go of. */
function refuse(req: Request, res: Response, status: number, code: string, message: string): void {
  if (status === 413) {
    // Reading an oversized body to its end is what the limit exists to avoid: answer, then hang up.
    res.setHeader("connection", "close");
    res.status(status).json({ error: { code, message } });
    return;
  }
  res.status(status).json({ error: { code, message } });
  // The client may still be sending; reading on (and discarding) lets it see the answer.
  if (!req.readableEnded) req.resume();
}
