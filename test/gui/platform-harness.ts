// Starts the whole platform in this process (in-process transport, SQLite in a temp folder, any
// free ports) with an administrator token, and issues one REST token per demo party — what a
// demo operator gets from `tps start`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPlatformConfig, DEMO_PARTIES } from '../../packages/config/src/index.js';
import { TokenRepository } from '../../packages/rest/src/index.js';
import { startPlatform, type RunningPlatform } from '../../cli/platform/platform.js';

export const ADMIN_TOKEN = 'gui-test-admin-token-0123456789';

export interface GuiPlatform {
  platform: RunningPlatform;
  coreUrl: string;
  agrUrl: string;
  dsoUrl: string;
  tokens: Map<string, string>;
  close(): Promise<void>;
}

export async function startGuiPlatform(): Promise<GuiPlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tps-gui-'));
  const config = loadPlatformConfig({
    TPS_DATA_DIR: dataDir,
    TPS_ADMIN_TOKEN: ADMIN_TOKEN,
    TPS_DIRECTORY_AUTO_APPROVE: 'true',
    TPS_DIRECTORY_SYNC_SECONDS: '5',
    LOG_LEVEL: 'silent',
  });
  const platform = await startPlatform(config, ['directory', 'core', 'agr', 'dso'], { ports: { directory: 0, core: 0, agr: 0, dso: 0 } });
  const component = (name: string) => {
    const c = platform.components.find((x) => x.name === name);
    if (!c) throw new Error(`platform started without ${name}`);
    return c;
  };
  const tokens = new Map<string, string>();
  for (const party of DEMO_PARTIES.agr) tokens.set(party, (await new TokenRepository(component('agr').db).issue(party, 'AGR', 'gui test')).token);
  for (const party of DEMO_PARTIES.dso) tokens.set(party, (await new TokenRepository(component('dso').db).issue(party, 'DSO', 'gui test')).token);
  return {
    platform,
    coreUrl: component('core').url,
    agrUrl: component('agr').url,
    dsoUrl: component('dso').url,
    tokens,
    async close() {
      await platform.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
