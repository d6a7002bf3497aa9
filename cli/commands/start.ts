// `tps start`: the embedded default — every component in one process, SQLite under ./data and
// the in-process transport unless AMQP_URL / DATABASE_URL say otherwise. Registrations are
// approved automatically here (dev only) unless TPS_DIRECTORY_AUTO_APPROVE=false.
import type { Command } from 'commander';
import { loadPlatformConfig } from '../../packages/config/src/index.js';
import { COMPONENT_NAMES, startPlatform } from '../platform/platform.js';
import { ensureDemoTokens, ensureEmbeddedAdminToken } from '../platform/demo-tokens.js';
import { onShutdown } from '../platform/shutdown.js';
import { caFileOf } from '../platform/transport-security.js';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('start the whole platform in one process (embedded default)')
    .action(async () => {
      const config = loadPlatformConfig();
      if (process.env.TPS_DIRECTORY_AUTO_APPROVE === undefined) config.autoApprove = true;
      const adminTokenGenerated = !config.adminToken;
      const adminToken = ensureEmbeddedAdminToken(config);
      const platform = await startPlatform(config, COMPONENT_NAMES);
      onShutdown(() => platform.close());
      const tokens = await ensureDemoTokens(config, platform.components);
      const out = process.stdout;
      const url = (name: string) => platform.components.find((c) => c.name === name)?.url ?? '';
      out.write(`TPS is running (embedded default)\n`);
      out.write(`  store:     ${config.databaseUrl ? 'PostgreSQL' : 'SQLite files in ' + config.dataDir}\n`);
      out.write(`  transport: ${config.amqpUrl ? 'RabbitMQ' : 'in-process'}\n`);
      if (config.autoApprove) out.write(`  directory: registrations approved automatically (dev only)\n`);
      out.write(
        config.tls.enabled
          ? `  TLS:       HTTPS everywhere, mutual TLS to the directory${config.amqpUrl ? ', amqps' : ''}; CA: ${caFileOf(config)} (curl --cacert ${caFileOf(config)})\n`
          : `  TLS:       off (plain HTTP on ${config.host}; TPS_TLS=on for HTTPS)\n`,
      );
      for (const c of platform.components) out.write(`  ${c.name.padEnd(10)} ${c.url}   (health: ${c.url}/health)\n`);
      out.write(`  API docs:  ${url('agr')}/docs  ${url('dso')}/docs\n`);
      out.write(`  GUI:       ${url('core')}/ui/   operator token: ${adminTokenGenerated ? adminToken + ` (kept in ${config.dataDir}/admin-token)` : 'TPS_ADMIN_TOKEN'}\n`);
      out.write(`Demo parties and API tokens (also in ${config.dataDir}/demo-tokens.json):\n`);
      for (const t of tokens) out.write(`  ${t.component.toUpperCase()} ${t.party}  Authorization: Bearer ${t.token}\n`);
      out.write(`  TPS ${config.identities.core.parties[0]} (the core)\n`);
      out.write('Press Ctrl-C to stop.\n');
    });
}
