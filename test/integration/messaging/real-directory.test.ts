// The messaging layer over the real directory and directory client (F1): revoked vs unknown
// signer (certificateStatus from the synced content) and the receiver's refresh of its directory
// view when it meets an unknown signer or a closed message path (ECP behaviour).
import { expect } from 'chai';
import type { Knex } from 'knex';
import { openDatabase } from '../../../packages/storage/src/index.js';
import type { DirectorySync, EnrolledComponent } from '../../../packages/directory-client/src/index.js';
import type { DirectoryView } from '../../../packages/trust/src/index.js';
import { FailedReason, MemoryBroker, MemoryTransport, MessagingEndpoint } from '../../../packages/mades/src/index.js';
import { createEffects, effectCounts, recordEffect } from '../../../packages/mades/test/fixtures/effects.js';
import { startRealDirectory, type RealDirectory } from './real-directory-fixture.js';
import { waitFor } from '../../../packages/mades/test/fixtures/wait.js';

describe('mades over the real directory: revoked vs unknown signer, refresh on unknown (F1)', function () {
  this.timeout(30_000);
  let dir: RealDirectory;
  let broker: MemoryBroker;
  const cleanup: (() => Promise<unknown>)[] = [];

  beforeEach(async () => {
    dir = await startRealDirectory();
    broker = new MemoryBroker();
  });
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c().catch(() => undefined);
    await dir.close();
  });

  async function endpointFor(enrolled: EnrolledComponent, directory: DirectoryView): Promise<{ ep: MessagingEndpoint; db: Knex }> {
    const db = await openDatabase({ sqliteFile: ':memory:' });
    await createEffects(db);
    const transport = new MemoryTransport(broker);
    const ep = new MessagingEndpoint({ identity: enrolled.identity, directory, transport, db, pollIntervalMs: 50 });
    ep.onMessage(recordEffect);
    cleanup.push(async () => {
      await ep.stop();
      await transport.close();
      await db.destroy();
    });
    return { ep, db };
  }

  const doc = (receiverCode: string, senderParty: string, businessType = 'A01') => ({ receiverCode, businessType, senderParty, payload: Buffer.from('<doc/>') });
  const settled = async (ep: MessagingEndpoint, id: string) =>
    waitFor(`final status of ${id}`, async () => {
      const s = await ep.status(id);
      return s && (s.status === 'RECEIVED' || s.status === 'FAILED') ? s : undefined;
    });

  describe('revoked vs unknown signer', () => {
    it('F1: a message signed by a component revoked after signing ends FAILED SIGNER_REVOKED; its serial is published as revoked', async () => {
      const a = await dir.enrol('TPS', [{ sender: '*', businessType: '*' }]);
      const b = await dir.enrol('AGR');
      const syncA = dir.syncFor(a.enrolled);
      const syncB = dir.syncFor(b.enrolled);
      await syncA.start();
      await syncB.start();
      const A = await endpointFor(a.enrolled, syncA);
      const B = await endpointFor(b.enrolled, syncB);
      await B.ep.start(); // A is not consuming yet: the message waits in A's durable inbox queue
      const id = await B.ep.send(doc(a.enrolled.code, b.party));
      await waitFor('DELIVERED', async () => (await B.ep.status(id))?.status === 'DELIVERED');

      await dir.admin.revoke(b.enrolled.code);
      expect(await syncA.syncNow()).to.equal('updated');
      // The directory publishes the revoked serial; the view says why the certificate is unusable.
      const serial = b.enrolled.identity.serial;
      expect(syncA.certificateStatus(b.enrolled.code, serial, new Date())).to.equal('revoked');
      expect(syncA.signingCertificate(b.enrolled.code, serial)).to.equal(undefined);

      await A.ep.start();
      const s = await settled(B.ep, id);
      expect([s.status, s.reason]).to.deep.equal(['FAILED', FailedReason.SIGNER_REVOKED]);
      expect((await effectCounts(A.db)).total).to.equal(0);
    });

    it('F1: certificateStatus over the synced content: valid, unknown serial, unknown component, revoked', async () => {
      const a = await dir.enrol('AGR');
      const b = await dir.enrol('DSO');
      const sync = dir.syncFor(a.enrolled);
      await sync.start();
      const { code, serial } = b.enrolled.identity;
      const now = new Date();
      expect(sync.certificateStatus(code, serial, now)).to.equal('valid');
      expect(sync.certificateStatus(code, serial.toLowerCase(), now), 'serials compare case-insensitively').to.equal('valid');
      expect(sync.certificateStatus(code, 'ABCDEF0123', now)).to.equal('unknown');
      expect(sync.certificateStatus('10V-NOT-THERE-1', serial, now)).to.equal('unknown');
      expect(sync.certificateStatus(code, serial, new Date(Date.parse(b.enrolled.identity.signingCertificate.validTo) + 1_000))).to.equal('expired');
      expect(sync.certificateStatus(code, serial, new Date(Date.parse(b.enrolled.identity.signingCertificate.validFrom) - 1_000))).to.equal('not-yet-valid');
      await dir.admin.revoke(code);
      await sync.syncNow();
      expect(sync.certificateStatus(code, serial, now)).to.equal('revoked');
      expect(sync.certificateStatus(code, 'ABCDEF0123', now), 'any serial of a revoked component').to.equal('revoked');
    });
  });

  describe('refresh on an unknown signer or a closed path', () => {
    it('F1: component B registers after A synced; B\'s first message to A is RECEIVED after one refresh, not FAILED', async () => {
      const a = await dir.enrol('TPS', [{ sender: '*', businessType: '*' }]);
      const syncA = dir.syncFor(a.enrolled);
      await syncA.start(); // before B exists
      const b = await dir.enrol('AGR');
      const syncB = dir.syncFor(b.enrolled);
      await syncB.start();
      expect(syncA.component(b.enrolled.code), 'A does not know B yet').to.equal(undefined);
      const A = await endpointFor(a.enrolled, syncA);
      const B = await endpointFor(b.enrolled, syncB);
      await A.ep.start();
      await B.ep.start();

      const id = await B.ep.send(doc(a.enrolled.code, b.party));
      const s = await settled(B.ep, id);
      expect([s.status, s.reason ?? null]).to.deep.equal(['RECEIVED', null]);
      expect((await effectCounts(A.db)).total).to.equal(1);
      expect(syncA.stats.refreshes).to.equal(1);
    });

    it('F1: control — the same situation without refresh() on the view is refused (unknown signer, dead-lettered to the sender)', async () => {
      const a = await dir.enrol('TPS', [{ sender: '*', businessType: '*' }]);
      const syncA = dir.syncFor(a.enrolled);
      await syncA.start();
      const b = await dir.enrol('AGR');
      const syncB = dir.syncFor(b.enrolled);
      await syncB.start();
      // A view of the same sync that cannot refresh (an older DirectoryView implementation).
      const noRefresh: DirectoryView = new Proxy(syncA, { get: (t, p) => (p === 'refresh' ? undefined : Reflect.get(t, p, t)) }) as DirectorySync;
      const A = await endpointFor(a.enrolled, noRefresh);
      const B = await endpointFor(b.enrolled, syncB);
      await A.ep.start();
      await B.ep.start();
      const id = await B.ep.send(doc(a.enrolled.code, b.party));
      // A does not know B, so nobody can be told: the message is dead-lettered back to B (DEAD_LETTERED).
      const s = await settled(B.ep, id);
      expect([s.status, s.reason]).to.deep.equal(['FAILED', FailedReason.DEAD_LETTERED]);
      expect((await effectCounts(A.db)).total).to.equal(0);
      expect(syncA.stats.refreshes).to.equal(0);
    });

    it('F1: a path opened after the receiver synced → RECEIVED after a refresh; a path never opened → FAILED PATH_NOT_ALLOWED after exactly one refresh per interval (no loop)', async () => {
      const a = await dir.enrol('TPS', [{ sender: '*', businessType: 'X-ONLY' }]);
      const b = await dir.enrol('AGR');
      const syncA = dir.syncFor(a.enrolled, { minRefreshIntervalMs: 1_000 });
      const syncB = dir.syncFor(b.enrolled);
      await syncA.start();
      await syncB.start();
      await a.enrolled.setMessagePaths([{ sender: '*', businessType: 'A*' }]); // after A synced
      const A = await endpointFor(a.enrolled, syncA);
      const B = await endpointFor(b.enrolled, syncB);
      await A.ep.start();
      await B.ep.start();

      const opened = await B.ep.send(doc(a.enrolled.code, b.party, 'A01'));
      expect((await settled(B.ep, opened)).status).to.equal('RECEIVED');
      expect(syncA.stats.refreshes).to.equal(1);

      const started = Date.now();
      const closed = await Promise.all(Array.from({ length: 20 }, () => B.ep.send(doc(a.enrolled.code, b.party, 'Z99'))));
      for (const id of closed) {
        const s = await settled(B.ep, id);
        expect([s.status, s.reason]).to.deep.equal(['FAILED', FailedReason.PATH_NOT_ALLOWED]);
      }
      // 20 refusals cost at most two refreshes, rate-limited: the second waited out the interval.
      expect(syncA.stats.refreshes).to.be.within(2, 3);
      expect(Date.now() - started).to.be.greaterThan(500);
      expect((await effectCounts(A.db)).total).to.equal(1);
    });

    it('F1: DirectorySync.refresh coalesces concurrent calls into one download and rate-limits the next', async () => {
      const a = await dir.enrol('AGR');
      const sync = dir.syncFor(a.enrolled, { minRefreshIntervalMs: 800 });
      await sync.start();
      const before = sync.stats.downloads + sync.stats.notModified;
      await Promise.all(Array.from({ length: 10 }, () => sync.refresh()));
      expect(sync.stats.refreshes).to.equal(1);
      expect(sync.stats.downloads + sync.stats.notModified).to.equal(before + 1);
      const t0 = Date.now();
      await sync.refresh();
      expect(Date.now() - t0, 'waited for the interval').to.be.greaterThan(600);
      expect(sync.stats.refreshes).to.equal(2);
    });
  });
});
