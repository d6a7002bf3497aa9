// The DSO facade as an express app (F2), built from its dependencies so HTTP tests run in-process.
// Routes are registered on the app itself with full paths: the RAML contract test reads them.
import type { Express } from 'express';
import { fileURLToPath } from 'node:url';
import { createBaseApp } from '../../packages/http/src/index.js';
import { jsonBodyOnly, lazyRamlDocsHandlers, restMigrations, restRateLimit } from '../../packages/rest/src/index.js';
import { migrate } from '../../packages/storage/src/index.js';
import { dsoContext, type DsoContext, type DsoDeps } from './deps.js';
import { registerInbound } from './inbound.js';
import { registerAssetRoutes } from './routes/assets.routes.js';
import { registerConnectionPointRoutes } from './routes/connection-points.routes.js';
import { registerLimitReadRoutes } from './routes/limit-read.routes.js';
import { registerLimitWriteRoutes } from './routes/limit-write.routes.js';
import { registerMessageRoutes } from './routes/messages.routes.js';
import { registerScheduleRoutes } from './routes/schedules.routes.js';
import { dsoMigrations } from './storage/migrations.js';

export const RAML_FILE = fileURLToPath(new URL('../api.raml', import.meta.url));

export interface DsoApp {
  app: Express;
  ctx: DsoContext;
}

/** Migrates the store, builds the routes and registers the handler for documents from the core. */
export async function createDsoApp(deps: DsoDeps & { rateLimitPerMinute?: number }): Promise<DsoApp> {
  await migrate(deps.db, 'rest', restMigrations);
  await migrate(deps.db, 'dso', dsoMigrations);
  const ctx = dsoContext(deps);
  const base = createBaseApp({
    component: 'dso',
    logger: deps.logger,
    bodyLimitBytes: deps.bodyLimitBytes,
    health: { database: async () => (await deps.db.raw('select 1'), { ok: true }) },
  });
  const { app } = base;
  const docs = lazyRamlDocsHandlers(RAML_FILE); // the RAML parser loads on the first GET /docs
  app.get('/docs', docs.html);
  app.get('/docs/api.raml', docs.source);
  // F2: ping → pong, unauthenticated (a liveness probe for the DSO's systems).
  app.get('/ping', (_req, res) => {
    res.type('text/plain').send('pong');
  });
  app.use(jsonBodyOnly);
  app.use(restRateLimit({ perMinute: deps.rateLimitPerMinute })); // issue 13: 429 problem+json beyond the limit
  registerConnectionPointRoutes(app, ctx);
  registerAssetRoutes(app, ctx);
  registerLimitWriteRoutes(app, ctx);
  registerLimitReadRoutes(app, ctx);
  registerScheduleRoutes(app, ctx);
  registerMessageRoutes(app, ctx);
  registerInbound(ctx);
  return { app: base.finish(), ctx };
}
