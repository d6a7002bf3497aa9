// `tps start`: the embedded default — every component in one process, SQLite under ./data and
// the in-process transport unless AMQP_URL / DATABASE_URL say otherwise.
import type { Command } from 'commander';
import { loadPlatformConfig } from '../../packages/config/src/index.js';
import type { ComponentHandle } from '../../packages/runtime/src/index.js';
import { COMPONENT_NAMES, startComponent } from '../platform/components.js';
import { onShutdown } from '../platform/shutdown.js';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('start the whole platform in one process (embedded default)')
    .action(async () => {
      const config = loadPlatformConfig();
      const started: ComponentHandle[] = [];
      const closeAll = async () => {
        for (const h of started.reverse()) await h.close();
      };
      try {
        for (const name of COMPONENT_NAMES) started.push(await startComponent(name, config));
      } catch (err) {
        await closeAll();
        throw err;
      }
      onShutdown(closeAll);
      const out = process.stdout;
      out.write(`TPS is running (embedded default)\n`);
      out.write(`  store:     ${config.databaseUrl ? 'PostgreSQL' : 'SQLite files in ' + config.dataDir}\n`);
      out.write(`  transport: ${config.amqpUrl ? 'RabbitMQ' : 'in-process'}\n`);
      for (const h of started) out.write(`  ${h.name.padEnd(10)} ${h.url}   (health: ${h.url}/health)\n`);
      out.write('Press Ctrl-C to stop.\n');
    });
}
