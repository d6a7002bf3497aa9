// Administrator authentication for the core's admin REST: a bearer token equal to
// TPS_ADMIN_TOKEN, compared in constant time (digests of equal length, so neither content nor
// length leaks through timing). Without a configured token the admin API is closed.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { HttpProblem } from '../../../packages/http/src/index.js';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

export function tokenMatches(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

export function requireAdmin(adminToken: string | undefined): RequestHandler {
  return (req, _res, next) => {
    if (!adminToken) return next(new HttpProblem(503, 'SERVICE_UNAVAILABLE', 'the admin API is disabled: TPS_ADMIN_TOKEN is not set'));
    const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    if (!match || !tokenMatches(match[1]!, adminToken)) return next(HttpProblem.unauthorized('a valid administrator token is required'));
    next();
  };
}
