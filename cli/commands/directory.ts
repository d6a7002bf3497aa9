// `tps directory approve|renew|revoke|list [CODE]` and `tps directory server-cert` (server-cert.ts):
// the administrator's side of the component directory, over its admin REST API (TPS_DIRECTORY_URL, TPS_ADMIN_TOKEN; TPS_DIRECTORY_CA_FILE
// pins the directory CA when it serves HTTPS). The logic is in runDirectoryCommand so tests
// drive it in-process against a real directory.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ConfigError, loadPlatformConfig } from '../../packages/config/src/index.js';
import { DirectoryAdminClient, DirectoryClientError, type ComponentRecord } from '../../packages/directory-client/src/index.js';
import { runServerCertCommand, type ServerCertOptions } from './server-cert.js';

export type DirectoryAction = 'approve' | 'renew' | 'revoke' | 'list';

export interface DirectoryCommandDeps {
  url: string;
  adminToken: string;
  caPem?: string;
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Runs one admin action and returns the process exit code (0 ok, 1 refused or unreachable). */
export async function runDirectoryCommand(action: DirectoryAction, code: string | undefined, deps: DirectoryCommandDeps): Promise<number> {
  const client = new DirectoryAdminClient({ baseUrl: deps.url, ...(deps.caPem ? { caPem: deps.caPem } : {}) }, deps.adminToken);
  try {
    if (action === 'list') {
      const list = await client.list();
      if (list.length === 0) deps.out('no components registered');
      for (const c of list) deps.out(formatComponent(c));
      return 0;
    }
    if (!code) {
      deps.err(`tps directory ${action}: a component code is required`);
      return 1;
    }
    const c = await client[action](code);
    const verb = action === 'approve' ? 'approved; certificates issued' : action === 'renew' ? 'renewed; new certificates issued, old ones stay valid until they expire' : 'revoked; endpoints refuse it after their next sync';
    deps.out(`${c.code} ${verb}`);
    return 0;
  } catch (e) {
    if (e instanceof DirectoryClientError) {
      deps.err(`tps directory ${action}${code ? ' ' + code : ''}: ${e.problem?.detail ?? e.message}`);
      return 1;
    }
    throw e;
  }
}

export function formatComponent(c: ComponentRecord): string {
  const parties = c.parties.map((p) => `${p.party}/${p.role}`).join(',') || '-';
  return [c.code, c.status.padEnd(8), c.type.padEnd(8), parties, c.organisation].join('  ');
}

/** Reads the admin settings from the environment (exit 2 with a one-line message when missing). */
export function directoryDepsFromEnv(env: Record<string, string | undefined> = process.env): DirectoryCommandDeps {
  const config = loadPlatformConfig(env);
  if (!config.adminToken) throw new ConfigError('TPS_ADMIN_TOKEN', 'is required for directory administration');
  const caFile = env.TPS_DIRECTORY_CA_FILE;
  return {
    url: config.directoryUrl ?? `http://127.0.0.1:${config.ports.directory}`,
    adminToken: config.adminToken,
    ...(caFile ? { caPem: readFileSync(caFile, 'utf8') } : {}),
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  };
}

export function registerDirectoryCommands(program: Command): void {
  const dir = program.command('directory').description('administer the component directory (TPS_DIRECTORY_URL, TPS_ADMIN_TOKEN)');
  const action = (name: DirectoryAction) => async (code?: string) => {
    process.exitCode = await runDirectoryCommand(name, code, directoryDepsFromEnv());
  };
  dir.command('list').description('list registered components and their status').action(action('list'));
  dir.command('approve <code>').description('approve a pending component; the CA issues its certificates').action(action('approve'));
  dir.command('renew <code>').description("issue new certificates for a component's keys (old ones stay valid until expiry)").action(action('renew'));
  dir.command('revoke <code>').description('revoke a component and all its certificates').action(action('revoke'));
  dir
    .command('server-cert')
    .description('have the directory CA certify a new local key as TLS server certificate (RabbitMQ, tps serve on another host)')
    .requiredOption('--hosts <names>', 'comma-separated DNS names and IP addresses the certificate carries (1-20)')
    .option('--days <n>', 'validity in days, 1-825 (default 365)')
    .option('--client-auth', 'also allow the certificate as TLS client certificate (RabbitMQ cluster peers, shovels)')
    .requiredOption('--out <dir>', 'directory for key.pem (0600), cert.pem and ca.pem; existing files are not overwritten')
    .action(async (opts: ServerCertOptions) => {
      process.exitCode = await runServerCertCommand(opts, directoryDepsFromEnv());
    });
}
