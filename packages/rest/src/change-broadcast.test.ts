import { expect } from 'chai';
import amqp from 'amqplib';
import { sharedRabbitMQ } from '../../testing/src/index.js';
import { AmqpChangeBroadcast, WaiterHub } from './index.js';

describe('cross-replica wake-up over a RabbitMQ fanout (F7a, F9b long-poll at scale)', function () {
  this.timeout(60_000);

  it('an item stored by replica 1 wakes a waiter parked on replica 2', async () => {
    const node = await sharedRabbitMQ();
    const [c1, c2] = [await amqp.connect(node.url), await amqp.connect(node.url)];
    try {
      const [hub1, hub2] = [new WaiterHub(), new WaiterHub()];
      const b1 = await AmqpChangeBroadcast.create(c1, 'test-agr', hub1);
      await AmqpChangeBroadcast.create(c2, 'test-agr', hub2);
      const onReplica2 = hub2.prepare('party-A').wait(10_000);
      const otherParty = hub2.prepare('party-B').wait(300);
      await b1.publish('party-A');
      expect(await onReplica2).to.equal('notified');
      expect(await otherParty).to.equal('timeout');
    } finally {
      await c1.close();
      await c2.close();
    }
  });
});
