// Server-Sent Events push channel: the same items a long-poll returns, pushed as they arrive.
// Resumes after `Last-Event-ID`; heartbeats keep proxies from closing an idle stream.
import type { Request, Response } from 'express';
import type { WaiterHub } from './waiter-hub.js';
import { clientGone } from './long-poll.js';

export interface SseOptions<T> {
  hub: WaiterHub;
  key: string;
  event: string;
  heartbeatMs?: number;
  /** Items after the given sequence number, in order. */
  readAfter(seq: number): Promise<T[]>;
  seqOf(item: T): number;
}

export async function streamEvents<T>(req: Request, res: Response, options: SseOptions<T>): Promise<void> {
  const lastHeader = req.headers['last-event-id'];
  let last = typeof lastHeader === 'string' && /^\d+$/.test(lastHeader) ? Number(lastHeader) : 0;
  const signal = clientGone(req, res);
  res.status(200).set({ 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  res.flushHeaders();
  res.write('retry: 3000\n\n');
  while (!signal.aborted) {
    const prepared = options.hub.prepare(options.key);
    // A failed read ends the stream; the interest registered before it must not stay in the hub.
    const items = await options.readAfter(last).catch((err: unknown) => {
      prepared.cancel();
      throw err;
    });
    if (items.length > 0) {
      prepared.cancel();
      for (const item of items) {
        last = options.seqOf(item);
        res.write(`id: ${last}\nevent: ${options.event}\ndata: ${JSON.stringify(item)}\n\n`);
      }
      continue;
    }
    const outcome = await prepared.wait(options.heartbeatMs ?? 15_000, signal);
    if (outcome === 'timeout') res.write(': heartbeat\n\n');
    if (outcome === 'closed' || outcome === 'aborted') break;
  }
  res.end();
}
