// The relay's emergency fast lane (F6/F7 carried by F1): an unforeseen signal committed to the
// outbox leaves at once, even while the relay's batch loop is stuck waiting for the broker to
// confirm a batch of normal documents — and a fast-lane publish the broker refuses is not lost:
// the batch loop publishes the row later, exactly once in effect.
import { expect } from 'chai';
import { TestDirectory } from '../../test/fixtures/directory.js';
import { memoryEndpoint } from '../../test/fixtures/memory-endpoint.js';
import { createEffects, effectCounts } from '../../test/fixtures/effects.js';
import { waitFor } from '../../test/fixtures/wait.js';
import type { MessageHandler } from '../inbox/inbox-consumer.js';
import { MemoryBroker, MemoryTransport } from '../transport/memory-transport.js';
import type { OutgoingMessage, PublishOutcome, Transport } from '../transport/transport.js';

/** The real in-process transport, with confirms of normal documents held back (a slow, large batch). */
class SlowConfirmTransport extends MemoryTransport {
  held: Promise<void> | undefined;
  readonly published: string[] = [];

  override async publish(messages: readonly OutgoingMessage[]): Promise<PublishOutcome[]> {
    messages.forEach((m) => this.published.push(m.messageId));
    if (this.held && messages.some((m) => m.priority < 9)) await this.held;
    return super.publish(messages);
  }
}

describe('outbox relay fast lane for emergency signals (F1, F6, F7)', function () {
  this.timeout(30_000);
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  async function pair() {
    const directory = new TestDirectory();
    const broker = new MemoryBroker();
    const make = (code: string, party: string, transport: Transport) => memoryEndpoint({ directory, broker, cleanup }, code, party, { transport });
    const senderTransport = new SlowConfirmTransport(broker);
    const sender = await make('10V-DSO-FAST-1', '10X-DSO-FAST-1', senderTransport);
    const receiver = await make('10V-TPS-FAST-1', '10X-TPS-FAST-1', new MemoryTransport(broker));
    await createEffects(receiver.db);
    const handled: string[] = [];
    const record: MessageHandler = async ({ envelope, payload }, trx) => {
      await trx('effects').insert({ message_id: envelope.messageId, ba_message_id: envelope.baMessageId, payload });
      handled.push(envelope.baMessageId);
    };
    receiver.ep.onMessage(record);
    await sender.ep.start();
    await receiver.ep.start();
    const send = (ba: string, priority: number) =>
      sender.ep.send({ receiverCode: '10V-TPS-FAST-1', businessType: 'A01', payload: Buffer.from(`<doc n="${ba}"/>`), senderParty: '10X-DSO-FAST-1', baMessageID: ba, priority });
    return { sender, receiver, senderTransport, handled, send };
  }

  it('F6: a priority-9 message is delivered while the batch loop waits for the broker to confirm normal documents', async () => {
    const { sender, receiver, senderTransport, handled, send } = await pair();
    let release!: () => void;
    senderTransport.held = new Promise((r) => (release = r));
    cleanup.push(async () => release()); // runs first: a failed assertion must not leave the relay stuck
    const normal = await send('normal', 0);
    await waitFor('the batch loop is publishing the normal document', () => (senderTransport.published.includes(normal) ? true : undefined));
    const urgent = await send('urgent', 9);
    await waitFor('the urgent document handled', () => (handled.includes('urgent') ? true : undefined), 5_000);
    // Without the fast lane the urgent row would wait for the batch loop, i.e. behind the held confirm.
    expect(handled).to.deep.equal(['urgent']);
    await waitFor('the urgent row marked published', async () => ((await sender.db('mades_sent').where({ message_id: urgent, published: true }).first()) ? true : undefined));
    release();
    await waitFor('the normal document handled', () => (handled.includes('normal') ? true : undefined), 5_000);
    await waitFor('both acknowledged', async () => ((await sender.ep.status(normal))?.status === 'RECEIVED' && (await sender.ep.status(urgent))?.status === 'RECEIVED' ? true : undefined));
    const counts = await effectCounts(receiver.db);
    expect(counts).to.deep.include({ distinct: 2, doubled: [] });
    expect(senderTransport.published.filter((id) => id === urgent), 'the urgent message was published once').to.have.length(1);
  });

  it('F1: a fast-lane publish the broker refuses stays in the outbox and the batch loop delivers it, once', async () => {
    const { sender, receiver, senderTransport, handled, send } = await pair();
    // The broker refuses (nacks) the first publish of the urgent message.
    const originalPublish = senderTransport.publish.bind(senderTransport);
    let refused = 0;
    senderTransport.publish = async (messages) => {
      if (refused === 0 && messages.length === 1 && messages[0]!.priority === 9) {
        refused++;
        return ['rejected'];
      }
      return originalPublish(messages);
    };
    const urgent = await send('urgent', 9);
    await waitFor('the urgent document handled', () => (handled.includes('urgent') ? true : undefined), 5_000);
    expect(refused, 'the first publish was refused').to.equal(1);
    await waitFor('acknowledged', async () => ((await sender.ep.status(urgent))?.status === 'RECEIVED' ? true : undefined));
    const counts = await effectCounts(receiver.db);
    expect(counts).to.deep.include({ distinct: 1, doubled: [] });
  });
});
