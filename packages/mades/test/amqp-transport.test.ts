// The same transport contract as the embedded transport, against a real RabbitMQ node (F1).
import { sharedRabbitMQ, type RabbitNode } from '../../testing/src/index.js';
import { AmqpTransport } from '../src/transport/amqp-transport.js';
import { transportContract } from '../src/transport/transport.contract.js';

let node: RabbitNode;
before(async function () {
  this.timeout(120_000);
  node = await sharedRabbitMQ();
});

transportContract('RabbitMQ (amqplib, classic queues)', () => ({
  connect: async () => {
    const t = new AmqpTransport({ url: node.url });
    await t.start();
    return t;
  },
}));
