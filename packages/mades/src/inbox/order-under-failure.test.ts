// Arrival order survives failures in the receiver (F1, and F6b/F8 through the core's forward-only
// revision rule): a batch whose commit fails (database away) and a handler that fails once are
// retried before anything that arrived after them. `tps chaos` found the opposite with the batch
// requeued to the broker: later revisions committed first, the earlier ones were then refused.
import { expect } from 'chai';
import { TestDirectory } from '../../test/fixtures/directory.js';
import { memoryEndpoint } from '../../test/fixtures/memory-endpoint.js';
import { createEffects, effectCounts } from '../../test/fixtures/effects.js';
import { waitFor } from '../../test/fixtures/wait.js';
import { MemoryBroker } from '../transport/memory-transport.js';
import type { MessageHandler } from './inbox-consumer.js';

describe('inbox order under failures (F1)', function () {
  this.timeout(60_000);
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  async function setup(handler: MessageHandler) {
    const directory = new TestDirectory();
    const broker = new MemoryBroker();
    const make = (code: string, party: string, batch: number) => memoryEndpoint({ directory, broker, cleanup }, code, party, { inboxBatchSize: batch, prefetch: 512 });
    const sender = await make('10V-AGR-ORDER-1', '10X-AGR-ORDER-1', 128);
    const receiver = await make('10V-TPS-ORDER-1', '10X-TPS-ORDER-1', 16);
    await createEffects(receiver.db);
    receiver.ep.onMessage(handler);
    await sender.ep.start();
    const sendAll = async (n: number) => {
      for (let i = 0; i < n; i++) {
        await sender.ep.send({ receiverCode: '10V-TPS-ORDER-1', businessType: 'A01', payload: Buffer.from(`<doc n="${i}"/>`), senderParty: '10X-AGR-ORDER-1', baMessageID: String(i) });
      }
      await waitFor('all published', async () => ((await sender.db('mades_sent').where('published', true).count({ n: '*' }))[0]!.n == n ? true : undefined));
    };
    return { sender, receiver, sendAll };
  }

  const inOrder = (order: number[], n: number) => expect(order, 'effects in arrival order').to.deep.equal([...Array(n).keys()]);

  it('F1: commits that fail (the database refuses) are retried in order, before later deliveries; one effect each', async () => {
    const order: number[] = [];
    const handler: MessageHandler = async ({ envelope, payload }, trx) => {
      await trx('effects').insert({ message_id: envelope.messageId, ba_message_id: envelope.baMessageId, payload });
      order.push(Number(envelope.baMessageId));
    };
    const { receiver, sendAll } = await setup(handler);
    const n = 120;
    await sendAll(n);
    // The database refuses every inbox commit while the flag row exists (like a PostgreSQL restart).
    await receiver.ep.start(); // creates the mades tables
    await receiver.ep.stop();
    await receiver.db.schema.createTable('refuse', (t) => t.integer('x'));
    await receiver.db('refuse').insert({ x: 1 });
    await receiver.db.raw(`CREATE TRIGGER refuse_commit BEFORE INSERT ON mades_received WHEN EXISTS (SELECT 1 FROM refuse) BEGIN SELECT RAISE(ABORT, 'database away'); END`);
    const attempts: number[] = [];
    await receiver.ep.start();
    await waitFor('a few refused commits', async () => {
      attempts.push(order.length);
      return attempts.length > 40 ? true : undefined; // ≈ 1 s of refusals with backoff
    }, 10_000, 25);
    await receiver.db('refuse').del();
    await waitFor('every document handled', async () => ((await effectCounts(receiver.db)).distinct === n ? true : undefined), 30_000);
    // The handler ran (and was rolled back) during the refusals: keep only the committed effects.
    const committed = (await receiver.db('effects').select('ba_message_id').orderBy('id')).map((r: { ba_message_id: string }) => Number(r.ba_message_id));
    inOrder(committed, n);
    expect((await effectCounts(receiver.db)).doubled).to.deep.equal([]);
  });

  it('F1: a handler that fails once is retried before the documents that arrived after it; one effect each', async () => {
    const failedOnce = new Set<number>([5, 40, 41, 77]);
    const order: number[] = [];
    const handler: MessageHandler = async ({ envelope, payload }, trx) => {
      const i = Number(envelope.baMessageId);
      if (failedOnce.delete(i)) throw new Error(`transient failure on ${i}`);
      await trx('effects').insert({ message_id: envelope.messageId, ba_message_id: envelope.baMessageId, payload });
      order.push(i);
    };
    const { receiver, sendAll } = await setup(handler);
    const n = 100;
    await sendAll(n);
    await receiver.ep.start();
    await waitFor('every document handled', async () => ((await effectCounts(receiver.db)).distinct === n ? true : undefined), 30_000);
    inOrder(order, n);
    expect((await effectCounts(receiver.db)).doubled).to.deep.equal([]);
  });

  it('F1: documents arriving while a failed handler waits out its pause are handled after it, by one loop; one effect each', async () => {
    // The receiver runs while the documents arrive: the deliveries landing during the pause after a
    // failure must queue behind the retried document, not start a second batch loop beside it.
    const failedOnce = new Set<number>([3, 20, 21, 44]);
    const order: number[] = [];
    let running = 0;
    let overlapped = false;
    const handler: MessageHandler = async ({ envelope, payload }, trx) => {
      running++;
      overlapped ||= running > 1;
      try {
        const i = Number(envelope.baMessageId);
        await new Promise((r) => setImmediate(r)); // a handler that awaits, as every real one does
        if (failedOnce.delete(i)) throw new Error(`transient failure on ${i}`);
        await trx('effects').insert({ message_id: envelope.messageId, ba_message_id: envelope.baMessageId, payload });
        order.push(i);
      } finally {
        running--;
      }
    };
    const { receiver, sendAll } = await setup(handler);
    const n = 60;
    await receiver.ep.start();
    await sendAll(n);
    await waitFor('every document handled', async () => ((await effectCounts(receiver.db)).distinct === n ? true : undefined), 30_000);
    const committed = (await receiver.db('effects').select('ba_message_id').orderBy('id')).map((r: { ba_message_id: string }) => Number(r.ba_message_id));
    inOrder(committed, n);
    expect(overlapped, 'two handlers ran at once').to.equal(false);
    expect((await effectCounts(receiver.db)).doubled).to.deep.equal([]);
  });
});
