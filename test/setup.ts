// Mocha root hooks: tears down every private server the harness started, even when tests fail.
import { stopAllServers } from '../packages/testing/src/servers.js';

export const mochaHooks = {};

export async function mochaGlobalTeardown(): Promise<void> {
  await stopAllServers();
}
