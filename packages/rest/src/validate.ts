// Request validation: every rejected field is named in the problem's `errors` list.
import type { z } from 'zod';
import { HttpProblem } from '../../http/src/index.js';

export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what = 'request body'): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.map(String).join('.') : what,
    message: issue.message,
  }));
  const first = errors[0]!;
  throw HttpProblem.badRequest(`invalid ${what}: ${first.field}: ${first.message}`, errors);
}

/** Only JSON is accepted on write routes (415 otherwise, as problem+json). */
export function requireJson(contentType: string | undefined): void {
  if (!contentType || !/^application\/(json|[\w.+-]+\+json)\b/i.test(contentType)) {
    throw new HttpProblem(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the request body as application/json');
  }
}

/** Middleware form for write routes: POST/PUT/PATCH bodies must be JSON. */
export const jsonBodyOnly = (req: { method: string; headers: Record<string, unknown> }, _res: unknown, next: (err?: unknown) => void): void => {
  if (['POST', 'PUT', 'PATCH'].includes(req.method) && Number(req.headers['content-length'] ?? 0) > 0) {
    try {
      requireJson(req.headers['content-type'] as string | undefined);
    } catch (err) {
      return next(err);
    }
  }
  next();
};
