import type { ErrorRequestHandler, RequestHandler } from 'express';
import { HttpProblem, ProblemCode, TITLES } from './problem.js';

const CONTENT_TYPE = 'application/problem+json';

/** Any unmatched route: a problem, not express's HTML page. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(HttpProblem.notFound(`no resource ${req.method} ${req.path}`));
};

/** Maps every error to RFC 9457 problem+json with the request's correlation id (also in the log line). */
export const problemHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const problem = toProblem(err);
  const correlationId = String(req.id ?? '');
  if (problem.status >= 500) req.log?.error({ err, correlationId }, 'request failed');
  else req.log?.info({ code: problem.code, detail: problem.detail, correlationId }, 'request rejected');
  if (res.headersSent) return;
  res.status(problem.status).type(CONTENT_TYPE).send(problemJson(problem, req.originalUrl, correlationId));
};

/** The RFC 9457 body of a problem: one formula for express and the routes served below it. */
export function problemJson(problem: HttpProblem, instance: string, correlationId: string): string {
  return JSON.stringify({
    type: `urn:tps:problem:${problem.code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[problem.status] ?? 'Error',
    status: problem.status,
    detail: problem.detail,
    code: problem.code,
    instance,
    correlationId,
    ...problem.extra,
  });
}

export function toProblem(err: unknown): HttpProblem {
  if (err instanceof HttpProblem) return err;
  // body-parser / express raise errors with a status and a type.
  const e = err as { status?: number; statusCode?: number; type?: string; message?: string; expose?: boolean };
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code =
      status === 413
        ? ProblemCode.PayloadTooLarge
        : status === 415
          ? ProblemCode.UnsupportedMediaType
          : status === 429
            ? ProblemCode.TooManyRequests
            : ProblemCode.BadRequest;
    const detail =
      e.type === 'entity.parse.failed'
        ? 'the request body is not valid JSON'
        : e.type === 'entity.too.large'
          ? 'the request body exceeds the size limit'
          : e.expose && e.message
            ? e.message
            : (TITLES[status] ?? 'bad request');
    return new HttpProblem(status, code, detail, {}, { cause: err });
  }
  return new HttpProblem(500, ProblemCode.Internal, 'internal error; quote the correlation id when reporting it', {}, { cause: err });
}
