// A transport acknowledgement that arrives alone (F1: RECEIVED at the sender) is applied by its one
// forward-only UPDATE outside a transaction (issue 14, benchmark 2: two statements fewer per
// acknowledgement); the status still reaches RECEIVED exactly as before.
import { expect } from 'chai';
import { databasesUnderTest } from '../../../testing/src/index.js';
import { TestDirectory } from '../../test/fixtures/directory.js';
import { memoryEndpoint } from '../../test/fixtures/memory-endpoint.js';
import { createEffects } from '../../test/fixtures/effects.js';
import { waitFor } from '../../test/fixtures/wait.js';
import { MemoryBroker } from '../transport/memory-transport.js';

for (const dut of databasesUnderTest) {
  describe(`inbox: a lone transport acknowledgement (F1; issue 14) [${dut.kind}]`, function () {
    this.timeout(60_000);
    const cleanup: (() => Promise<unknown>)[] = [];
    afterEach(async () => {
      for (const c of cleanup.splice(0).reverse()) await c();
    });

    it('F1: the RECEIVED update of a lone acknowledgement runs without BEGIN/COMMIT and the status reaches RECEIVED', async () => {
      const directory = new TestDirectory();
      const broker = new MemoryBroker();
      const sender = await memoryEndpoint({ directory, broker, cleanup }, '10V-DSO-LONE-1', '10X-DSO-LONE-1', { db: await dut.open() });
      const receiver = await memoryEndpoint({ directory, broker, cleanup }, '10V-TPS-LONE-1', '10X-TPS-LONE-1', { db: await dut.open() });
      await createEffects(receiver.db);
      receiver.ep.onMessage(async ({ envelope, payload }, trx) => void (await trx('effects').insert({ message_id: envelope.messageId, ba_message_id: envelope.baMessageId, payload })));
      // knex marks every statement run on a transaction's connection with that transaction's id.
      const received: Array<{ sql: string; txId: unknown }> = [];
      sender.db.on('query', (q: { sql: string; __knexTxId?: unknown }) => {
        if (/update\s+["`]mades_sent["`]\s+set\s+["`]status["`]\s*=\s*(?:\?|\$\d+)\s*,\s*["`]received_at["`]/i.test(q.sql)) received.push({ sql: q.sql, txId: q.__knexTxId });
      });
      await sender.ep.start();
      await receiver.ep.start();
      const id = await sender.ep.send({ receiverCode: '10V-TPS-LONE-1', businessType: 'A01', payload: Buffer.from('<doc/>'), senderParty: '10X-DSO-LONE-1', baMessageID: 'lone' });
      await waitFor('RECEIVED', async () => ((await sender.ep.status(id))?.status === 'RECEIVED' ? true : undefined), 10_000);
      expect(received, 'the RECEIVED update').to.have.length(1);
      expect(received[0]!.txId, 'run outside a transaction').to.equal(undefined);
    });
  });
}
