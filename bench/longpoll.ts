// Benchmark 3 (issue 14): long-poll capacity. N concurrent GET /limits/wait on the AGR endpoint
// (spread over several AGR/BRP parties, a distinct `client` each, so each has its own cursor),
// the platform process's RSS before and with them parked, then one DSO unforeseen signal that
// concerns every one of those parties: wake-up latency of every waiter, from just before the
// DSO's POST to its answer. The platform process holds all four components, so its RSS is the
// whole platform's; the figure that belongs to the waiters is the difference.
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { log, Progress, sleep, summarize, timed, type BenchResult } from './lib/common.js';
import { setupGrid } from './lib/grid.js';
import { PlatformUnderTest, SplitPlatform } from './lib/platform.js';
import { withRabbit } from './lib/rabbit.js';
import { imageNodeOptions } from './lib/image-node-options.js';
import { round } from './e2e.js';

export interface LongPollOptions {
  quick?: boolean;
  waiters?: number;
  parties?: number;
  /** One process per component: RSS is then the AGR endpoint process's alone. */
  split?: boolean;
  /** The platform process(es) from compiled JavaScript in dist/ (no tsx), as the Docker image runs. */
  compiled?: boolean;
  /**
   * The waiters keep their connections (as a long-poll client that polls again does); default
   * `Connection: close`, so the server also closes 10,000 sockets during the wake-up.
   */
  keepAlive?: boolean;
  /** Write a V8 CPU profile of the waiters' process, from the DSO's POST to the last answer. */
  profileDir?: string;
}

const MB = 1024 * 1024;
/** process.memoryUsage() and /proc smaps_rollup figures of the waiters' process, in MB. */
function memoryLine(m: { rss: number; heapUsed: number; heapTotal?: number; external?: number; arrayBuffers?: number; smaps?: Record<string, number> }): string {
  const f = (b: number | undefined) => (b === undefined ? '?' : (b / MB).toFixed(1));
  const s = m.smaps ?? {};
  return `rss ${f(m.rss)} heapUsed ${f(m.heapUsed)} heapTotal ${f(m.heapTotal)} external ${f(m.external)} arrayBuffers ${f(m.arrayBuffers)} anon ${f(s.Anonymous && s.Anonymous * 1024)} file ${f(s.Rss && s.Anonymous && (s.Rss - s.Anonymous) * 1024)}`;
}
const isoMinute = (ms: number): string => new Date(Math.ceil(ms / 60_000) * 60_000).toISOString().slice(0, 16) + ':00Z';

