// `tps audit list [--since ISO] [--party EIC] [--decision D] [--limit N] [--json]`: the TPS
// core's audit trail (every accept/reject with reason, fan-out, split) over its admin REST API
// (TPS_CORE_URL or http://127.0.0.1:TPS_CORE_PORT, TPS_ADMIN_TOKEN). The logic is in
// runAuditCommand so tests drive it in-process against a real core.
import type { Command } from 'commander';
import { ConfigError, loadPlatformConfig } from '../../packages/config/src/index.js';

export interface AuditListOptions {
  since?: string;
  party?: string;
  decision?: string;
  limit?: string;
  json?: boolean;
}

export interface AuditCommandDeps {
  url: string;
  adminToken: string;
  out: (line: string) => void;
  err: (line: string) => void;
}

interface AuditEntryJson {
  id: number;
  at: string;
  decision: string;
  businessType: string;
  party: string;
  messageId: string | null;
  documentMrid: string | null;
  revision: number | null;
  reasonCode: string | null;
  reasonText: string | null;
  outgoing: Array<{ receiver: string; businessType: string; messageId: string }>;
}

/** Lists audit entries; returns the exit code (0 ok, 1 refused or unreachable). */
export async function runAuditCommand(options: AuditListOptions, deps: AuditCommandDeps): Promise<number> {
  const query = new URLSearchParams();
  if (options.since) query.set('since', options.since);
  if (options.party) query.set('party', options.party);
  if (options.decision) query.set('decision', options.decision);
  if (options.limit) query.set('limit', options.limit);
  const url = `${deps.url.replace(/\/$/, '')}/admin/audit${query.size ? `?${query}` : ''}`;
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: `Bearer ${deps.adminToken}`, accept: 'application/json' } });
  } catch (e) {
    deps.err(`tps audit list: cannot reach the TPS core at ${deps.url}: ${(e as Error).message}`);
    return 1;
  }
  const body = (await response.json().catch(() => ({}))) as { entries?: AuditEntryJson[]; detail?: string };
  if (!response.ok || !body.entries) {
    deps.err(`tps audit list: ${body.detail ?? `HTTP ${response.status}`}`);
    return 1;
  }
  if (options.json) {
    deps.out(JSON.stringify(body.entries, null, 2));
    return 0;
  }
  if (body.entries.length === 0) deps.out('no audit entries');
  for (const e of body.entries) deps.out(formatAuditEntry(e));
  return 0;
}

export function formatAuditEntry(e: AuditEntryJson): string {
  const doc = e.documentMrid ? `${e.documentMrid}${e.revision !== null ? `#${e.revision}` : ''}` : '-';
  const reason = e.reasonCode ? `${e.reasonCode} ${e.reasonText ?? ''}`.trim() : '';
  const out = e.outgoing.length ? `→ ${e.outgoing.map((o) => `${o.businessType}:${o.receiver}`).join(',')}` : '';
  return [e.at, e.decision.padEnd(16), e.businessType.padEnd(29), e.party, doc, e.messageId ?? '-', reason, out].filter(Boolean).join('  ');
}

export function auditDepsFromEnv(env: Record<string, string | undefined> = process.env): AuditCommandDeps {
  const config = loadPlatformConfig(env);
  if (!config.adminToken) throw new ConfigError('TPS_ADMIN_TOKEN', 'is required to read the audit trail');
  return {
    url: env.TPS_CORE_URL ?? `http://127.0.0.1:${config.ports.core}`,
    adminToken: config.adminToken,
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  };
}

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description("read the TPS core's audit trail (TPS_CORE_URL, TPS_ADMIN_TOKEN)");
  audit
    .command('list')
    .description('list decisions of the TPS core, oldest first')
    .option('--since <iso>', 'only entries at or after this UTC time, e.g. 2026-03-01T00:00:00Z')
    .option('--party <eic>', 'only documents sent by this party')
    .option('--decision <decision>', 'accepted | rejected | already-received | answered | recorded')
    .option('--limit <n>', 'at most this many entries (1..1000, default 100)')
    .option('--json', 'print the entries as JSON')
    .action(async (options: AuditListOptions) => {
      process.exitCode = await runAuditCommand(options, auditDepsFromEnv());
    });
}
