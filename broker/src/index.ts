// TPS core: component entry. Started by `tps start` (embedded) or `tps serve core`; the caller
// supplies the Messenger (RabbitMQ or in-process transport).
import { createBaseApp, listen } from '../../packages/http/src/index.js';
import type { ComponentContext, ComponentHandle, Messenger } from '../../packages/runtime/src/index.js';
import { createCore, type Core } from './core.js';
import { adminRouter } from './admin/admin.router.js';
import { guiRouter } from './gui/gui.router.js';
import { restRateLimit } from '../../packages/rest/src/index.js';

export { createCore, type Core, type CoreChange } from './core.js';
export { CoreViews, type DsoView, type OperatorView } from './admin/views.js';
export { coreMigrations } from './storage/migrations.js';
export type { AuditEntry, AuditQuery } from './storage/audit.repository.js';
export type { DsoSplitView } from './domain/dso-view.js';

export async function startCore(ctx: ComponentContext, messenger: Messenger): Promise<ComponentHandle & { core: Core }> {
  const core = await createCore(ctx.db, messenger, { fairnessPolicy: ctx.config.fairnessPolicy, assetListPageSize: ctx.config.assetListPageSize });
  const base = createBaseApp({
    component: 'core',
    logger: ctx.logger,
    bodyLimitBytes: ctx.config.bodyLimitBytes,
    health: { database: async () => (await ctx.db.raw('select 1'), { ok: true }) },
  });
  base.app.get('/ping', (_req, res) => res.type('text/plain').send('pong'));
  // Issue 13: the operator API and GUI are limited like the facades (per token, per IP without one).
  const limited = restRateLimit({ perMinute: ctx.config.rateLimitPerMinute });
  base.app.use('/admin', limited, adminRouter(core.views, ctx.config.adminToken));
  // F3: the web GUI (page public, data behind TPS_ADMIN_TOKEN); it sets its own strict CSP.
  const gui = guiRouter({ views: core.views, events: core.events, adminToken: ctx.config.adminToken, knownParties: { agr: ctx.config.identities.agr.parties, dso: ctx.config.identities.dso.parties } });
  base.app.use('/ui', limited, gui.router);
  const server = await listen(base.finish(), ctx.port, ctx.host, { requestTimeoutMs: ctx.config.requestTimeoutMs, tls: ctx.config.tls.server });
  return {
    name: 'core',
    url: server.url,
    core,
    close: async () => {
      gui.close(); // ends open GUI event streams, else the server would wait for them
      await server.close();
      await core.close(); // the asset-list flusher; pending lists stay marked for the next start
    },
  };
}
