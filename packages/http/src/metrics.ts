import { Registry, collectDefaultMetrics, Gauge, Histogram } from 'prom-client';
import type { RequestHandler } from 'express';

/** One registry per component, so several components in one process keep their metrics apart. */
export function createMetrics(component: string): { registry: Registry; httpDuration: Histogram<string> } {
  const registry = new Registry();
  registry.setDefaultLabels({ component });
  collectDefaultMetrics({ register: registry });
  const httpDuration = new Histogram({
    name: 'tps_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30, 60],
    registers: [registry],
  });
  return { registry, httpDuration };
}

export function timingMiddleware(httpDuration: Histogram<string>): RequestHandler {
  return (req, res, next) => {
    const end = httpDuration.startTimer();
    res.on('finish', () => {
      // The matched route pattern, never the raw path: keeps label cardinality bounded.
      const route = (req.route?.path as string | undefined) ?? 'unmatched';
      end({ method: req.method, route: req.baseUrl + route, status: String(res.statusCode) });
    });
    next();
  };
}

/** A gauge read when /metrics is scraped: nothing to keep current between scrapes. */
export function registerReadGauge(registry: Registry, name: string, help: string, read: () => number): void {
  new Gauge({
    name,
    help,
    registers: [registry],
    collect() {
      this.set(read());
    },
  });
}
