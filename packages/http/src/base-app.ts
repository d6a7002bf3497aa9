// The plumbing every HTTP component shares: request ids, JSON logs, security headers, body
// limits, /health, /metrics, and problem+json errors. Components add their routes in between.
import express, { type Express, type Router } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { createMetrics } from './metrics.js';
import { timingMiddleware } from './metrics.js';
import { notFoundHandler, problemHandler } from './error-middleware.js';
import { helmetOptions, securityHeaderBlock } from './security-headers.js';

export type HealthCheck = () => Promise<{ ok: boolean; detail?: string }>;

export interface BaseAppOptions {
  component: string;
  logger: Logger;
  bodyLimitBytes?: number;
  health?: Record<string, HealthCheck>;
  /** Content-Security-Policy off where a component serves its own GUI with inline data. */
  contentSecurityPolicy?: boolean;
}

export interface BaseApp {
  app: Express;
  /** Call after the component's routes: adds the 404 and error handlers. */
  finish(): Express;
  metrics: ReturnType<typeof createMetrics>;
  /** The headers helmet sets on every response, for routes served below express (front-route.ts). */
  securityHeaders: readonly string[];
}

export function createBaseApp(options: BaseAppOptions): BaseApp {
  const app = express();
  const metrics = createMetrics(options.component);
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  const helmetConfig = helmetOptions(options.contentSecurityPolicy);
  app.use(helmet(helmetConfig));
  app.use(
    pinoHttp({
      logger: options.logger,
      genReqId: (req, res) => {
        const id = requestId(req.headers['x-request-id']);
        res.setHeader('x-request-id', id);
        return id;
      },
      // Compact request lines: no header dumps (tokens are redacted anyway).
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: withoutQueryValues(req.url) }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
      autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
    }),
  );
  app.use(timingMiddleware(metrics.httpDuration));
  app.use(express.json({ limit: options.bodyLimitBytes ?? 4 * 1024 * 1024, type: ['application/json', 'application/*+json'] }));

  app.get('/health', async (_req, res) => {
    const checks = options.health ?? {};
    const results: Record<string, { ok: boolean; detail?: string }> = {};
    for (const [name, check] of Object.entries(checks)) {
      results[name] = await check().catch((err: unknown) => ({ ok: false, detail: String(err) }));
    }
    const ok = Object.values(results).every((r) => r.ok);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', component: options.component, checks: results });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  return {
    app,
    metrics,
    securityHeaders: securityHeaderBlock(helmetConfig),
    finish() {
      app.use(notFoundHandler);
      app.use(problemHandler);
      return app;
    },
  };
}

export type { Router };

/** A request's correlation id: the client's `x-request-id` when it is a plain token, else a new UUID. */
export function requestId(given: string | string[] | undefined): string {
  return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
}

/**
 * The request line as logged: query parameter values are replaced, because a client may put a
 * secret there (`?token=…`) although the facades read tokens only from the Authorization header.
 * Names stay, so the log still shows which parameters were used.
 */
export function withoutQueryValues(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = url
    .slice(q + 1)
    .split('&')
    .map((p) => {
      const eq = p.indexOf('=');
      return eq < 0 ? p : `${p.slice(0, eq)}=[redacted]`;
    });
  return `${url.slice(0, q)}?${params.join('&')}`;
}
