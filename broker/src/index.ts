// TPS core: component entry. Started by `tps start` (embedded) or `tps serve core`; the caller
// supplies the Messenger (RabbitMQ or in-process transport).
import { createBaseApp, listen } from '../../packages/http/src/index.js';
import type { ComponentContext, ComponentHandle, Messenger } from '../../packages/runtime/src/index.js';
import { createCore, type Core } from './core.js';
import { adminRouter } from './admin/admin.router.js';

export { createCore, type Core } from './core.js';
export { CoreViews, type DsoView, type OperatorView } from './admin/views.js';
export { coreMigrations } from './storage/migrations.js';
export type { AuditEntry, AuditQuery } from './storage/audit.repository.js';
export type { DsoSplitView } from './domain/dso-view.js';

export async function startCore(ctx: ComponentContext, messenger: Messenger): Promise<ComponentHandle & { core: Core }> {
  const core = await createCore(ctx.db, messenger, { fairnessPolicy: ctx.config.fairnessPolicy });
  const base = createBaseApp({
    component: 'core',
    logger: ctx.logger,
    bodyLimitBytes: ctx.config.bodyLimitBytes,
    health: { database: async () => (await ctx.db.raw('select 1'), { ok: true }) },
  });
  base.app.get('/ping', (_req, res) => res.type('text/plain').send('pong'));
  base.app.use('/admin', adminRouter(core.views, ctx.config.adminToken));
  const server = await listen(base.finish(), ctx.port, ctx.host);
  return { name: 'core', url: server.url, core, close: () => server.close() };
}
