// The relay gives way to the emergency lane (F6/F7 carried by F1): on SQLite a component has one
// database connection, handed out first come first served. When a normal batch commits while an
// emergency delivery waits, the relay (woken to send the batch's transport acknowledgements) must
// not take the connection before the emergency batch — benchmark 2 saw emergency signals queue
// behind the relay's statements under schedule load. Acknowledgements still leave afterwards.
import { expect } from 'chai';
import { TestDirectory } from '../../test/fixtures/directory.js';
import { memoryEndpoint } from '../../test/fixtures/memory-endpoint.js';
import { createEffects, effectCounts } from '../../test/fixtures/effects.js';
import { waitFor } from '../../test/fixtures/wait.js';
import type { MessageHandler } from '../inbox/inbox-consumer.js';
import { MemoryBroker } from '../transport/memory-transport.js';

describe('outbox relay gives way to the emergency lane (F1, F6, F7)', function () {
  this.timeout(30_000);
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  it('F6: after a normal batch commits, the waiting priority-9 batch gets the database before the relay; the acknowledgements follow', async () => {
    const directory = new TestDirectory();
    const broker = new MemoryBroker();
    // No polling: the relay runs only when woken (here: by the receiver's transport acknowledgements).
    const make = (code: string, party: string) => memoryEndpoint({ directory, broker, cleanup }, code, party, { pollIntervalMs: 60_000 });
    const sender = await make('10V-DSO-GIVE-1', '10X-DSO-GIVE-1');
    const receiver = await make('10V-TPS-GIVE-1', '10X-TPS-GIVE-1');
    await createEffects(receiver.db);
    const send = (ba: string, priority: number) =>
      sender.ep.send({ receiverCode: '10V-TPS-GIVE-1', businessType: 'A01', payload: Buffer.from(`<doc n="${ba}"/>`), senderParty: '10X-DSO-GIVE-1', baMessageID: ba, priority });

    // Every statement the receiver runs, in order, with a marker where each handler starts.
    const log: string[] = [];
    receiver.db.on('query', (q: { sql: string }) => log.push(q.sql));
    let urgentId = '';
    const handler: MessageHandler = async ({ envelope, payload }, trx) => {
      log.push(`handler ${envelope.baMessageId}`);
      if (envelope.baMessageId === 'normal') {
        // The emergency signal arrives while this normal document is being handled.
        urgentId = await send('urgent', 9);
        await new Promise((r) => setTimeout(r, 100));
      }
      await trx('effects').insert({ message_id: envelope.messageId, ba_message_id: envelope.baMessageId, payload });
    };
    receiver.ep.onMessage(handler);
    await sender.ep.start();
    await receiver.ep.start();
    const normalId = await send('normal', 0);

    await waitFor('both acknowledged to the sender', async () => ((await sender.ep.status(normalId))?.status === 'RECEIVED' && (await sender.ep.status(urgentId))?.status === 'RECEIVED' ? true : undefined));
    const normalCommit = log.indexOf('COMMIT;', log.indexOf('handler normal'));
    const urgentStart = log.indexOf('handler urgent');
    expect(normalCommit, 'the normal batch committed before the urgent one was handled').to.be.within(0, urgentStart);
    const between = log.slice(normalCommit + 1, urgentStart);
    // Only the emergency batch's own opening statements: no relay select of outbox rows or acknowledgements.
    expect(between.filter((sql) => /mades_ack_out|mades_sent/.test(sql)), `statements between the commit and the urgent handler: ${between.join(' | ')}`).to.deep.equal([]);
    const counts = await effectCounts(receiver.db);
    expect(counts).to.deep.include({ distinct: 2, doubled: [] });
  });
});
