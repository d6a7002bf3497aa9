import { expect } from 'chai';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { openDatabase } from '../../packages/storage/src/index.js';
import { DirectoryClientErrorCode, DirectorySync, enrolComponent, type DirectoryClientError } from '../../packages/directory-client/src/index.js';
import type { RunningDirectory } from '../src/index.js';
import { codes, registrationFor, startTestDirectory, tempDir, waitFor } from './fixtures.js';

describe('directory client: the endpoint-side cache keeps routing while the directory is down (F1)', () => {
  let db: Knex;
  let dir: RunningDirectory;
  const syncs: DirectorySync[] = [];
  after(async () => {
    for (const s of syncs) s.stop();
    await dir.close();
    await db.destroy();
  });

  it('F1: routes, verifies and restarts from the cache until the TTL, then reports stale and fails closed', async () => {
    db = await openDatabase({ sqliteFile: ':memory:' });
    dir = await startTestDirectory(db, { autoApprove: true });
    const agrKeystore = tempDir();
    const agrRegistration = registrationFor(codes.agrComponent, codes.agrParty, 'AGR');
    const agr = await enrolComponent({ directory: { baseUrl: dir.url }, keystoreDir: agrKeystore, registration: agrRegistration });
    const dsoKeystore = tempDir();
    const dso = await enrolComponent({ directory: { baseUrl: dir.url }, keystoreDir: dsoKeystore, registration: registrationFor(codes.dsoComponent, codes.dsoParty, 'DSO') });
    const cacheFile = join(tempDir(), 'directory-cache.json');
    const ttlMs = 1_500;
    const make = (whenStale: 'refuse' | 'serve' = 'refuse') => {
      const s = new DirectorySync({ directory: { baseUrl: dir.url }, componentToken: dso.componentToken, caCertificate: dso.caCertificate, cacheFile, intervalMs: 100, ttlMs, whenStale });
      syncs.push(s);
      return s;
    };
    const sync = make();
    await sync.start();
    expect(sync.componentForParty(codes.agrParty)?.code).to.equal(codes.agrComponent);

    await dir.close();
    const failures = sync.stats.failures;
    await waitFor(() => sync.stats.failures > failures, 3_000, 'a failed sync');
    // The directory is down, but the endpoint keeps routing and verifying from memory.
    expect(sync.componentForParty(codes.agrParty)?.code).to.equal(codes.agrComponent);
    expect(sync.signingCertificate(codes.agrComponent, agr.identity.serial)).to.not.equal(undefined);
    expect((await sync.healthCheck()()).ok).to.equal(true);

    // An endpoint restarted while the directory is down starts from the cache file…
    const restarted = make();
    await restarted.start();
    expect(restarted.componentForParty(codes.agrParty)?.code).to.equal(codes.agrComponent);
    expect(restarted.version).to.equal(sync.version);
    // …and its component identity comes from the keystore, without the directory.
    const agrAgain = await enrolComponent({ directory: { baseUrl: dir.url }, keystoreDir: agrKeystore, registration: agrRegistration });
    expect(agrAgain.identity.serial).to.equal(agr.identity.serial);

    // Past the TTL since the last contact: stale in /health, and (default) nothing is trusted any more.
    const serving = make('serve');
    await serving.start();
    await waitFor(() => sync.isStale(), ttlMs + 2_000, 'the TTL');
    const health = await sync.healthCheck()();
    expect(health.ok).to.equal(false);
    expect(health.detail).to.contain('stale');
    expect(sync.componentForParty(codes.agrParty)).to.equal(undefined);
    expect(sync.signingCertificate(codes.agrComponent, agr.identity.serial)).to.equal(undefined);
    expect(serving.componentForParty(codes.agrParty)?.code, 'whenStale: serve').to.equal(codes.agrComponent);
    expect((await serving.healthCheck()()).ok).to.equal(false);
  });

  it('F1: without a cache an endpoint cannot start while the directory is unreachable', async () => {
    const dso = { componentToken: `${codes.dsoComponent}.x` };
    const s = new DirectorySync({
      directory: { baseUrl: dir.url, timeoutMs: 2_000 },
      componentToken: dso.componentToken,
      caCertificate: dir.caCertificate,
      cacheFile: join(tempDir(), 'none.json'),
      intervalMs: 100,
      ttlMs: 1_000,
    });
    const err = (await s.start().catch((e: unknown) => e)) as DirectoryClientError;
    expect(err.code).to.equal(DirectoryClientErrorCode.Unreachable);
    expect((await s.healthCheck()()).ok).to.equal(false);
  });
});
