// `tps token issue|list|revoke`: API tokens of a REST facade, each bound to one party (NF3).
// Writes straight into the facade's own store (SQLite file or PostgreSQL schema).
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { loadPlatformConfig } from '../../packages/config/src/index.js';
import { migrate } from '../../packages/storage/src/index.js';
import { openComponentDatabase } from '../../packages/runtime/src/index.js';
import { restMigrations, TokenRepository, type TokenRole } from '../../packages/rest/src/index.js';

const FACADES = { agr: 'AGR', dso: 'DSO' } as const satisfies Record<string, TokenRole>;
type Facade = keyof typeof FACADES;

function facade(value: string): Facade {
  if (!(value in FACADES)) throw new InvalidArgumentError('expected agr or dso');
  return value as Facade;
}

async function withTokens<T>(component: Facade, fn: (tokens: TokenRepository) => Promise<T>): Promise<T> {
  const config = loadPlatformConfig();
  const db = await openComponentDatabase(config, component);
  try {
    await migrate(db, 'rest', restMigrations);
    return await fn(new TokenRepository(db));
  } finally {
    await db.destroy();
  }
}

export function registerTokenCommands(program: Command): void {
  const token = program.command('token').description('API tokens of the AGR/BRP and DSO REST facades');
  token
    .command('issue')
    .description('issue a token for one party; the secret is printed once')
    .requiredOption('--component <agr|dso>', 'the facade the token is for', facade)
    .requiredOption('--party <EIC>', 'the market party the token speaks for')
    .option('--label <text>', 'a note for administrators', '')
    .action(async (opts: { component: Facade; party: string; label: string }) => {
      if (!/^[0-9A-Z-]{16}$/.test(opts.party)) throw new InvalidArgumentError('--party must be a 16-character EIC code');
      const issued = await withTokens(opts.component, (t) => t.issue(opts.party, FACADES[opts.component], opts.label));
      process.stderr.write(`token ${issued.tokenId} issued for ${issued.party} on the ${opts.component} facade (shown once):\n`);
      process.stdout.write(`${issued.token}\n`);
    });
  token
    .command('list')
    .requiredOption('--component <agr|dso>', 'the facade', facade)
    .action(async (opts: { component: Facade }) => {
      const rows = await withTokens(opts.component, (t) => t.list());
      for (const r of rows) process.stdout.write(`${r.id}\t${r.party}\t${r.role}\t${r.revokedAt ? 'revoked ' + r.revokedAt : 'active'}\t${r.label}\n`);
    });
  token
    .command('revoke')
    .requiredOption('--component <agr|dso>', 'the facade', facade)
    .argument('<id>', 'token id from `tps token list`')
    .action(async (id: string, opts: { component: Facade }) => {
      const ok = await withTokens(opts.component, (t) => t.revoke(Number(id)));
      if (!ok) {
        process.stderr.write(`tps: no active token ${id}\n`);
        process.exitCode = 1;
      }
    });
}
