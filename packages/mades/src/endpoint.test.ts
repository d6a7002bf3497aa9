// The endpoint behaviour over the embedded in-process transport and SQLite (embedded default).
import { openDatabase } from '../../storage/src/index.js';
import { endpointContract } from '../test/fixtures/endpoint-contract.js';
import { MemoryBroker, MemoryTransport } from './transport/memory-transport.js';

endpointContract('in-process transport, SQLite', () => {
  const broker = new MemoryBroker();
  return {
    transport: async () => new MemoryTransport(broker),
    database: () => openDatabase({ sqliteFile: ':memory:' }),
  };
});
