// The endpoint behaviour over real RabbitMQ, with SQLite and with PostgreSQL stores (F1).
import { openDatabase } from '../../storage/src/index.js';
import { sharedPostgresDatabase, sharedRabbitMQ, type RabbitNode } from '../../testing/src/index.js';
import { AmqpTransport } from '../src/transport/amqp-transport.js';
import { endpointContract } from './fixtures/endpoint-contract.js';

let node: RabbitNode;
before(async function () {
  this.timeout(120_000);
  node = await sharedRabbitMQ();
});

endpointContract('RabbitMQ, SQLite', () => ({
  transport: async () => new AmqpTransport({ url: node.url }),
  database: () => openDatabase({ sqliteFile: ':memory:' }),
}));

endpointContract('RabbitMQ, PostgreSQL', () => ({
  transport: async () => new AmqpTransport({ url: node.url }),
  database: async () => openDatabase({ url: await sharedPostgresDatabase('mades') }),
}));
