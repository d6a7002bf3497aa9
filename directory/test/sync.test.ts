import { expect } from 'chai';
import { sign, verify } from 'node:crypto';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { describeEachDatabase } from '../../packages/testing/src/index.js';
import { DirectoryAdminClient, DirectorySync, enrolComponent, type EnrolledComponent } from '../../packages/directory-client/src/index.js';
import { runDirectoryCommand } from '../../cli/commands/directory.js';
import { buildDirectoryContent, type RunningDirectory } from '../src/index.js';
import { ADMIN_TOKEN, codes, registrationFor, startTestDirectory, tempDir, waitFor } from './fixtures.js';

describeEachDatabase('directory: sync, paths, renewal and revocation as endpoints see them (F1)', (dut) => {
  let db: Knex;
  let dir: RunningDirectory;
  let agr: EnrolledComponent;
  let core: EnrolledComponent;
  let sync: DirectorySync;
  const data = Buffer.from('<GL_MarketDocument/>');

  beforeEach(async () => {
    db = await dut.open();
    dir = await startTestDirectory(db, { autoApprove: true });
    agr = await enrolComponent({ directory: { baseUrl: dir.url }, keystoreDir: tempDir(), registration: registrationFor(codes.agrComponent, codes.agrParty, 'AGR') });
    core = await enrolComponent({ directory: { baseUrl: dir.url }, keystoreDir: tempDir(), registration: registrationFor(codes.coreComponent, codes.tpsParty, 'TPS') });
    sync = new DirectorySync({
      directory: { baseUrl: dir.url },
      componentToken: core.componentToken,
      caCertificate: core.caCertificate,
      cacheFile: join(tempDir(), 'directory.json'),
      intervalMs: 100,
      ttlMs: 60_000,
    });
  });
  afterEach(async () => {
    sync.stop();
    await dir.close();
    await db.destroy();
  });

  it('F1: revocation takes effect at an endpoint after one sync: signatures, routing and paths refused', async () => {
    await agr.setMessagePaths([{ sender: '*', businessType: '*' }]);
    await sync.start();
    const { serial } = agr.identity;
    const signature = sign('sha256', data, agr.identity.signingKey);
    const cert = sync.signingCertificate(codes.agrComponent, serial);
    expect(cert, 'accepted before revocation').to.not.equal(undefined);
    expect(verify('sha256', data, cert!.publicKey, signature)).to.equal(true);
    expect(sync.componentForParty(codes.agrParty)?.code).to.equal(codes.agrComponent);
    expect(sync.isPathAllowed(codes.agrComponent, codes.coreComponent, 'A01')).to.equal(true);

    const lines: string[] = [];
    const exit = await runDirectoryCommand('revoke', codes.agrComponent, { url: dir.url, adminToken: ADMIN_TOKEN, out: (l) => lines.push(l), err: (l) => lines.push(l) });
    expect(exit).to.equal(0);
    const downloads = sync.stats.downloads;
    await waitFor(() => sync.stats.downloads > downloads, 5_000, 'the next sync');

    expect(sync.signingCertificate(codes.agrComponent, serial)).to.equal(undefined);
    expect(sync.signingCertificates(codes.agrComponent)).to.deep.equal([]);
    expect(sync.component(codes.agrComponent)?.status).to.equal('revoked');
    expect(sync.componentForParty(codes.agrParty)).to.equal(undefined);
    expect(sync.isPathAllowed(codes.agrComponent, codes.coreComponent, 'A01')).to.equal(false);
  });

  it('F1: an unchanged directory answers 304 to If-None-Match and the view keeps its version', async () => {
    await sync.start();
    const version = sync.version;
    expect(await sync.syncNow()).to.equal('not-modified');
    expect(sync.version).to.equal(version);
    await agr.setMessagePaths([{ sender: codes.coreComponent, businessType: 'A01' }]);
    expect(await sync.syncNow()).to.equal('updated');
    expect(sync.version).to.not.equal(version);
  });

  it('F1: receiver-defined message paths: sender list or *, business type exact or prefix*, validity window; no path, no message', async () => {
    const now = Date.now();
    await agr.setMessagePaths([
      { sender: codes.coreComponent, businessType: 'A01' },
      { sender: '*', businessType: 'Z9*' },
      { sender: codes.coreComponent, businessType: 'B03', validFrom: new Date(now + 3_600_000).toISOString(), validUntil: new Date(now + 7_200_000).toISOString() },
    ]);
    await sync.start();
    const allowed = (sender: string, bt: string, at?: Date) => sync.isPathAllowed(codes.agrComponent, sender, bt, at);
    expect(allowed(codes.coreComponent, 'A01')).to.equal(true);
    expect(allowed(codes.otherComponent, 'A01')).to.equal(false);
    expect(allowed(codes.coreComponent, 'A011')).to.equal(false);
    expect(allowed(codes.otherComponent, 'Z9X')).to.equal(true);
    expect(allowed(codes.coreComponent, 'B03')).to.equal(false);
    expect(allowed(codes.coreComponent, 'B03', new Date(now + 5_400_000))).to.equal(true);
    expect(allowed(codes.coreComponent, 'B03', new Date(now + 7_200_000))).to.equal(false);
    // The core never declared paths: nothing may be sent to it.
    expect(sync.isPathAllowed(codes.coreComponent, codes.agrComponent, 'A01')).to.equal(false);
  });

  it('F1: renewal overlap — old and new signing certificates are both published until the old one expires', async () => {
    const old = agr.identity;
    const admin = new DirectoryAdminClient({ baseUrl: dir.url }, ADMIN_TOKEN);
    await new Promise((r) => setTimeout(r, 1_100)); // X.509 times have 1 s resolution: make the new certificate outlive the old one
    const renewed = await agr.renew();
    expect(renewed.serial).to.not.equal(old.serial);
    expect(renewed.signingKey.export({ format: 'jwk' }).d).to.not.equal(old.signingKey.export({ format: 'jwk' }).d);
    await sync.start();
    // Both verify now: messages signed before the renewal and still in flight are accepted.
    for (const id of [old, renewed]) {
      const cert = sync.signingCertificate(codes.agrComponent, id.serial);
      expect(cert, id.serial).to.not.equal(undefined);
      expect(verify('sha256', data, cert!.publicKey, sign('sha256', data, id.signingKey))).to.equal(true);
    }
    expect(sync.signingCertificates(codes.agrComponent)).to.have.length(2);
    // Just after the old one expires only the new one is valid, in the endpoint's view…
    const afterOld = new Date(Date.parse(old.signingCertificate.validTo) + 500);
    expect(sync.signingCertificate(codes.agrComponent, old.serial, afterOld)).to.equal(undefined);
    expect(sync.signingCertificate(codes.agrComponent, renewed.serial, afterOld)).to.not.equal(undefined);
    // …and the directory stops publishing it.
    const later = await buildDirectoryContent(dir.directory.service, afterOld);
    const published = later.certificates.filter((c) => c.componentCode === codes.agrComponent && c.usage === 'signing').map((c) => c.serial);
    expect(published).to.deep.equal([renewed.serial]);

    // An administrator's renewal re-certifies the current key; the component picks the new certificate up.
    await admin.renew(codes.agrComponent);
    const refreshed = await agr.refresh();
    expect(refreshed.serial).to.not.equal(renewed.serial);
    expect(refreshed.signingKey.export({ format: 'jwk' }).d).to.equal(renewed.signingKey.export({ format: 'jwk' }).d);
  });
});
