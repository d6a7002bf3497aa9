// The component directory as a platform component (embedded default and `tps serve directory`).
import { startDirectory, directoryConfigFrom } from '../../directory/src/index.js';
import type { ComponentContext, ComponentHandle } from '../../packages/runtime/src/index.js';

export async function startDirectoryComponent(ctx: ComponentContext): Promise<ComponentHandle & { caCertificate: string }> {
  const running = await startDirectory({ db: ctx.db, config: directoryConfigFrom(ctx.config), logger: ctx.logger, port: ctx.port, host: ctx.host });
  return { name: 'directory', url: running.url, caCertificate: running.caCertificate, close: () => running.close() };
}
