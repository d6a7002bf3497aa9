// The component directory as a platform component (embedded default and `tps serve directory`).
import { startDirectory, directoryConfigFrom } from '../../directory/src/index.js';
import type { ComponentContext, ComponentHandle } from '../../packages/runtime/src/index.js';
import type { InProcessCa } from './transport-security.js';

export async function startDirectoryComponent(ctx: ComponentContext): Promise<ComponentHandle & { caCertificate: string; ca: InProcessCa }> {
  const running = await startDirectory({ db: ctx.db, config: directoryConfigFrom(ctx.config), logger: ctx.logger, port: ctx.port, host: ctx.host });
  // The CA also certifies the other components' HTTPS servers when they run in this process (TPS_TLS).
  const ca: InProcessCa = { caPem: running.caCertificate, issueServerCertificate: (hosts, seconds) => running.directory.ca.issueServerCertificate(hosts, seconds) };
  return { name: 'directory', url: running.url, caCertificate: running.caCertificate, ca, close: () => running.close() };
}
