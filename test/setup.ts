// Mocha root hooks: counts outcomes for a plain closing line, and tears down every private
// server the harness started, even when tests fail.
import { stopAllServers } from '../packages/testing/src/servers.js';

let passed = 0;
let failed = 0;

export const mochaHooks = {
  afterEach(this: Mocha.Context): void {
    const state = this.currentTest?.state;
    if (state === 'passed') passed++;
    else if (state === 'failed') failed++;
  },
};

export async function mochaGlobalTeardown(): Promise<void> {
  await stopAllServers();
  // A closing line any CI reads, whatever the reporter.
  process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
}
