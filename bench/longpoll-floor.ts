// Benchmark 3's floor (issue 14, round 5): what answering N parked long-polls costs a bare
// node:http server on this machine — no express, no database, no auth: the child parks every
// request, then answers all of them at once with one status, one header list and one shared
// body Buffer (`writeHead(200, flatHeaders)` + `end(body)`). The clients are those of
// bench/longpoll-agr.ts (one socket each, JSON.parse per answer), with `--keep-alive` or not
// (without it the server answers `Connection: close` and closes every socket, as in the
// benchmark; a real long-poll client keeps its connection and polls again).
// Run: node --import tsx bench/longpoll-floor.ts [--waiters 10000] [--keep-alive] [--chunk N]
// --chunk N answers N waiters per event-loop turn (setImmediate between chunks); 0 = all at once.
import { fork } from 'node:child_process';
import { Agent, createServer, type ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { waitRequest } from './lib/wait-client.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const MB = 1024 * 1024;

if (process.argv.includes('--child')) child();
else await parent();

function child(): void {
  const parked: ServerResponse[] = [];
  // A body of the size of one limit answer (≈ 1 kB JSON), and headers like the wait route's.
  const body = Buffer.from(JSON.stringify({ limits: [{ limitId: 'x'.repeat(36), seq: 1, assets: ['A'.repeat(16)], pad: 'p'.repeat(700) }] }), 'utf8');
  const headers = ['Content-Security-Policy', "default-src 'self'", 'X-Content-Type-Options', 'nosniff', 'X-Frame-Options', 'SAMEORIGIN', 'Content-Type', 'application/json; charset=utf-8', 'Content-Length', String(body.length), 'ETag', 'W/"3f2-abcdef"'];
  const srv = createServer((req, res) => {
    if (req.url?.startsWith('/wait')) parked.push(res);
    else res.end('ok');
  });
  srv.listen(0, '127.0.0.1', 4096, () => {
    const port = (srv.address() as { port: number }).port;
    process.send!({ ready: `http://127.0.0.1:${port}` });
  });
  const chunk = Number(arg('chunk', '0'));
  process.on('message', (m: { parked?: true; memory?: true; wake?: true; stop?: true }) => {
    if (m.parked) process.send!({ parked: parked.length });
    else if (m.memory) {
      (globalThis as { gc?: () => void }).gc?.();
      process.send!({ memory: process.memoryUsage() });
    } else if (m.wake) {
      const c0 = process.cpuUsage();
      const all = parked.splice(0);
      let i = 0;
      const answer = () => {
        const end = chunk > 0 ? Math.min(all.length, i + chunk) : all.length;
        for (; i < end; i++) {
          const res = all[i]!;
          res.writeHead(200, headers);
          res.end(body);
        }
        if (i < all.length) setImmediate(answer);
        else {
          // CPU until every socket has finished (closed when the client does not keep it alive).
          let open = all.length;
          const done = () => {
            if (--open === 0) {
              const c = process.cpuUsage(c0);
              process.send!({ cpu: (c.user + c.system) / 1000 });
            }
          };
          for (const r of all) {
            // Kept alive: over once handed to the socket; else once the socket has closed.
            if (keptAlive(r)) r.writableFinished ? done() : r.once('finish', done);
            else r.closed ? done() : r.once('close', done);
          }
        }
      };
      answer();
    } else if (m.stop) process.exit(0);
  });
}

/** Node keeps the connection unless the client asked `Connection: close`. */
function keptAlive(r: ServerResponse): boolean {
  return (r as unknown as { shouldKeepAlive: boolean }).shouldKeepAlive;
}

async function parent(): Promise<void> {
  const n = Number(arg('waiters', '10000'));
  const keep = process.argv.includes('--keep-alive');
  const proc = fork(fileURLToPath(import.meta.url), ['--child', '--chunk', arg('chunk', '0')], { execArgv: ['--expose-gc', '--import', 'tsx'] });
  const replies: Array<(r: Record<string, unknown>) => void> = [];
  proc.on('message', (r: Record<string, unknown>) => replies.shift()?.(r));
  const next = () => new Promise<Record<string, unknown>>((r) => replies.push(r));
  const ask = async (m: object, key: string) => {
    const p = next();
    proc.send(m);
    return (await p)[key];
  };
  const url = (await next()).ready as string;
  const agent = new Agent({ keepAlive: keep, maxSockets: Infinity });
  const idle = (await ask({ memory: true }, 'memory')) as NodeJS.MemoryUsage;
  let t0 = 0;
  const wake: number[] = [];
  let bad = 0;
  const cpuClient0 = { v: process.cpuUsage() };
  const waits = Array.from({ length: n }, (_, i) =>
    waitRequest(`${url}/wait?client=w${i}`, agent, {}, (withLimits) => {
      if (withLimits && t0 > 0) wake.push(performance.now() - t0);
      else bad++;
    }),
  );
  const deadline = Date.now() + 120_000;
  while (((await ask({ parked: true }, 'parked')) as number) < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  await new Promise((r) => setTimeout(r, 1000));
  const parked = (await ask({ memory: true }, 'memory')) as NodeJS.MemoryUsage;
  const cpuAnswer = next();
  cpuClient0.v = process.cpuUsage();
  t0 = performance.now();
  proc.send({ wake: true });
  await Promise.all(waits);
  const clientCpu = process.cpuUsage(cpuClient0.v);
  const serverCpuMs = (await cpuAnswer).cpu as number;
  wake.sort((a, b) => a - b);
  const q = (p: number) => wake[Math.min(wake.length - 1, Math.floor((p / 100) * wake.length))] ?? NaN;
  process.stdout.write(
    JSON.stringify({
      n,
      keepAlive: keep,
      chunk: Number(arg('chunk', '0')),
      answered: wake.length,
      bad,
      rssIdleMB: +(idle.rss / MB).toFixed(1),
      rssParkedMB: +(parked.rss / MB).toFixed(1),
      rssPerWaiterKB: +((parked.rss - idle.rss) / n / 1024).toFixed(2),
      heapPerWaiterKB: +((parked.heapUsed - idle.heapUsed) / n / 1024).toFixed(2),
      serverCpuMs: Math.round(serverCpuMs),
      serverCpuPerAnswerUs: Math.round((serverCpuMs * 1000) / n),
      clientCpuMs: Math.round((clientCpu.user + clientCpu.system) / 1000),
      first: Math.round(q(0)),
      p50: Math.round(q(50)),
      p99: Math.round(q(99)),
      max: Math.round(wake[wake.length - 1] ?? NaN),
    }) + '\n',
  );
  agent.destroy();
  proc.send({ stop: true });
}
