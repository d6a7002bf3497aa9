// No loss, no double effect (F1) under real faults: a consumer process SIGKILLed mid-stream, and
// the RabbitMQ node restarted mid-stream. 1,000 messages in the regular suite; the 10,000
// with `npm run test:faults` (MADES_FAULT_MESSAGES=10000). Counts of each run (also a failed one) go
// to test/faults/results/mades-*.json for the fault table of docs/RELIABILITY.md.
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import { openDatabase } from '../../../storage/src/index.js';
import { RabbitNode } from '../../../testing/src/index.js';
import { AmqpTransport, MessagingEndpoint } from '../../src/index.js';
import { exportIdentity, snapshotDirectory, TestDirectory } from '../fixtures/directory.js';
import { createEffects, effectCounts, recordEffect } from '../fixtures/effects.js';
import { waitFor } from '../fixtures/wait.js';
import { writeFaultSummary } from '../../../../test/faults/results-file.js';

const N = Number(process.env.MADES_FAULT_MESSAGES ?? 1000);
const CHILD = fileURLToPath(new URL('./consumer-child.ts', import.meta.url));
const PAYLOAD = Buffer.alloc(2048, '<x/>');

async function sendAll(sender: MessagingEndpoint, db: Knex, receiverCode: string, chunk = 500, paceMs = 0): Promise<void> {
  // Committed in chunks, as REST calls would: the relay streams while later chunks are written.
  for (let i = 0; i < N; i += chunk) {
    if (paceMs) await new Promise((r) => setTimeout(r, paceMs));
    await db.transaction(async (trx) => {
      for (let j = i; j < Math.min(N, i + chunk); j++) await sender.send({ receiverCode, businessType: 'A01', payload: PAYLOAD, baMessageID: `m${j}`, senderParty: '10X-AGR-PARTY-1' }, trx);
    });
  }
}

const countWhere = async (db: Knex, table: string, where: Record<string, string> = {}) => Number((await db(table).where(where).count({ n: '*' }))[0]!.n);

/** The counts of one run for the fault table of docs/RELIABILITY.md (test/faults/results/), failed runs included. */
async function recordRun(name: string, fault: string, description: string, senderDb: Knex, receiverDb: Knex, detail: Record<string, unknown>): Promise<void> {
  const sentIds: string[] = (await senderDb('mades_sent').select('message_id')).map((r: { message_id: string }) => r.message_id);
  const effectIds = new Set<string>((await receiverDb('effects').distinct('message_id')).map((r: { message_id: string }) => r.message_id));
  const c = await effectCounts(receiverDb);
  writeFaultSummary(name, {
    fault,
    description,
    sent: sentIds.length,
    received: sentIds.filter((id) => effectIds.has(id)).length,
    lost: sentIds.filter((id) => !effectIds.has(id)).length,
    duplicated: c.total - c.distinct,
    crashed: 0,
    receivedStatus: await countWhere(senderDb, 'mades_sent', { status: 'RECEIVED' }),
    detail,
  });
}

