// Rate limits on the REST facades (issue 13): a fixed window per API token, per client IP for
// requests without one, answered 429 as problem+json like every other error. The key is a hash of
// the presented token, never the token itself (secrets stay out of memory dumps and logs). Mounted
// before authentication on purpose: floods of forged tokens are limited too (each forged token is
// its own key, so a second bucket per client IP counts refused authentications).
import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { rateLimit, ipKeyGenerator } from 'express-rate-limit';
import { HttpProblem, ProblemCode } from '../../http/src/index.js';
import { rateLimitPerMinute } from '../../config/src/platform-config.js';

export interface RateLimitOptions {
  /** Requests per window and key; default TPS_RATE_LIMIT_PER_MINUTE (600). */
  perMinute?: number | undefined;
  /** Window length; default one minute. */
  windowMs?: number;
}

const BEARER = /^Bearer\s+(\S{1,512})$/i;

/** The limiter key of a request: its token's digest, or its client address. */
export function rateLimitKey(authorization: string | undefined, ip: string | undefined): string {
  const token = BEARER.exec(authorization ?? '')?.[1];
  if (token) return `t:${createHash('sha256').update(token, 'utf8').digest('base64url').slice(0, 32)}`;
  return `ip:${ipKeyGenerator(ip ?? 'unknown')}`;
}

/**
 * Two buckets: every request counts against its token (or, without one, its IP) with `perMinute`;
 * and answers 401 count against the client IP with `perMinute` too, so rotating forged tokens from
 * one address (token guessing) does not escape the limit. Clients behind one proxy share only the
 * second bucket, and only with their failed authentications.
 */
export function restRateLimit(options: RateLimitOptions = {}): RequestHandler[] {
  const limit = options.perMinute ?? rateLimitPerMinute();
  const windowMs = options.windowMs ?? 60_000;
  const refuse = (retryAfterS: number) =>
    new HttpProblem(429, ProblemCode.TooManyRequests, `too many requests: at most ${limit} per ${Math.round(windowMs / 1000)} s for this client; retry after ${retryAfterS} s`);
  const common = {
    windowMs,
    standardHeaders: 'draft-7' as const,
    legacyHeaders: false,
    // The IPv6 check reads the key generators' source; both call ipKeyGenerator (in rateLimitKey).
    validate: { keyGeneratorIpFallback: false },
    handler: ((req, res, next) => {
      const reset = (req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const retryAfterS = Math.max(1, Math.ceil(((reset?.getTime() ?? Date.now() + windowMs) - Date.now()) / 1000));
      res.setHeader('Retry-After', String(retryAfterS));
      next(refuse(retryAfterS));
    }) as RequestHandler,
  };
  return [
    rateLimit({
      ...common,
      limit,
      keyGenerator: (req) => `auth-ip:${ipKeyGenerator(req.ip ?? 'unknown')}`,
      identifier: 'tps-failed-auth',
      skipSuccessfulRequests: true,
      requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    }),
    rateLimit({ ...common, limit, keyGenerator: (req) => rateLimitKey(req.headers.authorization, req.ip), identifier: 'tps-token' }),
  ];
}
