import { expect } from 'chai';
import amqp from 'amqplib';
import knexFactory from 'knex';
import { sharedRabbitMQ, sharedPostgresDatabase } from './index.js';

describe('test harness: private servers (foundation)', function () {
  this.timeout(120_000);

  it('starts its own RabbitMQ and moves one persistent message through it', async () => {
    const node = await sharedRabbitMQ();
    expect(node.url).to.match(/^amqp:\/\/guest:guest@127\.0\.0\.1:\d+$/);
    const conn = await amqp.connect(node.url);
    try {
      const ch = await conn.createConfirmChannel();
      const q = (await ch.assertQueue('', { exclusive: true })).queue;
      ch.sendToQueue(q, Buffer.from('hello harness'), { persistent: true });
      await ch.waitForConfirms();
      const msg = await ch.get(q, { noAck: true });
      expect(msg && msg.content.toString()).to.equal('hello harness');
    } finally {
      await conn.close();
    }
  });

  it('starts its own PostgreSQL and hands out isolated databases', async () => {
    const [a, b] = [await sharedPostgresDatabase('harness'), await sharedPostgresDatabase('harness')];
    expect(a).to.not.equal(b);
    const db = knexFactory({ client: 'pg', connection: a });
    try {
      const row = await db.raw('select current_database() as name');
      expect(row.rows[0].name).to.equal(a.split('/').pop());
    } finally {
      await db.destroy();
    }
  });
});
