// The emergency lane (F6/F7 carried by F1): a priority-9 delivery does not wait behind a backlog of
// normal documents in the receiving process — neither behind the in-memory buffer nor behind the
// rest of a running batch — and the normal documents still each have exactly one effect.
import { expect } from 'chai';
import { TestDirectory } from '../../test/fixtures/directory.js';
import { memoryEndpoint } from '../../test/fixtures/memory-endpoint.js';
import { createEffects, effectCounts } from '../../test/fixtures/effects.js';
import { waitFor } from '../../test/fixtures/wait.js';
import { MemoryBroker } from '../transport/memory-transport.js';
import type { MessageHandler } from './inbox-consumer.js';

describe('inbox emergency lane (F1, F6, F7)', function () {
  this.timeout(60_000);
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  async function pair(handler: MessageHandler) {
    const directory = new TestDirectory();
    const broker = new MemoryBroker();
    const make = (code: string, party: string) => memoryEndpoint({ directory, broker, cleanup }, code, party, { inboxBatchSize: 128, prefetch: 512 });
    const sender = await make('10V-DSO-LANE-1', '10X-DSO-LANE-1');
    const receiver = await make('10V-TPS-LANE-1', '10X-TPS-LANE-1');
    await createEffects(receiver.db);
    receiver.ep.onMessage(handler);
    await sender.ep.start();
    return { sender, receiver };
  }

  it('F6: a priority-9 document overtakes 300 queued normal ones and the batch in hand yields to it; every normal one still has one effect', async () => {
    const order: string[] = [];
    // A slow business handler (≈ 3 ms per document), as a schedule store under load would be.
    const handler: MessageHandler = async ({ envelope, payload }, trx) => {
      await new Promise((r) => setTimeout(r, 3));
      await trx('effects').insert({ message_id: envelope.messageId, ba_message_id: envelope.baMessageId, payload });
      order.push(envelope.baMessageId);
    };
    const { sender, receiver } = await pair(handler);
    const send = (ba: string, priority: number) =>
      sender.ep.send({ receiverCode: '10V-TPS-LANE-1', businessType: 'A01', payload: Buffer.from(`<doc n="${ba}"/>`), senderParty: '10X-DSO-LANE-1', baMessageID: ba, priority });
    for (let i = 0; i < 300; i++) await send(`normal-${i}`, 0);
    // Start consuming once the backlog is on the broker, then send the emergency signal while the
    // first batch is being handled.
    await waitFor('backlog published', async () => ((await sender.db('mades_sent').where('published', true).count({ n: '*' }))[0]!.n == 300 ? true : undefined));
    await receiver.ep.start();
    await waitFor('first batch under way', () => (order.length >= 5 ? true : undefined));
    await send('urgent', 9);
    await waitFor('every document handled', () => (order.length === 301 ? true : undefined), 50_000);
    const at = order.indexOf('urgent');
    // Without the lane it would come after at least the rest of the running batch of 128.
    expect(at, `position of the urgent document among 301 (handled before it: ${order.slice(0, at).length})`).to.be.lessThan(40);
    const counts = await effectCounts(receiver.db);
    expect(counts.distinct).to.equal(301);
    expect(counts.doubled).to.deep.equal([]);
    expect(new Set(order).size).to.equal(301);
  });

  it('F6: with a handler that never waits for I/O (a synchronous SQLite driver, CPU-bound work), the batch in hand still lets a priority-9 document in and yields to it', async () => {
    const order: string[] = [];
    let sendUrgent: (() => void) | undefined;
    const handler: MessageHandler = async ({ envelope, payload }, trx) => {
      const until = performance.now() + 2; // ≈ 2 ms of CPU, no timer or I/O to wait for
      while (performance.now() < until);
      await trx('effects').insert({ message_id: envelope.messageId, ba_message_id: envelope.baMessageId, payload });
      order.push(envelope.baMessageId);
      if (order.length === 5) sendUrgent?.(); // the signal is sent while this batch is under way
    };
    const { sender, receiver } = await pair(handler);
    const send = (ba: string, priority: number) =>
      sender.ep.send({ receiverCode: '10V-TPS-LANE-1', businessType: 'A01', payload: Buffer.from(`<doc n="${ba}"/>`), senderParty: '10X-DSO-LANE-1', baMessageID: ba, priority });
    for (let i = 0; i < 300; i++) await send(`normal-${i}`, 0);
    await waitFor('backlog published', async () => ((await sender.db('mades_sent').where('published', true).count({ n: '*' }))[0]!.n == 300 ? true : undefined));
    sendUrgent = () => void send('urgent', 9);
    await receiver.ep.start();
    await waitFor('every document handled', () => (order.length === 301 ? true : undefined), 50_000);
    const at = order.indexOf('urgent');
    // Without a pause between documents the whole batch of 128 would run as one task first.
    expect(at, `position of the urgent document among 301 (handled before it: ${at})`).to.be.lessThan(64);
    const counts = await effectCounts(receiver.db);
    expect(counts.distinct).to.equal(301);
    expect(counts.doubled).to.deep.equal([]);
  });
});
