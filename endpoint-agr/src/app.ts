// The AGR/BRP endpoint as an express app plus its inbound handler, built from its dependencies so
// tests run it in-process (real HTTP on port 0, real SQLite/PostgreSQL, a recording messenger).
import type { Express } from 'express';
import { fileURLToPath } from 'node:url';
import { createBaseApp, registerReadGauge, type Logger } from '../../packages/http/src/index.js';
import type { Database } from '../../packages/storage/src/index.js';
import { migrate } from '../../packages/storage/src/index.js';
import type { Messenger } from '../../packages/runtime/src/index.js';
import {
  BufferedCursors,
  jsonBodyOnly,
  lazyRamlDocsHandlers,
  LocalChangeBroadcast,
  restMigrations,
  SharedReads,
  createRestRateLimit,
  TokenRepository,
  WaiterHub,
  type ChangeBroadcast,
} from '../../packages/rest/src/index.js';
import { agrMigrations } from './storage/migrations.js';
import { AssetRepository } from './storage/asset.repository.js';
import { LimitRepository } from './storage/limit.repository.js';
import { MessageRepository } from './storage/message.repository.js';
import { ScheduleRepository } from './storage/schedule.repository.js';
import { agrAuth, type RouteContext } from './routes/route-kit.js';
import { registerAssetRoutes } from './routes/assets.routes.js';
import { registerScheduleRoutes } from './routes/schedules.routes.js';
import { registerLimitRoutes } from './routes/limits.routes.js';
import { registerMessageRoutes } from './routes/messages.routes.js';
import { serveLimitsWaitInFront } from './routes/limits-wait.front.js';
import { createInboundHandler } from './inbound.js';

/** The contract (F2): served at /docs and checked route-for-route by the tests. */
export const AGR_RAML_FILE = fileURLToPath(new URL('../api.raml', import.meta.url));

export interface AgrDeps {
  db: Database;
  messenger: Messenger;
  logger: Logger;
  /** EIC of the TPS core: the receiver of every document sent, the only accepted sender. */
  coreParty: string;
  /** Waiters of this replica; a broadcast wakes them (across replicas when it is the AMQP one). */
  hub?: WaiterHub;
  broadcast?: ChangeBroadcast;
  bodyLimitBytes?: number;
  /** Requests per minute per token (per IP without one); default TPS_RATE_LIMIT_PER_MINUTE. */
  rateLimitPerMinute?: number;
  longPollMaxSeconds?: number;
  longPollDefaultSeconds?: number;
  sseHeartbeatMs?: number;
  now?: () => Date;
}

export interface AgrApp {
  app: Express;
  hub: WaiterHub;
  /** Answers every waiting request (graceful shutdown); the caller closes the server after. */
  close(): Promise<void>;
}

export async function createAgrApp(deps: AgrDeps): Promise<AgrApp> {
  await migrate(deps.db, 'rest', restMigrations);
  await migrate(deps.db, 'agr', agrMigrations);
  const hub = deps.hub ?? new WaiterHub();
  const broadcast = deps.broadcast ?? new LocalChangeBroadcast(hub);
  const now = deps.now ?? (() => new Date());
  const tokens = new TokenRepository(deps.db);
  const maxSeconds = deps.longPollMaxSeconds ?? 60;
  const ctx: RouteContext = {
    db: deps.db,
    messenger: deps.messenger,
    coreParty: deps.coreParty,
    tokens,
    cursors: new BufferedCursors(deps.db, (err) => deps.logger.warn({ err }, 'read cursor write failed; retrying')),
    assets: new AssetRepository(deps.db),
    schedules: new ScheduleRepository(deps.db),
    limits: new LimitRepository(deps.db),
    messages: new MessageRepository(deps.db),
    hub,
    limitReads: new SharedReads(hub),
    sseReads: new SharedReads(hub),
    longPoll: { defaultSeconds: Math.min(deps.longPollDefaultSeconds ?? 30, maxSeconds), maxSeconds },
    sseHeartbeatMs: deps.sseHeartbeatMs ?? 15_000,
    now,
    auth: agrAuth(tokens, deps.messenger),
  };

  deps.messenger.onDocument(
    createInboundHandler({ parties: deps.messenger.parties, coreParty: deps.coreParty, limits: ctx.limits, messages: ctx.messages, assets: ctx.assets, schedules: ctx.schedules, broadcast, logger: deps.logger, now }),
  );

  const base = createBaseApp({
    component: 'agr',
    logger: deps.logger,
    bodyLimitBytes: deps.bodyLimitBytes,
    health: { database: async () => (await deps.db.raw('select 1'), { ok: true }) },
  });
  const { app } = base;
  // How many long-polls this process holds: capacity planning (issue 14, benchmark 3), and how
  // benchmark 2 knows its waiter is parked before the DSO signals.
  registerReadGauge(base.metrics.registry, 'tps_long_poll_waiting', 'Requests parked in this process waiting for news: GET /limits/wait long-polls, GET /limits/events streams between events', () => hub.size);
  const docs = lazyRamlDocsHandlers(AGR_RAML_FILE);
  app.get('/docs', docs.html);
  app.get('/docs/api.raml', docs.source);
  app.use(jsonBodyOnly);
  const rateLimit = createRestRateLimit({ perMinute: deps.rateLimitPerMinute });
  app.use(rateLimit.middleware); // issue 13: 429 problem+json beyond the limit
  // F2: ping → pong, without a token (a liveness probe for the AGR/BRP's own systems).
  app.get('/ping', (_req, res) => {
    res.type('text/plain').send('pong');
  });
  registerAssetRoutes(app, ctx);
  registerScheduleRoutes(app, ctx);
  registerLimitRoutes(app, ctx);
  registerMessageRoutes(app, ctx);
  base.finish();
  // Issue 14: the long-poll below express (same buckets, headers, log and metric as express's).
  serveLimitsWaitInFront({ app, logger: deps.logger, httpDuration: base.metrics.httpDuration, securityHeaders: base.securityHeaders }, ctx, rateLimit);

  return {
    app,
    hub,
    close: async () => {
      hub.close();
      await ctx.cursors.close();
    },
  };
}
