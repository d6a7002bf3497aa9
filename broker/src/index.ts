// TPS core: component entry. Started by `tps start` (embedded) or `tps serve core`.
import { createBaseApp, listen } from '../../packages/http/src/index.js';
import type { ComponentContext, ComponentHandle } from '../../packages/runtime/src/index.js';

export async function startCore(ctx: ComponentContext): Promise<ComponentHandle> {
  const base = createBaseApp({
    component: 'core',
    logger: ctx.logger,
    bodyLimitBytes: ctx.config.bodyLimitBytes,
    health: { database: async () => (await ctx.db.raw('select 1'), { ok: true }) },
  });
  base.app.get('/ping', (_req, res) => res.type('text/plain').send('pong'));
  const server = await listen(base.finish(), ctx.port, ctx.host);
  return { name: 'core', url: server.url, close: () => server.close() };
}
