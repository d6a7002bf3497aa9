// Fault: the component directory down for longer than several sync intervals (F1). The real
// directory (SQLite, kept across the outage) and two enrolled components, each with its own
// DirectorySync polling every 200 ms, over the in-process transport. While the directory's HTTP
// server is stopped, messaging goes on from the cached view; once it is back on the same port
// with the same database, a revocation reaches the receiver with its next sync and the revoked
// sender's new messages are refused. Counts go to test/faults/results/directory-outage.json.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { createLogger } from '../../packages/http/src/index.js';
import { openDatabase } from '../../packages/storage/src/index.js';
import { DirectoryAdminClient, DirectorySync, enrolComponent, type EnrolledComponent } from '../../packages/directory-client/src/index.js';
import type { PartyRole } from '../../packages/trust/src/index.js';
import { FailedReason, MemoryBroker, MemoryTransport, MessagingEndpoint } from '../../packages/mades/src/index.js';
import { createEffects, effectCounts, recordEffect } from '../../packages/mades/test/fixtures/effects.js';
import { waitFor } from '../../packages/mades/test/fixtures/wait.js';
import { defaultDirectoryConfig, startDirectory, type RunningDirectory } from '../../directory/src/index.js';
import { randomEic } from '../integration/messaging/real-directory-fixture.js';
import { writeFaultSummary } from './results-file.js';

const ADMIN_TOKEN = 'faults-directory-admin-token';
const INTERVAL_MS = 200;
const OUTAGE_MS = 5 * INTERVAL_MS; // more than 3 sync intervals
const SEND_EVERY_MS = 50;

