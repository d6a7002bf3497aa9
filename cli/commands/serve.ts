// `tps serve <component>`: one component per process, as Docker and Kubernetes run them.
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { loadPlatformConfig } from '../../packages/config/src/index.js';
import { COMPONENT_NAMES, isComponentName, startComponent } from '../platform/components.js';
import { onShutdown } from '../platform/shutdown.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description(`run one component in this process (${COMPONENT_NAMES.join('|')})`)
    .argument('<component>', COMPONENT_NAMES.join('|'), (value: string) => {
      if (!isComponentName(value)) throw new InvalidArgumentError(`expected one of ${COMPONENT_NAMES.join(', ')}`);
      return value;
    })
    .option('-p, --port <port>', 'port to listen on (default from TPS_<COMPONENT>_PORT)')
    .action(async (component: string, opts: { port?: string }) => {
      if (!isComponentName(component)) return;
      const config = loadPlatformConfig();
      const port = opts.port === undefined ? undefined : Number(opts.port);
      const handle = await startComponent(component, config, port);
      onShutdown(() => handle.close());
      process.stdout.write(`${handle.name} listening on ${handle.url}\n`);
    });
}
