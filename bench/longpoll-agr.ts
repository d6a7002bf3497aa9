// Benchmark 3, the AGR endpoint alone (issue 14): N parked GET /limits/wait in a child process
// that holds only the AGR/BRP app (the test harness: SQLite in memory, a recording messenger, no
// RabbitMQ, no other component), the clients in this process. Measures the child's RSS and heap
// idle → parked (after gc), then delivers one limit to every party inside the child and measures
// the child's CPU time until every waiter has its answer, and each answer's wake-up latency.
// Run: node --import tsx bench/longpoll-agr.ts [--waiters 10000] [--parties 20] [--tree DIR]
// --snapshot FILE writes a heap snapshot of the parked child, --profile FILE a CPU profile of its wake-up,
// --profile-arrival FILE a CPU profile of the arrival (first connect → all parked); --tree runs another checkout's AGR app (a "before" worktree) with this same driver.
import { fork } from 'node:child_process';
import { Agent } from 'node:http';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { waitRequest } from './lib/wait-client.js';

interface Memory { rss: number; heapUsed: number; heapTotal: number; oldSpaceCommitted: number; oldSpaceUsed: number; external: number; arrayBuffers: number }
type Reply = { ready: { url: string; tokens: string[] } } | { memory: Memory } | { cpu: number } | { delivered: number } | { snapshot: string } | { parked: number } | { profile: string };

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const MB = 1024 * 1024;
/** The harness's clock: the limits grantLimit builds are in force then. */
const CLOCK = new Date('2026-05-01T08:00:00Z');

if (process.argv.includes('--child')) await child(arg('tree', '.'), Number(arg('parties', '20')));
else await parent();

async function child(tree: string, parties: number): Promise<void> {
  const root = resolve(tree);
  // The test harness's set-up, with a long-poll maximum above the benchmark's 120 s wait.
  const { createAgrApp } = (await import(`${root}/endpoint-agr/src/app.ts`)) as typeof import('../endpoint-agr/src/app.js');
  const { RecordingMessenger } = (await import(`${root}/endpoint-agr/test/recording-messenger.ts`)) as typeof import('../endpoint-agr/test/recording-messenger.js');
  const { CORE, assetId } = (await import(`${root}/endpoint-agr/test/agr-harness.ts`)) as typeof import('../endpoint-agr/test/agr-harness.js');
  const { grantLimit } = (await import(`${root}/endpoint-agr/test/core-documents.ts`)) as typeof import('../endpoint-agr/test/core-documents.js');
  const { makeEic } = (await import(`${root}/packages/iec62325/src/index.ts`)) as typeof import('../packages/iec62325/src/index.js');
  const { createLogger, listen } = (await import(`${root}/packages/http/src/index.ts`)) as typeof import('../packages/http/src/index.js');
  const { openDatabase } = (await import(`${root}/packages/storage/src/index.ts`)) as typeof import('../packages/storage/src/index.js');
  const { TokenRepository } = (await import(`${root}/packages/rest/src/index.ts`)) as typeof import('../packages/rest/src/index.js');
  const names = Array.from({ length: parties }, (_, i) => makeEic('10X', `AGR-LP-${String(i).padStart(3, '0')}`));
  const db = await openDatabase({ sqliteFile: ':memory:' });
  const messenger = await RecordingMessenger.create(db, names, CORE);
  const agr = await createAgrApp({ db, messenger, logger: createLogger('agr-bench', 'silent'), coreParty: CORE, longPollMaxSeconds: 120, now: () => CLOCK });
  const srv = await listen(agr.app, 0, '127.0.0.1');
  const repo = new TokenRepository(db);
  const tokens: string[] = [];
  for (const p of names) tokens.push((await repo.issue(p, 'AGR')).token);
  const h = { url: srv.url, messenger, close: async () => (await agr.close(), await srv.close(), await db.destroy()) };
  const gc = (globalThis as { gc?: () => void }).gc!;
  const send = (m: Reply) => process.send!(m);
  const session = new Session();
  process.on('message', async (m: { memory?: true; cpu?: true; deliver?: number; parked?: true; profile?: string; snapshot?: string; stop?: true }) => {
    if (m.memory) {
      gc();
      const u = process.memoryUsage();
      // Old space committed vs used: V8 keeps the pages the arrival burst grew, even after gc().
      const old = getHeapSpaceStatistics().find((s) => s.space_name === 'old_space');
      send({ memory: { rss: u.rss, heapUsed: u.heapUsed, heapTotal: u.heapTotal, oldSpaceCommitted: old?.space_size ?? 0, oldSpaceUsed: old?.space_used_size ?? 0, external: u.external, arrayBuffers: u.arrayBuffers } });
    } else if (m.cpu) {
      const c = process.cpuUsage();
      send({ cpu: (c.user + c.system) / 1000 });
    } else if (m.deliver !== undefined) {
      for (const [i, p] of names.entries()) await h.messenger.deliver(grantLimit(p, { limitId: `LP-${m.deliver}-${i}`, assets: [assetId(`LP${i}`)] }), 'capacity-limit');
      send({ delivered: names.length });
    } else if (m.profile === 'start') {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
      send({ profile: 'started' });
    } else if (m.profile) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(m.profile, JSON.stringify(profile));
      session.disconnect();
      send({ profile: m.profile });
    } else if (m.parked) {
      send({ parked: agr.hub.size });
    } else if (m.snapshot) {
      gc();
      send({ snapshot: writeHeapSnapshot(m.snapshot) });
    } else if (m.stop) {
      await h.close();
      process.exit(0);
    }
  });
  send({ ready: { url: h.url, tokens } });
}

