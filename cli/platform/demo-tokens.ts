// The embedded default hands out one API token per demo party on first start, so a newcomer can
// call the REST facades at once. Secrets are stored hashed in the facades; the plain tokens are
// kept only in <data>/demo-tokens.json (mode 0600) so later starts can print them again.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { PlatformConfig } from '../../packages/config/src/index.js';
import { TokenRepository } from '../../packages/rest/src/index.js';
import type { StartedComponent } from './platform.js';

export interface DemoToken {
  component: 'agr' | 'dso';
  party: string;
  token: string;
}

export async function ensureDemoTokens(config: PlatformConfig, components: StartedComponent[]): Promise<DemoToken[]> {
  const file = join(config.dataDir, 'demo-tokens.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DemoToken[];
  const tokens: DemoToken[] = [];
  for (const name of ['agr', 'dso'] as const) {
    const component = components.find((c) => c.name === name);
    if (!component) continue;
    const repo = new TokenRepository(component.db);
    for (const party of config.identities[name].parties) {
      const issued = await repo.issue(party, name === 'agr' ? 'AGR' : 'DSO', 'demo (tps start)');
      tokens.push({ component: name, party, token: issued.token });
    }
  }
  writeFileSync(file, JSON.stringify(tokens, null, 2), { mode: 0o600 });
  return tokens;
}

/**
 * The operator (admin) token of the embedded default when TPS_ADMIN_TOKEN is unset: made once,
 * kept in <data>/admin-token (mode 0600), so the GUI and `tps directory`/`tps audit` work at once.
 */
export function ensureEmbeddedAdminToken(config: PlatformConfig): string {
  if (config.adminToken) return config.adminToken;
  const file = join(config.dataDir, 'admin-token');
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, `tps_admin_${randomBytes(24).toString('base64url')}\n`, { mode: 0o600 });
  }
  config.adminToken = readFileSync(file, 'utf8').trim();
  return config.adminToken;
}