describe('mades delivery under faults: exactly one effect per message (F1)', function () {
  this.timeout(Math.max(180_000, N * 60));
  let node: RabbitNode;
  let dir: string;
  const stops: (() => Promise<unknown>)[] = [];

  before(async () => {
    node = await new RabbitNode().start(); // own node: this file restarts it
    dir = mkdtempSync(join(tmpdir(), 'mades-fault-'));
  });
  after(async () => {
    for (const s of stops.splice(0).reverse()) await s().catch(() => undefined);
    await node.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function world(tag: string) {
    const directory = new TestDirectory();
    const agrId = await directory.register(`10V-AGR-${tag}`, ['10X-AGR-PARTY-1']);
    const coreId = await directory.register(`10V-TPS-${tag}`, ['10X-TPS-PARTY-1']);
    const senderDb = await openDatabase({ sqliteFile: join(dir, `${tag}-sender.db`) });
    const sender = new MessagingEndpoint({ identity: agrId, directory, transport: new AmqpTransport({ url: node.url, reconnectMaxMs: 1000 }), db: senderDb, pollIntervalMs: 50 });
    stops.push(() => senderDb.destroy(), () => sender.stop());
    await sender.start();
    return { directory, agrId, coreId, sender, senderDb };
  }

  it(`F1: SIGKILL of the consuming process mid-stream of ${N} messages, restart: every message had exactly one effect`, async () => {
    const w = await world('KILL');
    const file = join(dir, 'consumer.db');
    const config = JSON.stringify({ url: node.url, sqliteFile: file, directory: snapshotDirectory(w.directory), identity: exportIdentity(w.coreId) });
    const startChild = async (): Promise<ChildProcess> => {
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { env: { ...process.env, MADES_CHILD_CONFIG: config }, stdio: ['ignore', 'pipe', 'inherit'] });
      stops.push(async () => child.kill('SIGKILL'));
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (d) => String(d).includes('ready') && resolve());
        child.once('exit', (code) => reject(new Error(`consumer exited early (${code})`)));
      });
      return child;
    };
    const first = await startChild();
    const reader = await openDatabase({ sqliteFile: file });
    stops.push(() => reader.destroy());
    const sending = sendAll(w.sender, w.senderDb, w.coreId.code);
    await waitFor('a third processed', async () => (await countWhere(reader, 'effects')) >= N / 3, 120_000, 5);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const atKill = await countWhere(reader, 'effects');
    expect(atKill, 'killed mid-stream').to.be.lessThan(N);
    await sending;
    await startChild();
    let timedOut: unknown;
    await waitFor('all effects', async () => (await countWhere(reader, 'mades_received')) >= N, N * 50)
      .then(() => waitFor('all RECEIVED at the sender', async () => (await countWhere(w.senderDb, 'mades_sent', { status: 'RECEIVED' })) === N, 60_000))
      .catch((err) => (timedOut = err));
    await recordRun('mades-consumer-sigkill', 'consumer-sigkill', 'a consuming mades endpoint process (SQLite) SIGKILLed mid-stream, restarted; single RabbitMQ node', w.senderDb, reader, { messages: N, effectsAtKill: atKill });
    if (timedOut) throw timedOut;
    const c = await effectCounts(reader);
    expect(c.doubled, 'messages with a double effect').to.deep.equal([]);
    expect([c.distinct, c.total]).to.deep.equal([N, N]);
  });

  it(`F1: RabbitMQ restarted mid-stream of ${N} messages: nothing lost, nothing doubled`, async () => {
    const w = await world('RESTART');
    const receiverDb = await openDatabase({ sqliteFile: join(dir, 'restart-receiver.db') });
    await createEffects(receiverDb);
    const receiver = new MessagingEndpoint({ identity: w.coreId, directory: w.directory, transport: new AmqpTransport({ url: node.url, reconnectMaxMs: 1000 }), db: receiverDb, pollIntervalMs: 50 });
    receiver.onMessage(recordEffect);
    stops.push(() => receiverDb.destroy(), () => receiver.stop());
    await receiver.start();
    // Paced over ~20 s so that documents are committed before, during and after the outage.
    const sending = sendAll(w.sender, w.senderDb, w.coreId.code, Math.ceil(N / 80), 250);
    await waitFor('a quarter processed', async () => (await countWhere(receiverDb, 'effects')) >= N / 4, 120_000, 5);
    await node.stopKeepData();
    const [committedAtStop, effectsAtStop] = [await countWhere(w.senderDb, 'mades_sent'), await countWhere(receiverDb, 'effects')];
    await node.start();
    expect(committedAtStop, 'still sending when the broker went away').to.be.lessThan(N);
    expect(effectsAtStop, 'restarted mid-stream').to.be.lessThan(N);
    await sending;
    let timedOut: unknown;
    await waitFor('all RECEIVED at the sender', async () => (await countWhere(w.senderDb, 'mades_sent', { status: 'RECEIVED' })) === N, N * 60).catch((err) => (timedOut = err));
    await recordRun('mades-rabbit-restart', 'rabbit-node-restart', 'single RabbitMQ node stopped (rabbitmqctl stop) and started with the same data while messages were committed', w.senderDb, receiverDb, { messages: N, committedAtStop, effectsAtStop });
    if (timedOut) throw timedOut;
    const c = await effectCounts(receiverDb);
    expect(c.doubled).to.deep.equal([]);
    expect([c.distinct, c.total]).to.deep.equal([N, N]);
  });
});
