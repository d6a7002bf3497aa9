// A receiver whose handler is retry-safe (F1; issue 14): batches run without a savepoint per
// message, and a handler that throws — transiently, or with a rejection — rolls its batch back and
// the batch runs again with savepoints, so the outcome is the one with savepoints: one committed
// effect per document, in arrival order, and the rejected document FAILED with its reason.
import { expect } from 'chai';
import { databasesUnderTest } from '../../../testing/src/index.js';
import { TestDirectory } from '../../test/fixtures/directory.js';
import { memoryEndpoint } from '../../test/fixtures/memory-endpoint.js';
import { createEffects, effectCounts } from '../../test/fixtures/effects.js';
import { waitFor } from '../../test/fixtures/wait.js';
import { FailedReason, MessageRejectedError } from '../errors.js';
import type { StatusChange } from '../tracking/status.js';
import { MemoryBroker } from '../transport/memory-transport.js';
import type { MessageHandler } from './inbox-consumer.js';

for (const dut of databasesUnderTest) {
  describe(`inbox with a retry-safe handler (F1; issue 14) [${dut.kind}]`, function () {
    this.timeout(60_000);
    const cleanup: (() => Promise<unknown>)[] = [];
    afterEach(async () => {
      for (const c of cleanup.splice(0).reverse()) await c();
    });

    async function setup(handler: MessageHandler, tap?: MessageHandler) {
      const directory = new TestDirectory();
      const broker = new MemoryBroker();
      const make = async (code: string, party: string, retrySafeHandler: boolean) =>
        memoryEndpoint({ directory, broker, cleanup }, code, party, { db: await dut.open(), inboxBatchSize: 16, prefetch: 512, retrySafeHandler });
      const sender = await make('10V-AGR-RSAFE-1', '10X-AGR-RSAFE-1', false);
      const receiver = await make('10V-TPS-RSAFE-1', '10X-TPS-RSAFE-1', true);
      await createEffects(receiver.db);
      receiver.ep.onMessage(handler);
      if (tap) receiver.ep.tap(tap);
      const statuses: StatusChange[] = [];
      sender.ep.on('status', (c) => statuses.push(c));
      const statements: string[] = [];
      receiver.db.on('query', (q: { sql: string }) => statements.push(q.sql));
      await sender.ep.start();
      // All documents are queued before the receiver starts (as in order-under-failure.test.ts):
      // batches then hold several documents each.
      const sendAll = async (n: number) => {
        for (let i = 0; i < n; i++) {
          await sender.ep.send({ receiverCode: '10V-TPS-RSAFE-1', businessType: 'A01', payload: Buffer.from(`<doc n="${i}"/>`), senderParty: '10X-AGR-RSAFE-1', baMessageID: String(i) });
        }
        await waitFor('all published', async () => ((await sender.db('mades_sent').where('published', true).count({ n: '*' }))[0]!.n == n ? true : undefined));
        await receiver.ep.start();
      };
      const settled = (n: number) => waitFor(`${n} documents settled`, () => (statuses.filter((c) => c.status === 'RECEIVED' || c.status === 'FAILED').length >= n ? true : undefined), 30_000);
      const committed = async () => (await receiver.db('effects').select('ba_message_id').orderBy('id')).map((r: { ba_message_id: string }) => Number(r.ba_message_id));
      return { receiver, statuses, statements, sendAll, settled, committed };
    }

    const record: MessageHandler = async ({ envelope, payload }, trx) => {
      await trx('effects').insert({ message_id: envelope.messageId, ba_message_id: envelope.baMessageId, payload });
    };
    const savepoints = (sql: string[]) => sql.filter((s) => /^\s*savepoint\b/i.test(s)).length;

    it('F1: documents are handled without savepoints, each with one effect, all RECEIVED', async () => {
      const { statements, sendAll, settled, committed, statuses } = await setup(record);
      await sendAll(60);
      await settled(60);
      expect(savepoints(statements), 'savepoints').to.equal(0);
      expect(await committed()).to.deep.equal([...Array(60).keys()]);
      expect(statuses.filter((c) => c.status === 'RECEIVED')).to.have.length(60);
    });

    it('F1: a handler that fails twice or rejects a document: the batch runs again with savepoints — one effect each, in order, the rejected one FAILED', async () => {
      // Twice: once in the run without savepoints, once more in the run with them (retried later).
      const failures = new Map([[7, 2], [30, 2]]);
      const handler: MessageHandler = async (m, trx) => {
        const i = Number(m.envelope.baMessageId);
        await record(m, trx); // written first: a rollback must take it away again
        const left = failures.get(i) ?? 0;
        if (left > 0) {
          failures.set(i, left - 1);
          throw new Error(`transient failure on ${i}`);
        }
        if (i === 12) throw new MessageRejectedError(FailedReason.PAYLOAD_REJECTED, 'document 12 refused');
      };
      const { receiver, statements, sendAll, settled, committed, statuses } = await setup(handler);
      await sendAll(50);
      await settled(50);
      expect(savepoints(statements), 'savepoints after a throw').to.be.greaterThan(0);
      expect(await committed()).to.deep.equal([...Array(50).keys()].filter((i) => i !== 12));
      expect((await effectCounts(receiver.db)).doubled).to.deep.equal([]);
      const failed = statuses.filter((c) => c.status === 'FAILED');
      expect(failed.map((c) => [c.baMessageId, c.reason])).to.deep.equal([['12', FailedReason.PAYLOAD_REJECTED]]);
    });

    it('F1: with a tap registered (it may publish inside the transaction) every message keeps its savepoint', async () => {
      const { statements, sendAll, settled } = await setup(record, async () => undefined);
      await sendAll(10);
      await settled(10);
      expect(savepoints(statements)).to.be.at.least(10);
    });
  });
}
