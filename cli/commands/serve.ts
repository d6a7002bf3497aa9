// `tps serve <component>`: one component per process, as Docker and Kubernetes run them.
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { loadPlatformConfig } from '../../packages/config/src/index.js';
import { COMPONENT_NAMES, isComponentName, startPlatform } from '../platform/platform.js';
import { onShutdown } from '../platform/shutdown.js';
import { caFileOf } from '../platform/transport-security.js';

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
      const ports = opts.port === undefined ? {} : { [component]: Number(opts.port) };
      const platform = await startPlatform(config, [component], { ports });
      onShutdown(() => platform.close());
      for (const c of platform.components) process.stdout.write(`${c.name} listening on ${c.url}\n`);
      if (config.tls.enabled && component === 'directory') process.stdout.write(`directory CA (pin it: TPS_TLS_CA_FILE, curl --cacert): ${caFileOf(config)}\n`);
    });
}