export async function runLongPoll(o: LongPollOptions = {}): Promise<BenchResult> {
  const quick = o.quick ?? false;
  const n = o.waiters ?? (quick ? 100 : 10_000);
  const parties = o.parties ?? (quick ? 2 : 20);
  const split = o.split ?? false;
  const what = split ? 'AGR endpoint process' : 'platform';
  return timed(split ? 'longpoll-split' : 'longpoll', quick, { waiters: n, parties, waitersPerParty: Math.ceil(n / parties), runtime: o.compiled ? `compiled JS (dist/, plain node, NODE_OPTIONS of the image: '${imageNodeOptions()}')` : 'TypeScript under tsx', connections: o.keepAlive ? 'keep-alive' : 'close', process: split ? 'one Node process per component; RSS of the AGR endpoint process' : 'all four components in one Node process (RSS is the whole platform)' }, async (result) =>
    withRabbit(async (amqpUrl) => {
      const options = { amqpUrl, agrs: parties, dsos: 1, exposeGc: true, ...(o.compiled ? { compiled: true } : {}) };
      const splitPlatform = split ? await new SplitPlatform(options).start() : undefined;
      const p = splitPlatform ?? (await new PlatformUnderTest(options).start());
      /** The process that holds the waiters. */
      const holder = splitPlatform ? splitPlatform.parts.get('agr')! : (p as PlatformUnderTest);
      const agent = new Agent({ keepAlive: o.keepAlive ?? false, maxSockets: Infinity });
      /** GET with node:http (one socket per waiter, no pool limit): status and parsed JSON body. */
      const get = (url: string, token: string) =>
        new Promise<{ status: number; body: { limits?: unknown[] } }>((resolve, reject) => {
          const req = request(url, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              try {
                resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as { limits?: unknown[] } });
              } catch (err) {
                reject(err);
              }
            });
            res.on('error', reject);
          });
          req.on('error', reject);
          req.end();
        });
      try {
        const grid = await setupGrid(p, { pointsPerDso: parties, assetsPerAgr: 1 });
        await sleep(quick ? 200 : 1000);
        const idle = await holder.memory(true);
        log(`longpoll: ${what} RSS ${(idle.rss / MB).toFixed(1)} MB before waiters (${idle.handles} handles)`);
        let t0 = 0;
        const wake: number[] = [];
        let errors = 0;
        /** Why a waiter did not get its limit: HTTP status, 'empty' (answered without it), or the socket error. */
        const why = new Map<string, number>();
        const failed = (k: string) => {
          errors++;
          why.set(k, (why.get(k) ?? 0) + 1);
        };
        const progress = new Progress('long-poll answers', n);
        const waits = Array.from({ length: n }, async (_, i) => {
          const party = p.agrParties[i % parties]!;
          try {
            const { status, body } = await get(`${p.urls.agr}/limits/wait?timeout=120&client=w${i}`, p.token(party));
            if (status !== 200) failed(`HTTP ${status}`);
            else if (!body.limits?.length) failed(t0 === 0 ? 'empty, before the POST' : 'empty');
            else wake.push(performance.now() - t0);
          } catch (err) {
            failed((err as NodeJS.ErrnoException).code ?? String(err));
          }
          progress.update(wake.length + errors);
        });
        // Parked = the platform holds one more socket per waiter, and its memory settled.
        const deadline = Date.now() + 120_000;
        for (;;) {
          const m = await holder.memory();
          if (m.handles >= idle.handles + n || Date.now() > deadline) break;
          await sleep(250);
        }
        // A socket is accepted long before its request is parked (rate limit, token, cursor read,
        // first read: round 5 saw the AGR still parking 2.6 s after the signal, so the "first
        // answer" measured the tail of the arrival): wait until the process is quiet as well.
        let quietFor = 0;
        while (quietFor < (quick ? 1 : 3) && Date.now() < deadline) {
          const c0 = Object.values(await holder.cpuUsage())[0]!;
          await sleep(500);
          const busyMs = (Object.values(await holder.cpuUsage())[0]! - c0) / 1000;
          quietFor = busyMs < 25 ? quietFor + 1 : 0;
        }
        await sleep(quick ? 500 : 2000);
        const parked = await holder.memory(true);
        log(`longpoll: ${n} parked, RSS ${(parked.rss / MB).toFixed(1)} MB (${parked.handles} handles)`);
        log(`longpoll: memory idle → parked (MB): ${memoryLine(idle)} → ${memoryLine(parked)}`);
        log(`longpoll: V8 spaces parked (kB): ${Object.entries(parked.smaps ?? {}).filter(([k]) => k.startsWith('v8 ')).map(([k, v]) => `${k.slice(3)} ${v}`).join(', ')}`);
        if (o.profileDir) await holder.profileStart();
        const cpu0 = await holder.cpuUsage();
        t0 = performance.now();
        await p.client(p.dsoParties[0]!).post('/capacity-limits/unforeseen', {
          limitId: `LP-${Date.now()}`,
          expectedEnd: isoMinute(Date.now() + 2 * 3_600_000),
          signals: [{ direction: 'consumption', action: 'stop', assetIds: grid.assets.map((a) => a[0]!) }],
        });
        await Promise.all(waits);
        // CPU time of the waiters' process for the whole wake-up: a figure that holds on a loaded machine.
        const cpu1 = await holder.cpuUsage();
        const wakeCpuMs = (Object.values(cpu1)[0]! - Object.values(cpu0)[0]!) / 1000;
        if (o.profileDir) log(`longpoll: CPU profile ${(await holder.profileStop(join(o.profileDir, `longpoll-wake-${Date.now()}.cpuprofile`))).join(', ')}`);
        const s = summarize(wake);
        const first = wake.length ? Math.min(...wake) : NaN;
        result.figures.push(
          { name: `${what} RSS before waiters`, value: round(idle.rss / MB, 1), unit: 'MB' },
          { name: `${what} RSS with ${n} waiters parked`, value: round(parked.rss / MB, 1), unit: 'MB', goal: '≤ 200 MB', met: parked.rss / MB <= 200, note: split ? 'AGR endpoint process alone' : 'whole platform (4 components) in one process' },
          { name: 'RSS added by the waiters', value: round((parked.rss - idle.rss) / MB, 1), unit: 'MB' },
          { name: 'wake-up p50 (DSO POST → answer)', value: s.p50, unit: 'ms' },
          { name: 'wake-up p99', value: s.p99, unit: 'ms', goal: '≤ 100 ms', met: s.p99 <= 100 },
          { name: 'wake-up max', value: s.max, unit: 'ms' },
          // The first answer can leave no earlier than the signal's trip DSO → core → AGR (benchmark 2:
          // ≈ 150 ms idle); what the waiters themselves cost is the spread after it.
          { name: 'first answer (signal path DSO POST → AGR → first waiter)', value: round(first, 1), unit: 'ms' },
          { name: 'fan-out: first answer → p99 answer', value: round(s.p99 - first, 1), unit: 'ms' },
          { name: 'fan-out: first answer → last answer', value: round(s.max - first, 1), unit: 'ms' },
          { name: 'waiters without their limit (errors)', value: errors, unit: '' },
          { name: `${what} CPU time for the wake-up (POST → last answer)`, value: round(wakeCpuMs, 0), unit: 'ms' },
          { name: `${what} heap with ${n} waiters parked`, value: round(parked.heapUsed / MB, 1), unit: 'MB', note: `idle ${round(idle.heapUsed / MB, 1)} MB` },
          { name: `${what} V8 heap committed (heapTotal) idle → parked`, value: round((parked.heapTotal ?? NaN) / MB, 1), unit: 'MB', note: `idle ${round((idle.heapTotal ?? NaN) / MB, 1)} MB` },
        );
        result.details = { errors: Object.fromEntries(why), wake: s, rssIdle: idle.rss, rssParked: parked.rss, heapIdle: idle.heapUsed, heapParked: parked.heapUsed, wakeCpuMs, handlesIdle: idle.handles, handlesParked: parked.handles, memoryIdle: idle, memoryParked: parked };
      } finally {
        agent.destroy();
        await p.stop();
      }
    }),
  );
}
