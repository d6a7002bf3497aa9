// Rate limits on the REST facades (issue 13): a fixed window per API token, per client IP for
// requests without one, answered 429 as problem+json like every other error. The key is a hash of
// the presented token, never the token itself (secrets stay out of memory dumps and logs). Mounted
// before authentication on purpose: floods of forged tokens are limited too (each forged token is
// its own key, so a second bucket per client IP counts refused authentications).
import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { rateLimit, ipKeyGenerator, MemoryStore } from 'express-rate-limit';
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
  return createRestRateLimit(options).middleware;
}

/** The express middleware and, over the same buckets, the check of routes served below express. */
export interface RestRateLimit {
  middleware: RequestHandler[];
  /**
   * What the middleware does for one request, for a route served below express: counts it in both
   * buckets, appends the RateLimit headers to `headers`, and returns the 429 problem (with its
   * Retry-After header appended) when a bucket is full. Call `settle` when the answer is over.
   */
  admit(authorization: string | undefined, ip: string | undefined, headers: string[]): Promise<Admission>;
  /** The failed-authentication bucket forgets a request whose answer was sent and not a 401. */
  settle(admission: Admission, finished: boolean, status: number): void;
}

export interface Admission {
  refused?: HttpProblem;
  /** The failed-authentication bucket's key and window end (a later window forgets by itself). */
  authKey: string;
  authResetMs: number;
}

export function createRestRateLimit(options: RateLimitOptions = {}): RestRateLimit {
  const limit = options.perMinute ?? rateLimitPerMinute();
  const windowMs = options.windowMs ?? 60_000;
  const refuse = (retryAfterS: number) =>
    new HttpProblem(429, ProblemCode.TooManyRequests, `too many requests: at most ${limit} per ${Math.round(windowMs / 1000)} s for this client; retry after ${retryAfterS} s`);
  const retryAfter = (reset: Date | undefined) => Math.max(1, Math.ceil(((reset?.getTime() ?? Date.now() + windowMs) - Date.now()) / 1000));
  // The buckets are ours (not the limiters' defaults) so the front-route check counts in the same ones.
  const failedAuthStore = new MemoryStore();
  const tokenStore = new MemoryStore();
  const common = {
    windowMs,
    standardHeaders: 'draft-7' as const,
    legacyHeaders: false,
    // The IPv6 check reads the key generators' source; both call ipKeyGenerator (in rateLimitKey).
    validate: { keyGeneratorIpFallback: false },
    handler: ((req, res, next) => {
      const retryAfterS = retryAfter((req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime);
      res.setHeader('Retry-After', String(retryAfterS));
      next(refuse(retryAfterS));
    }) as RequestHandler,
  };
  const middleware = [
    rateLimit({
      ...common,
      limit,
      store: failedAuthStore,
      keyGenerator: (req) => failedAuthKey(req.ip),
      identifier: 'tps-failed-auth',
      skipSuccessfulRequests: true,
      requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    }),
    rateLimit({ ...common, limit, store: tokenStore, keyGenerator: (req) => rateLimitKey(req.headers.authorization, req.ip), identifier: 'tps-token' }),
  ];
  const windowS = Math.ceil(windowMs / 1000);
  // One string for every request: a parked long-poll keeps its headers until it is answered.
  const policy = `${limit};w=${windowS}`;
  /** express-rate-limit's draft-7 headers: the later bucket's replace the earlier's. */
  const draft7 = (hits: number, reset: Date | undefined) => [
    'RateLimit-Policy',
    policy,
    'RateLimit',
    `limit=${limit}, remaining=${Math.max(limit - hits, 0)}, reset=${reset ? Math.max(0, Math.ceil((reset.getTime() - Date.now()) / 1000)) : windowS}`,
  ];
  return {
    middleware,
    async admit(authorization, ip, headers) {
      const authKey = failedAuthKey(ip);
      const auth = await failedAuthStore.increment(authKey);
      const admission: Admission = { authKey, authResetMs: auth.resetTime?.getTime() ?? Infinity };
      if (auth.totalHits > limit) {
        const s = retryAfter(auth.resetTime);
        headers.push(...draft7(auth.totalHits, auth.resetTime), 'Retry-After', String(s));
        admission.refused = refuse(s);
        return admission;
      }
      const token = await tokenStore.increment(rateLimitKey(authorization, ip));
      headers.push(...draft7(token.totalHits, token.resetTime));
      if (token.totalHits > limit) {
        const s = retryAfter(token.resetTime);
        headers.push('Retry-After', String(s));
        admission.refused = refuse(s);
      }
      return admission;
    },
    settle(admission, finished, status) {
      // As skipSuccessfulRequests: only a sent answer counts as successful, and only in its window.
      if (finished && status !== 401 && Date.now() < admission.authResetMs) void failedAuthStore.decrement(admission.authKey);
    },
  };
}

function failedAuthKey(ip: string | undefined): string {
  return `auth-ip:${ipKeyGenerator(ip ?? 'unknown')}`;
}
