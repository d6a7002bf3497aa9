// Debian's Chromium driven by playwright-core — never a downloaded browser. Headless, fresh
// profile, background networking off (or it keeps trying to reach the internet). A missing
// Chromium fails the suite with the command that installs it; nothing is skipped.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.TPS_CHROMIUM ?? '/usr/bin/chromium';

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(options: { timezoneId: string; viewport: { width: number; height: number } }): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: the GUI tests (F3) need it. Install it with "apt-get install -y chromium" (as root) or set TPS_CHROMIUM to its path.`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'tps-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
    timezoneId: options.timezoneId,
    locale: 'en-GB',
    viewport: options.viewport,
    deviceScaleFactor: 1,
    colorScheme: 'dark',
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
