// Fault: one node of a 3-node RabbitMQ cluster SIGKILLed mid-stream (F1). Two mades endpoints on
// quorum queues, each given all three node URLs (failover); the receiver is connected to node 2
// (its inbox was declared through node 2), and node 2 is killed while messages flow. Every
// message must have exactly one effect and end RECEIVED at the sender; node 2 must rejoin the
// cluster when restarted. Counts go to test/faults/results/rabbit-cluster.json.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { openDatabase } from '../../packages/storage/src/index.js';
import { startRabbitCluster, type RabbitCluster } from '../../packages/testing/src/index.js';
import { AmqpTransport, MessagingEndpoint } from '../../packages/mades/src/index.js';
import { TestDirectory } from '../../packages/mades/test/fixtures/directory.js';
import { createEffects, effectCounts, recordEffect } from '../../packages/mades/test/fixtures/effects.js';
import { waitFor } from '../../packages/mades/test/fixtures/wait.js';
import { writeFaultSummary } from './results-file.js';

const N = 1000;
const PAYLOAD = Buffer.alloc(1024, '<x/>');

const countWhere = async (db: Knex, table: string, where: Record<string, string> = {}) => Number((await db(table).where(where).count({ n: '*' }))[0]!.n);

describe('faults: RabbitMQ cluster node killed mid-stream (quorum queues)', function () {
  this.timeout(300_000);
  let cluster: RabbitCluster;
  let dir: string;
  const stops: (() => Promise<unknown>)[] = [];

  before(async function () {
    this.timeout(300_000);
    dir = mkdtempSync(join(tmpdir(), 'tps-fault-cluster-'));
    const t0 = Date.now();
    cluster = await startRabbitCluster(3);
    console.log(`      cluster of 3 up and joined in ${Date.now() - t0} ms`);
  });
  after(async function () {
    this.timeout(120_000);
    for (const s of stops.splice(0).reverse()) await s().catch(() => undefined);
    const t0 = Date.now();
    await cluster?.stop();
    console.log(`      cluster stopped in ${Date.now() - t0} ms`);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(`F1: 3-node cluster, node of the consumer SIGKILLed mid-stream of ${N} messages: no loss, no double effect, all RECEIVED; the node rejoins`, async () => {
    const [n1, n2, n3] = cluster.nodes as [RabbitCluster['nodes'][0], RabbitCluster['nodes'][0], RabbitCluster['nodes'][0]];
    const directory = new TestDirectory();
    const agrId = await directory.register('10V-AGR-CLUSTER1', ['10X-AGR-PARTY-1']);
    const coreId = await directory.register('10V-TPS-CLUSTER1', ['10X-TPS-PARTY-1']);
    const senderDb = await openDatabase({ sqliteFile: join(dir, 'sender.db') });
    const receiverDb = await openDatabase({ sqliteFile: join(dir, 'receiver.db') });
    await createEffects(receiverDb);
    const transport = (urls: string[]) => new AmqpTransport({ urls, queueType: 'quorum', reconnectMaxMs: 1000 });
    // The receiver tries node 2 first; the sender node 1. Both know all three.
    const receiver = new MessagingEndpoint({ identity: coreId, directory, transport: transport([n2.url, n3.url, n1.url]), db: receiverDb, pollIntervalMs: 50 });
    const sender = new MessagingEndpoint({ identity: agrId, directory, transport: transport([n1.url, n2.url, n3.url]), db: senderDb, pollIntervalMs: 50 });
    receiver.onMessage(recordEffect);
    stops.push(() => senderDb.destroy(), () => receiverDb.destroy(), () => sender.stop(), () => receiver.stop());
    await receiver.start();
    await sender.start();

    // Connections by server port: those on node 2's AMQP port are the receiver's.
    const connectionsOn = async (port: number) => (await n1.ctl(['-q', 'list_connections', '--no-table-headers', 'port'])).split('\n').filter((l) => l.trim() === String(port)).length;
    const receiverConnections = await connectionsOn(n2.port);
    expect(receiverConnections, 'the receiver is connected to node 2').to.be.greaterThan(0);

    // Committed in chunks, paced, so that documents are committed before, during and after the kill.
    const sending = (async () => {
      for (let i = 0; i < N; i += 50) {
        await senderDb.transaction(async (trx) => {
          for (let j = i; j < Math.min(N, i + 50); j++) {
            await sender.send({ receiverCode: coreId.code, businessType: 'A01', payload: PAYLOAD, baMessageID: `m${j}`, senderParty: '10X-AGR-PARTY-1' }, trx);
          }
        });
        await new Promise((r) => setTimeout(r, 150));
      }
    })();
    await waitFor('a quarter processed', async () => (await countWhere(receiverDb, 'effects')) >= N / 4, 120_000, 5);
    await n2.kill();
    const [committedAtKill, effectsAtKill] = [await countWhere(senderDb, 'mades_sent'), await countWhere(receiverDb, 'effects')];
    await sending;

    let timedOut: unknown;
    await waitFor('all RECEIVED at the sender', async () => (await countWhere(senderDb, 'mades_sent', { status: 'RECEIVED' })) === N, 180_000, 100).catch((err) => (timedOut = err));
    const sentIds: string[] = (await senderDb('mades_sent').select('message_id')).map((r: { message_id: string }) => r.message_id);
    const c = await effectCounts(receiverDb);
    const effectIds = new Set<string>((await receiverDb('effects').distinct('message_id')).map((r: { message_id: string }) => r.message_id));
    const receivedStatus = await countWhere(senderDb, 'mades_sent', { status: 'RECEIVED' });

    // The killed node comes back with its data and rejoins the cluster.
    await n2.start();
    const running = await waitFor('node 2 running in the cluster', async () => {
      const r = await cluster.runningNodes(n1);
      return r.includes(n2.nodeName) && r.length === 3 ? r : undefined;
    }, 60_000, 500);

    writeFaultSummary('rabbit-cluster', {
      fault: 'rabbit-cluster-node-kill',
      description: `3-node RabbitMQ cluster, quorum queues: the consumer's node SIGKILLed mid-stream, restarted`,
      sent: sentIds.length,
      received: sentIds.filter((id) => effectIds.has(id)).length,
      lost: sentIds.filter((id) => !effectIds.has(id)).length,
      duplicated: c.total - c.distinct,
      crashed: 0,
      receivedStatus,
      detail: { committedAtKill, effectsAtKill, receiverConnectionsOnKilledNode: receiverConnections, rejoined: running.includes(n2.nodeName), runningAfterRestart: running.length },
    });
    if (timedOut) throw timedOut;
    expect(committedAtKill, 'still sending when the node was killed').to.be.lessThan(N);
    expect(effectsAtKill, 'killed mid-stream').to.be.lessThan(N);
    expect(c.doubled, 'messages with a double effect').to.deep.equal([]);
    expect([sentIds.length, c.distinct, c.total, receivedStatus]).to.deep.equal([N, N, N, N]);
    expect(running).to.include(n2.nodeName);
  });
});
