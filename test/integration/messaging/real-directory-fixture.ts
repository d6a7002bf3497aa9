// The real component directory for messaging tests (F1): the directory service on 127.0.0.1:0
// over an in-memory SQLite database, components enrolled through the directory client (local
// keys, CSRs, issued certificates) and each component's own DirectorySync — not TestDirectory.
// Test-only dependency on the directory component; the messaging layer itself never imports it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { createLogger } from '../../../packages/http/src/index.js';
import { openDatabase } from '../../../packages/storage/src/index.js';
import { DirectoryAdminClient, DirectorySync, enrolComponent, eicCheckCharacter, eicWithCheck, type EnrolledComponent, type PathRule } from '../../../packages/directory-client/src/index.js';
import type { PartyRole } from '../../../packages/trust/src/index.js';
import { defaultDirectoryConfig, startDirectory, type RunningDirectory } from '../../../directory/src/index.js';

const ADMIN_TOKEN = 'mades-test-admin-token';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A fresh EIC with a valid check character: `10V` + 12 random letters, or `10X` for a party. */
export function randomEic(prefix: '10V' | '10X'): string {
  for (;;) {
    let body = '';
    for (let i = 0; i < 12; i++) body += LETTERS[Math.floor(Math.random() * LETTERS.length)];
    const stem = `${prefix}${body}`;
    if (eicCheckCharacter(stem) !== undefined) return eicWithCheck(stem); // some stems have no valid check character
  }
}

export interface RealDirectory {
  url: string;
  admin: DirectoryAdminClient;
  /** Registers (auto-approved) and enrols a component with one party; optional receiver paths. */
  enrol(role: PartyRole, paths?: PathRule[]): Promise<{ enrolled: EnrolledComponent; party: string }>;
  /** The component's own synchronised view; not started (call start()). */
  syncFor(enrolled: EnrolledComponent, options?: { minRefreshIntervalMs?: number; intervalMs?: number }): DirectorySync;
  close(): Promise<void>;
}

export async function startRealDirectory(): Promise<RealDirectory> {
  const db: Knex = await openDatabase({ sqliteFile: ':memory:' });
  const dir: RunningDirectory = await startDirectory({
    db,
    config: defaultDirectoryConfig({ adminToken: ADMIN_TOKEN, autoApprove: true }),
    logger: createLogger('directory', 'silent'),
    port: 0,
  });
  const syncs: DirectorySync[] = [];
  const temp = () => mkdtempSync(join(tmpdir(), 'tps-mades-dir-'));
  return {
    url: dir.url,
    admin: new DirectoryAdminClient({ baseUrl: dir.url }, ADMIN_TOKEN),
    async enrol(role, paths) {
      const code = randomEic('10V');
      const party = randomEic('10X');
      const enrolled = await enrolComponent({
        directory: { baseUrl: dir.url },
        keystoreDir: temp(),
        registration: { code, type: role === 'TPS' ? 'TPS_CORE' : 'ENDPOINT', organisation: `Org ${code}`, contact: { email: 'ops@example.org' }, parties: [{ party, role }] },
      });
      if (paths) await enrolled.setMessagePaths(paths);
      return { enrolled, party };
    },
    syncFor(enrolled, options = {}) {
      const sync = new DirectorySync({
        directory: { baseUrl: dir.url },
        componentToken: enrolled.componentToken,
        caCertificate: enrolled.caCertificate,
        cacheFile: join(temp(), 'directory-cache.json'),
        // The regular sync is far away: only explicit syncs and refreshes change a view in these tests.
        intervalMs: options.intervalMs ?? 3_600_000,
        ttlMs: 24 * 3_600_000,
        ...(options.minRefreshIntervalMs === undefined ? {} : { minRefreshIntervalMs: options.minRefreshIntervalMs }),
      });
      syncs.push(sync);
      return sync;
    },
    async close() {
      syncs.forEach((s) => s.stop());
      await dir.close();
      await db.destroy();
    },
  };
}
