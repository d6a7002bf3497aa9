// A private RabbitMQ node for one benchmark (loopback, own port and data), stopped at the end;
// or the broker named by BENCH_AMQP_URL.
import { RabbitNode } from '../../packages/testing/src/index.js';
import { log } from './common.js';

export async function withRabbit<T>(fn: (url: string) => Promise<T>): Promise<T> {
  if (process.env.BENCH_AMQP_URL) return fn(process.env.BENCH_AMQP_URL);
  const t0 = Date.now();
  const node = await new RabbitNode().start();
  log(`private RabbitMQ up in ${((Date.now() - t0) / 1000).toFixed(1)} s at ${node.url.replace(/\/\/.*@/, '//')}`);
  try {
    return await fn(node.url);
  } finally {
    await node.stop();
  }
}
