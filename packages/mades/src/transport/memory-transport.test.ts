import { MemoryBroker, MemoryTransport } from './memory-transport.js';
import { transportContract } from './transport.contract.js';

transportContract('in-process (embedded)', () => {
  const broker = new MemoryBroker();
  return {
    connect: async () => {
      const t = new MemoryTransport(broker);
      await t.start();
      return t;
    },
  };
});
