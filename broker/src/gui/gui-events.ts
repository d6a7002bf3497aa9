// F3 live updates: one Server-Sent Events stream per open GUI. The core emits 'change' after the
// transaction that handled a received document commits (core.ts); each event tells the GUI what
// kind of document from which party arrived, and the GUI re-reads what it shows. Streamed over a
// fetch (EventSource cannot send the administrator's bearer header).
import type { EventEmitter } from 'node:events';
import type { Request, Response } from 'express';
import type { CoreChange } from '../core.js';

export interface GuiEventHub {
  stream(req: Request, res: Response): void;
  close(): void;
  clients(): number;
}

export function guiEventHub(events: EventEmitter, heartbeatMs = 15_000): GuiEventHub {
  const clients = new Set<Response>();
  let seq = 0;
  // One listener on the core, fanned out here: many open screens never trip the emitter's limit.
  const onChange = (change: CoreChange) => {
    seq += 1;
    const frame = `id: ${seq}\nevent: change\ndata: ${JSON.stringify({ ...change, seq, at: new Date().toISOString() })}\n\n`;
    for (const res of clients) res.write(frame);
  };
  events.on('change', onChange);
  const heartbeat = setInterval(() => {
    for (const res of clients) res.write(': heartbeat\n\n');
  }, heartbeatMs);
  heartbeat.unref();

  return {
    stream(req, res) {
      res.status(200).set({ 'content-type': 'text/event-stream', 'cache-control': 'no-cache, no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      res.flushHeaders();
      res.write(`retry: 3000\nevent: ready\ndata: ${JSON.stringify({ seq })}\n\n`);
      clients.add(res);
      const drop = () => clients.delete(res);
      req.on('close', drop);
      res.on('close', drop);
    },
    close() {
      events.off('change', onChange);
      clearInterval(heartbeat);
      for (const res of clients) res.end();
      clients.clear();
    },
    clients: () => clients.size,
  };
}
