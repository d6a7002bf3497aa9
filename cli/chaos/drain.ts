// Waits until nothing is in flight: every tracked message of core, AGR and DSO is RECEIVED or
// FAILED and the components' inbox queues are empty, twice in a row — or the deadline passes.
import type { RabbitNode } from '../../packages/testing/src/index.js';
import { inFlight, type Stores } from './reconcile.js';

export interface Drained {
  drained: boolean;
  waitedMs: number;
  inFlight: number;
  /** Messages left per queue (inboxes and dead-letter queues), from rabbitmqctl. */
  queues: Record<string, number>;
}

export async function queueDepths(rabbit: RabbitNode): Promise<Record<string, number>> {
  const out = await rabbit.ctl(['-q', 'list_queues', '--no-table-headers', 'name', 'messages']);
  const depths: Record<string, number> = {};
  for (const line of out.split('\n')) {
    const [name, n] = line.trim().split(/\s+/);
    if (name && n !== undefined && /^\d+$/.test(n)) depths[name] = Number(n);
  }
  return depths;
}

export async function waitForDrain(stores: Stores, rabbit: RabbitNode, deadline: number, log: (l: string) => void): Promise<Drained> {
  const t0 = Date.now();
  let quiet = 0;
  let last = { n: -1, queues: {} as Record<string, number> };
  let lastLog = 0;
  while (Date.now() < deadline) {
    const n = await inFlight(stores).catch(() => -1);
    const queues = await queueDepths(rabbit).catch(() => ({}) as Record<string, number>);
    const inboxes = Object.entries(queues).filter(([q]) => q.startsWith('mades.inbox.')).reduce((s, [, v]) => s + v, 0);
    last = { n, queues };
    quiet = n === 0 && inboxes === 0 ? quiet + 1 : 0;
    if (quiet >= 2) return { drained: true, waitedMs: Date.now() - t0, inFlight: 0, queues };
    if (Date.now() - lastLog > 10_000) {
      log(`drain: ${n} tracked messages not final, ${inboxes} in inbox queues`);
      lastLog = Date.now();
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
  return { drained: false, waitedMs: Date.now() - t0, inFlight: last.n, queues: last.queues };
}
