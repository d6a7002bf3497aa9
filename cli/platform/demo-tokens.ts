// The embedded default hands out one API token per demo party on first start, so a newcomer can
// call the REST facades at once. Secrets are stored hashed in the facades; the plain tokens are
// kept only in <data>/demo-tokens.json (mode 0600) so later starts can print them again.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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
