// Shared set-up for the directory tests: a real directory on 127.0.0.1:0 over a real database.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { createLogger } from '../../packages/http/src/index.js';
import { eicWithCheck, type RegistrationRequest } from '../../packages/directory-client/src/index.js';
import { defaultDirectoryConfig, startDirectory, type DirectoryConfig, type RunningDirectory } from '../src/index.js';
import { waitFor as sharedWaitFor } from '../../packages/testing/src/index.js';

export const ADMIN_TOKEN = 'test-admin-token-please-change';

/** Component and party codes with valid EIC check characters. */
export const codes = {
  agrComponent: eicWithCheck('10V000000000AGR'),
  dsoComponent: eicWithCheck('10V000000000DSO'),
  coreComponent: eicWithCheck('10V00000000CORE'),
  otherComponent: eicWithCheck('10V00000000OTHR'),
  agrParty: eicWithCheck('10X000000000AGR'),
  dsoParty: eicWithCheck('10X000000000DSO'),
  tpsParty: eicWithCheck('10X000000000TPS'),
  otherParty: eicWithCheck('10X000000000OTH'),
};

export function startTestDirectory(db: Knex, overrides: Partial<DirectoryConfig> = {}): Promise<RunningDirectory> {
  return startDirectory({
    db,
    config: defaultDirectoryConfig({ adminToken: ADMIN_TOKEN, ...overrides }),
    logger: createLogger('directory', 'silent'),
    port: 0,
  });
}

export function registrationFor(code: string, party: string, role: 'AGR' | 'DSO' | 'TPS'): Omit<RegistrationRequest, 'signingCsr' | 'authenticationCsr'> {
  return {
    code,
    type: role === 'TPS' ? 'TPS_CORE' : 'ENDPOINT',
    organisation: `Org of ${code}, Inc.`,
    contact: { name: 'Operator', email: 'ops@example.org' },
    parties: [{ party, role }],
  };
}

export function tempDir(prefix = 'tps-dir-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function rowCounts(db: Knex): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['dir_components', 'dir_parties', 'dir_certificates', 'dir_paths']) {
    const r = (await db(t).count({ n: '*' }).first()) as { n: unknown };
    out[t] = Number(r.n);
  }
  return out;
}

/** The shared polling wait (packages/testing) with this suite's argument order. */
export async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  await sharedWaitFor(what, check, timeoutMs);
}