describe('faults: component directory unreachable for longer than a sync interval', function () {
  this.timeout(120_000);
  let db: Knex;
  let dir: RunningDirectory | undefined;
  let temp: string;
  const cleanup: (() => Promise<unknown> | unknown)[] = [];

  const config = defaultDirectoryConfig({ adminToken: ADMIN_TOKEN, autoApprove: true });
  const logger = createLogger('directory', 'silent');

  before(async () => {
    temp = mkdtempSync(join(tmpdir(), 'tps-fault-dir-'));
    db = await openDatabase({ sqliteFile: join(temp, 'directory.db') });
    dir = await startDirectory({ db, config, logger, port: 0 });
  });
  after(async () => {
    for (const c of cleanup.splice(0).reverse()) await Promise.resolve(c()).catch(() => undefined);
    await dir?.close();
    await db?.destroy();
    rmSync(temp, { recursive: true, force: true });
  });

  async function enrol(role: PartyRole, url: string, withPaths: boolean): Promise<{ enrolled: EnrolledComponent; party: string }> {
    const code = randomEic('10V');
    const party = randomEic('10X');
    const enrolled = await enrolComponent({
      directory: { baseUrl: url },
      keystoreDir: mkdtempSync(join(temp, 'ks-')),
      registration: { code, type: role === 'TPS' ? 'TPS_CORE' : 'ENDPOINT', organisation: `Org ${code}`, contact: { email: 'ops@example.org' }, parties: [{ party, role }] },
    });
    if (withPaths) await enrolled.setMessagePaths([{ sender: '*', businessType: '*' }]);
    return { enrolled, party };
  }

  function syncFor(enrolled: EnrolledComponent, url: string): DirectorySync {
    const sync = new DirectorySync({
      directory: { baseUrl: url },
      componentToken: enrolled.componentToken,
      caCertificate: enrolled.caCertificate,
      cacheFile: join(mkdtempSync(join(temp, 'cache-')), 'directory-cache.json'),
      intervalMs: INTERVAL_MS,
      ttlMs: 24 * 3_600_000, // the cache outlives the outage; the stale-view refusal is tested elsewhere
    });
    cleanup.push(() => sync.stop());
    return sync;
  }

  it(`F1: directory down for ${OUTAGE_MS} ms (> 3 sync intervals of ${INTERVAL_MS} ms): every message RECEIVED from the cache; back on the same port and database, a revocation takes effect after one sync`, async () => {
    const url = dir!.url;
    const port = Number(new URL(url).port);
    const admin = new DirectoryAdminClient({ baseUrl: url }, ADMIN_TOKEN);
    const receiver = await enrol('TPS', url, true);
    const sender = await enrol('AGR', url, false);
    const syncR = syncFor(receiver.enrolled, url);
    const syncS = syncFor(sender.enrolled, url);
    await syncR.start();
    await syncS.start();

    const broker = new MemoryBroker();
    const endpoint = async (enrolled: EnrolledComponent, directory: DirectorySync) => {
      const epDb = await openDatabase({ sqliteFile: ':memory:' });
      await createEffects(epDb);
      const transport = new MemoryTransport(broker);
      const ep = new MessagingEndpoint({ identity: enrolled.identity, directory, transport, db: epDb, pollIntervalMs: 50 });
      ep.onMessage(recordEffect);
      cleanup.push(async () => {
        await ep.stop();
        await transport.close();
        await epDb.destroy();
      });
      await ep.start();
      return { ep, db: epDb };
    };
    const R = await endpoint(receiver.enrolled, syncR);
    const S = await endpoint(sender.enrolled, syncS);
    const send = (n: number) => S.ep.send({ receiverCode: receiver.enrolled.code, businessType: 'A01', senderParty: sender.party, payload: Buffer.from(`<doc n="${n}"/>`), baMessageID: `d${n}` });
    const settled = (id: string) =>
      waitFor(`final status of ${id}`, async () => {
        const s = await S.ep.status(id);
        return s && (s.status === 'RECEIVED' || s.status === 'FAILED') ? s : undefined;
      }, 30_000);

    // A message before the outage, to see the path works at all.
    expect((await settled(await send(0))).status).to.equal('RECEIVED');

    // Outage: the directory's HTTP server is stopped; its database stays.
    await dir!.close();
    dir = undefined;
    const failuresBefore = { r: syncR.stats.failures, s: syncS.stats.failures };
    const outageStart = Date.now();
    const duringOutage: string[] = [];
    let n = 1;
    while (Date.now() - outageStart < OUTAGE_MS) {
      duringOutage.push(await send(n++));
      await new Promise((r) => setTimeout(r, SEND_EVERY_MS));
    }
    const outcomes = await Promise.all(duringOutage.map(settled));
    const failedSyncs = { receiver: syncR.stats.failures - failuresBefore.r, sender: syncS.stats.failures - failuresBefore.s };
    const outageMs = Date.now() - outageStart;
    const receivedDuringOutage = outcomes.filter((s) => s.status === 'RECEIVED').length;
    const effectsAfterOutage = await effectCounts(R.db);

    // Back on the same port with the same database; revoke the sender.
    dir = await startDirectory({ db, config, logger, port });
    await admin.revoke(sender.enrolled.code);
    const downloadsBefore = syncR.stats.downloads;
    await waitFor('the receiver synced the revocation', () => syncR.certificateStatus(sender.enrolled.code, sender.enrolled.identity.serial, new Date()) === 'revoked', 30_000, 20);
    const syncsToRevocation = syncR.stats.downloads - downloadsBefore;

    let afterRevocation: { status: string; reason?: string | undefined } | undefined;
    let refusedAtSend: string | undefined;
    try {
      const s = await settled(await send(n++));
      afterRevocation = { status: s.status, reason: s.reason };
    } catch (err) {
      refusedAtSend = String(err);
    }
    const effectsAtEnd = await effectCounts(R.db);

    const sent = 1 + duringOutage.length;
    writeFaultSummary('directory-outage', {
      fault: 'directory-unreachable',
      description: `directory HTTP server stopped for ${outageMs} ms (sync interval ${INTERVAL_MS} ms), restarted on the same port and database, sender revoked`,
      sent,
      received: effectsAfterOutage.distinct,
      lost: sent - effectsAfterOutage.distinct,
      duplicated: effectsAfterOutage.total - effectsAfterOutage.distinct,
      crashed: 0,
      receivedStatus: 1 + receivedDuringOutage,
      detail: {
        sentDuringOutage: duringOutage.length,
        receivedDuringOutage,
        failedSyncsDuringOutage: failedSyncs,
        syncsToRevocation,
        afterRevocation: afterRevocation ?? { refusedAtSend },
        effectsFromRevokedSender: effectsAtEnd.total - effectsAfterOutage.total,
      },
    });

    expect(failedSyncs.receiver, 'receiver syncs failed during the outage').to.be.greaterThanOrEqual(3);
    expect(failedSyncs.sender, 'sender syncs failed during the outage').to.be.greaterThanOrEqual(3);
    expect(receivedDuringOutage).to.equal(duringOutage.length);
    expect(effectsAfterOutage).to.deep.equal({ distinct: sent, doubled: [], total: sent });
    if (!refusedAtSend) expect([afterRevocation?.status, afterRevocation?.reason]).to.deep.equal(['FAILED', FailedReason.SIGNER_REVOKED]);
    expect(effectsAtEnd.total, 'no effect from the revoked sender').to.equal(effectsAfterOutage.total);
  });
});
