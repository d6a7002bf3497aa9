// Placeholder until the component directory lands (issue 4): health only.
import { createBaseApp, listen } from '../../packages/http/src/index.js';
import type { ComponentContext, ComponentHandle } from '../../packages/runtime/src/index.js';

export async function startDirectoryComponent(ctx: ComponentContext): Promise<ComponentHandle> {
  const base = createBaseApp({ component: 'directory', logger: ctx.logger, health: { database: async () => (await ctx.db.raw('select 1'), { ok: true }) } });
  const server = await listen(base.finish(), ctx.port, ctx.host);
  return { name: 'directory', url: server.url, close: () => server.close() };
}
