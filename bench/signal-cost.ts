// Benchmark 2 (issue 14), the cost of one emergency signal on an otherwise idle platform: DSO
// POST /capacity-limits/unforeseen (stop) → the AGR/BRP's parked GET /limits/wait returns it, N
// signals back to back after 30 warm-up ones. Reports the platform process's CPU per signal
// (/proc user + system, so figures hold on a loaded machine) and, with --statements, every SQL
// statement and publish per component per signal: the platform child writes them with their
// times (BENCH_SQL_TRACE_FILE, bench/lib/platform-child.ts), so a signal's statements are placed
// before or after the AGR/BRP's answer ("critical" = before). The statement trace costs CPU: take
// CPU figures from runs without --statements.
//
//   npx tsx bench/signal-cost.ts [--signals 100] [--statements] [--gap MS] [--list K] [--json F]
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setupGrid } from './lib/grid.js';
import { PlatformUnderTest } from './lib/platform.js';
import { withRabbit } from './lib/rabbit.js';
import { median, sleep } from './lib/common.js';

const { values } = parseArgs({ options: { signals: { type: 'string', default: '100' }, statements: { type: 'boolean', default: false }, gap: { type: 'string' }, list: { type: 'string' }, json: { type: 'string' } } });
const n = Number(values.signals);
// With --statements, a pause between signals separates one signal's work from the next one's.
const gap = Number(values.gap ?? (values.statements ? 300 : 0));
const traceFile = values.statements ? join(mkdtempSync(join(tmpdir(), 'tps-signal-cost-')), 'trace.tsv') : undefined;
if (traceFile) process.env.BENCH_SQL_TRACE_FILE = traceFile; // inherited by the forked platform process

const now = () => performance.timeOrigin + performance.now();
const cpuMs = (pid: number): number => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime + stime, USER_HZ = 100
};
const isoMinute = (ms: number) => new Date(Math.ceil(ms / 60_000) * 60_000).toISOString().slice(0, 16) + ':00Z';

const load0 = loadavg()[0]!;
const measured = await withRabbit(async (amqpUrl) => {
  const p = await new PlatformUnderTest({ amqpUrl, agrs: 3, dsos: 1 }).start();
  try {
    const grid = await setupGrid(p, { pointsPerDso: 3, assetsPerAgr: 4 });
    const dso = p.client(p.dsoParties[0]!);
    const target = p.agrParties.length - 1;
    const agr = p.client(p.agrParties[target]!);
    const asset = grid.assets[target]![0]!;
    const run = async (tag: string, count: number, pause: number) => {
      const out: Array<{ post: number; wake: number }> = [];
      for (let i = 0; i < count; i++) {
        const waiting = (async () => {
          for (;;) {
            const { limits } = await agr.get<{ limits: Array<{ kind: string }> }>(`/limits/wait?timeout=10&client=cost`);
            if (limits.some((l) => l.kind === 'unforeseen')) return now();
          }
        })();
        await sleep(3); // let the request park
        const post = now();
        await dso.post('/capacity-limits/unforeseen', { limitId: `COST-${tag}-${i}`, expectedEnd: isoMinute(Date.now() + 2 * 3_600_000), signals: [{ direction: 'consumption', action: 'stop', assetIds: [asset] }] });
        out.push({ post, wake: await waiting });
        if (pause) await sleep(pause);
      }
      return out;
    };
    await run('warm', 30, 0);
    await sleep(1000);
    await p.cpuUsage(); // flushes the warm-up's trace lines
    const c0 = cpuMs(p.pid);
    const signals = await run('m', n, gap);
    const c1 = cpuMs(p.pid);
    await sleep(500);
    await p.cpuUsage(); // flushes the trace
    return { cpuPerSignalMs: (c1 - c0) / n, signals };
  } finally {
    await p.stop();
  }
});

const wakes = measured.signals.map((s) => s.wake - s.post).sort((a, b) => a - b);
const result: Record<string, unknown> = { signals: n, gapMs: gap, statementsTraced: Boolean(traceFile), load: [load0, loadavg()[0]], cpuPerSignalMs: measured.cpuPerSignalMs, wakeP50Ms: median(wakes), wakeMaxMs: wakes.at(-1) };
if (traceFile) Object.assign(result, statementsPerSignal(readFileSync(traceFile, 'utf8'), measured.signals, values.list === undefined ? undefined : Number(values.list)));
console.log(JSON.stringify(result, null, 1));
if (values.json) writeFileSync(values.json, JSON.stringify(result, null, 1));
process.exit(0);

/**
 * Each signal owns the statements from its POST to the next POST (the last one: to 200 ms after
 * its answer); those before its answer are "critical". Shapes: verb + first table (or the publish).
 */
function statementsPerSignal(text: string, signals: Array<{ post: number; wake: number }>, list?: number) {
  const rows = text.split('\n').filter(Boolean).map((l) => l.split('\t')).map(([t, c, s]) => ({ t: Number(t), c: c!, s: s! }));
  rows.sort((a, b) => a.t - b.t);
  const shape = (s: string) => (s.startsWith('PUBLISH') ? s : (/^(\w+)\s.*?\b(?:from|into|update)\s+[`"]?(\w+)/i.exec(s)?.slice(1, 3).join(' ').toLowerCase() ?? s.split(' ')[0]!.toLowerCase()));
  const per: Record<string, { critical: number; after: number; shapes: Record<string, number> }> = {};
  const listed: string[] = [];
  signals.forEach((sig, i) => {
    const end = signals[i + 1]?.post ?? sig.wake + 200;
    for (const r of rows) {
      if (r.t < sig.post || r.t >= end) continue;
      const critical = r.t <= sig.wake;
      if (i === list) listed.push(`${(r.t - sig.post).toFixed(1).padStart(7)} ${critical ? '*' : ' '} ${r.c.padEnd(5)} ${r.s.slice(0, 160)}`);
      if (r.s.startsWith('PUBLISH')) continue;
      const c = (per[r.c] ??= { critical: 0, after: 0, shapes: {} });
      c[critical ? 'critical' : 'after']++;
      c.shapes[shape(r.s)] = (c.shapes[shape(r.s)] ?? 0) + 1;
    }
  });
  const k = signals.length;
  const components = Object.fromEntries(
    Object.entries(per).map(([c, v]) => [c, { critical: v.critical / k, after: v.after / k, shapes: Object.fromEntries(Object.entries(v.shapes).sort((a, b) => b[1] - a[1]).map(([s, x]) => [s, x / k])) }]),
  );
  const total = Object.values(per).reduce((a, v) => a + v.critical + v.after, 0) / k;
  const critical = Object.values(per).reduce((a, v) => a + v.critical, 0) / k;
  return { statementsPerSignal: total, criticalPerSignal: critical, components, ...(list !== undefined ? { signal: listed } : {}) };
}
