// "RabbitMQ operators see envelopes, never grid data" (F1, NF3), shown with the operator's own
// tool: a plain amqplib queue bound to the platform's exchange with the receiver's routing key
// gets a copy of every document on the wire — real RabbitMQ, real endpoints, default policy.
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import amqp from 'amqplib';
import type { Knex } from 'knex';
import { openDatabase } from '../../storage/src/index.js';
import { sharedRabbitMQ, type RabbitNode } from '../../testing/src/index.js';
import { AmqpTransport, MessagingEndpoint, Topology } from '../src/index.js';
import { TestDirectory } from './fixtures/directory.js';
import { createEffects, recordEffect } from './fixtures/effects.js';
import { leaksNothing } from './fixtures/leaks.js';
import { waitFor } from './fixtures/wait.js';

describe('mades payload encryption on a real RabbitMQ: what the broker holds (F1, NF3)', function () {
  this.timeout(60_000);
  let node: RabbitNode;
  const cleanup: (() => Promise<unknown>)[] = [];
  before(async function () {
    this.timeout(120_000);
    node = await sharedRabbitMQ();
  });
  after(async () => {
    for (const c of cleanup.splice(0).reverse()) await c().catch(() => undefined);
  });

  it('F1/NF3: a spy queue bound to the receiver\'s routing key sees signed envelopes and ciphertext only; the handler gets every document byte-identical', async () => {
    const suffix = randomUUID().slice(0, 6).toUpperCase();
    const directory = new TestDirectory();
    const agrId = await directory.register(`10V-AGR-${suffix}`, ['10X-AGR-PARTY-1']);
    const coreId = await directory.register(`10V-TPS-${suffix}`, ['10X-TPS-PARTY-1']);
    const spyQueue = `spy.${suffix}`;
    const conn = await amqp.connect(node.url);
    cleanup.push(() => conn.close());
    const ch = await conn.createChannel();
    await ch.assertExchange(Topology.exchange, 'direct', { durable: true });
    await ch.assertQueue(spyQueue, { exclusive: true });
    await ch.bindQueue(spyQueue, Topology.exchange, coreId.code); // documents for the core
    await ch.bindQueue(spyQueue, Topology.exchange, agrId.code); // acknowledgements back to the AGR
    const wire: amqp.ConsumeMessage[] = [];
    await ch.consume(spyQueue, (m) => m && wire.push(m), { noAck: true });

    const endpoint = async (identity: typeof agrId) => {
      const db: Knex = await openDatabase({ sqliteFile: ':memory:' });
      await createEffects(db);
      const t = new AmqpTransport({ url: node.url });
      const ep = new MessagingEndpoint({ identity, directory, transport: t, db, pollIntervalMs: 50 });
      cleanup.push(async () => {
        await ep.stop();
        await t.close();
        await db.destroy();
      });
      return { ep, db };
    };
    const core = await endpoint(coreId);
    const agr = await endpoint(agrId);
    core.ep.onMessage(recordEffect);
    await core.ep.start();
    await agr.ep.start();

    const mrid = (i: number) => `mrid-${i}-${randomUUID()}`; // nothing in common with the envelope's codes
    const docs = Array.from({ length: 20 }, (_, i) => Buffer.from(`<Planned_Resource_Schedule><mRID>${mrid(i)}</mRID><quantity>${i}.5</quantity></Planned_Resource_Schedule>`));
    const ids = await Promise.all(docs.map((payload, i) => agr.ep.send({ receiverCode: coreId.code, businessType: 'A01', payload, baMessageID: `plan-${i}`, senderParty: '10X-AGR-PARTY-1' })));
    await waitFor('all RECEIVED', async () => (await agr.db('mades_sent').where('status', 'RECEIVED').count({ n: '*' }))[0]!.n == 20, 30_000);

    const onWire = wire.filter((m) => m.properties.headers?.['tps-kind'] === 'DOC');
    expect(onWire.map((m) => m.properties.messageId).sort()).to.deep.equal([...ids].sort());
    for (const m of onWire) {
      const plain = docs[ids.indexOf(m.properties.messageId)]!;
      expect(leaksNothing(m.content, plain), 'no 6 bytes of the document (XML tags, mRID) on the broker').to.equal(true);
      expect(m.content.toString('latin1'), 'no mRID on the broker').to.not.contain('mrid-');
      expect(leaksNothing(Buffer.from(JSON.stringify(m.properties.headers)), plain), 'nor in the headers').to.equal(true);
      expect(m.properties.headers?.['tps-enc']).to.equal('ECDH-ES+A256KW/A256GCM');
      expect(m.properties.headers?.['tps-enc-serial']).to.equal(coreId.encryptionSerial);
    }
    // Acknowledgements are not encrypted (they carry message IDs and statuses, no grid data).
    const acks = wire.filter((m) => m.properties.headers?.['tps-kind'] === 'ACK');
    expect(acks.length).to.be.greaterThan(0);
    expect(acks.every((m) => m.properties.headers?.['tps-enc'] === undefined && m.content.toString().startsWith('{"acks"'))).to.equal(true);
    // The receiving handler saw the plaintext, byte for byte.
    const effects: { message_id: string; payload: Buffer }[] = await core.db('effects').select('message_id', 'payload');
    expect(effects).to.have.length(20);
    for (const e of effects) expect(Buffer.compare(e.payload, docs[ids.indexOf(e.message_id)]!), e.message_id).to.equal(0);
  });
});