async function parent(): Promise<void> {
  const n = Number(arg('waiters', '1000'));
  const parties = Number(arg('parties', '20'));
  const tree = arg('tree', fileURLToPath(new URL('..', import.meta.url)));
  const proc = fork(fileURLToPath(import.meta.url), ['--child', '--tree', tree, '--parties', String(parties)], {
    cwd: tree,
    execArgv: ['--expose-gc', '--import', 'tsx'],
    // The waiters all come from 127.0.0.1: the rate limit is not what is measured here.
    env: { ...process.env, TPS_RATE_LIMIT_PER_MINUTE: '10000000', LOG_LEVEL: 'silent' },
  });
  const replies: Array<(r: Reply) => void> = [];
  proc.on('message', (r: Reply) => replies.shift()?.(r));
  const next = () => new Promise<Reply>((r) => replies.push(r));
  const ask = async <K extends string>(m: object, key: K) => {
    const p = next();
    proc.send(m);
    return ((await p) as Record<K, unknown>)[key];
  };
  const ready = ((await next()) as { ready: { url: string; tokens: string[] } }).ready;
  const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
  await new Promise((r) => setTimeout(r, 1000));
  const idle = (await ask({ memory: true }, 'memory')) as Memory;
  let t0 = 0;
  const wake: number[] = [];
  // The arrival: the child's CPU from before the first connect until every waiter is on the hub.
  const arrivalProfile = arg('profile-arrival', '');
  if (arrivalProfile) await ask({ profile: 'start' }, 'profile');
  const arrivalCpu0 = (await ask({ cpu: true }, 'cpu')) as number;
  const arrivalT0 = performance.now();
  let bad = 0;
  const waits = Array.from({ length: n }, (_, i) =>
    waitRequest(`${ready.url}/limits/wait?timeout=120&client=w${i}`, agent, { authorization: `Bearer ${ready.tokens[i % parties]}` }, (withLimits) => {
      if (withLimits && t0 > 0) wake.push(performance.now() - t0);
      else bad++;
    }),
  );
  // Parked = every waiter is on the hub (its cursor read and first read done); then let it settle.
  const deadline = Date.now() + 240_000;
  while (((await ask({ parked: true }, 'parked')) as number) < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const arrivalCpu1 = (await ask({ cpu: true }, 'cpu')) as number;
  const arrivalMs = performance.now() - arrivalT0;
  if (arrivalProfile) process.stderr.write(`CPU profile (arrival): ${String(await ask({ profile: arrivalProfile }, 'profile'))}\n`);
  await new Promise((r) => setTimeout(r, 2000));
  const parked = (await ask({ memory: true }, 'memory')) as Memory;
  // --snapshot FILE: a heap snapshot of the child with the waiters parked (where their bytes are).
  const snapshotFile = arg('snapshot', '');
  if (snapshotFile) process.stderr.write(`heap snapshot: ${String(await ask({ snapshot: snapshotFile }, 'snapshot'))}\n`);
  const parkedOnHub = (await ask({ parked: true }, 'parked')) as number;
  // --profile FILE: a CPU profile of the child from the delivery to the last answer.
  const profileFile = arg('profile', '');
  if (profileFile) await ask({ profile: 'start' }, 'profile');
  const cpu0 = (await ask({ cpu: true }, 'cpu')) as number;
  t0 = performance.now();
  await ask({ deliver: Date.now() }, "delivered");
  await Promise.all(waits);
  const cpu1 = (await ask({ cpu: true }, 'cpu')) as number;
  if (profileFile) process.stderr.write(`CPU profile: ${String(await ask({ profile: profileFile }, 'profile'))}\n`);
  wake.sort((a, b) => a - b);
  const q = (p: number) => wake[Math.min(wake.length - 1, Math.floor((p / 100) * wake.length))] ?? NaN;
  const out = {
    tree,
    n,
    parties,
    answered: wake.length,
    parkedOnHub: parkedOnHub,
    bad,
    rssIdleMB: +(idle.rss / MB).toFixed(1),
    rssParkedMB: +(parked.rss / MB).toFixed(1),
    heapIdleMB: +(idle.heapUsed / MB).toFixed(1),
    heapParkedMB: +(parked.heapUsed / MB).toFixed(1),
    heapPerWaiterKB: +((parked.heapUsed - idle.heapUsed) / n / 1024).toFixed(2),
    heapTotalIdleMB: +(idle.heapTotal / MB).toFixed(1),
    heapTotalParkedMB: +(parked.heapTotal / MB).toFixed(1),
    oldSpaceCommittedMB: +(parked.oldSpaceCommitted / MB).toFixed(1),
    oldSpaceUsedMB: +(parked.oldSpaceUsed / MB).toFixed(1),
    arrivalCpuMs: Math.round(arrivalCpu1 - arrivalCpu0),
    arrivalMs: Math.round(arrivalMs),
    rssPerWaiterKB: +((parked.rss - idle.rss) / n / 1024).toFixed(2),
    externalMB: +(parked.external / MB).toFixed(1),
    wakeCpuMs: Math.round(cpu1 - cpu0),
    wakeCpuPerAnswerMs: +((cpu1 - cpu0) / n).toFixed(3),
    p50: Math.round(q(50)),
    p99: Math.round(q(99)),
    max: Math.round(wake[wake.length - 1] ?? NaN),
  };
  process.stdout.write(JSON.stringify(out) + '\n');
  agent.destroy();
  proc.send({ stop: true });
}
