// A private RabbitMQ node for one benchmark (loopback, own port and data), stopped at the end;
// or the broker named by BENCH_AMQP_URL (and, to count its CPU, BENCH_AMQP_PID: its Erlang VM's pid).
import { cpuSecondsOf, RabbitNode } from '../../packages/testing/src/index.js';
import { log } from './common.js';

/** The broker a benchmark runs against. */
export interface BenchBroker {
  /**
   * CPU seconds the broker's Erlang VM has used so far; undefined for a broker named by
   * BENCH_AMQP_URL without BENCH_AMQP_PID, or without /proc.
   */
  cpuSeconds(): number | undefined;
}

export async function withRabbit<T>(fn: (url: string, broker: BenchBroker) => Promise<T>): Promise<T> {
  if (process.env.BENCH_AMQP_URL) {
    const pid = Number(process.env.BENCH_AMQP_PID);
    return fn(process.env.BENCH_AMQP_URL, { cpuSeconds: () => (Number.isInteger(pid) && pid > 0 ? cpuSecondsOf(pid) : undefined) });
  }
  const t0 = Date.now();
  const node = await new RabbitNode().start();
  log(`private RabbitMQ up in ${((Date.now() - t0) / 1000).toFixed(1)} s at ${node.url.replace(/\/\/.*@/, '//')}`);
  const pid = node.beamPid();
  try {
    return await fn(node.url, { cpuSeconds: () => (pid === undefined ? undefined : cpuSecondsOf(pid)) });
  } finally {
    await node.stop();
  }
}
