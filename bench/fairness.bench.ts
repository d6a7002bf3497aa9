// Benchmark of the fairness splitter (F6a): 10,000 assets × 96 quarter-hours under waterfill,
// through the public multi-interval API. Target ≤ 100 ms on one core. A benchmark, never a
// timed test: it prints figures and does not fail on them. Run: npm run bench:fairness
import { arch, cpus, loadavg, platform } from 'node:os';
import { performance } from 'node:perf_hooks';
import { splitSeries, type SeriesRequest } from '../packages/fairness/src/index.js';
import { ASSETS, INTERVALS, makeRequest } from './lib/fairness-request.js';

const WARMUP = 5; // the first runs include JIT compilation
const RUNS = 11;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

// A fixed reference workload (plain typed-array arithmetic, 960,000 iterations) timed right before
// each run: on a shared or throttled VM single-core speed varies several-fold from minute to
// minute, and the ratio splitter/reference varies much less than either figure.
const refA = Float64Array.from({ length: ASSETS }, (_, i) => (i * 7919) % 10_007);
const refB = Float64Array.from({ length: ASSETS }, (_, i) => 1 + ((i * 104_729) % 997));
function reference(): number {
  let s = 0;
  for (let k = 0; k < INTERVALS; k++) {
    for (let i = 0; i < ASSETS; i++) {
      const a = refA[i]! + k;
      const b = refB[i]!;
      s += a < b ? a / b : b / a;
    }
  }
  return s;
}

function timed(f: () => unknown): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

function measure(label: string, request: SeriesRequest): void {
  let check = 0;
  for (let r = 0; r < WARMUP; r++) check += splitSeries(request).intervals.length + reference();
  const wall: number[] = [];
  const cpu: number[] = [];
  const ratio: number[] = [];
  const refs: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const ref = timed(reference);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const decision = splitSeries(request);
    const t = performance.now() - t0;
    const c = process.cpuUsage(c0);
    wall.push(t);
    cpu.push((c.user + c.system) / 1000); // includes GC helper threads
    refs.push(ref);
    ratio.push(t / ref);
    check += decision.intervals.length;
  }
  const med = median(wall);
  console.log(
    `${label.padEnd(34)} median ${med.toFixed(1).padStart(6)} ms  min ${Math.min(...wall).toFixed(1)}  max ${Math.max(...wall).toFixed(1)}` +
      `  cpu median ${median(cpu).toFixed(1)} ms  (${((med * 1e6) / (ASSETS * INTERVALS)).toFixed(0)} ns per asset-interval)` +
      `  reference median ${median(refs).toFixed(2)} ms (min ${Math.min(...refs).toFixed(2)}), ratio median ${median(ratio).toFixed(1)}` +
      `  [check ${check.toFixed(0)}]`,
  );
}

const cpu = cpus();
console.log(`fairness splitter benchmark: ${ASSETS} assets × ${INTERVALS} intervals, median of ${RUNS} runs after ${WARMUP} warm-up`);
console.log(`machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${platform()}/${arch()}, node ${process.version} (single-threaded)`);
// Other work on the machine inflates the figures; the load average says how busy it was.
console.log(`load average before: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
const withPlans = makeRequest(true);
measure('waterfill, per-interval plans', withPlans);
measure('waterfill, no plans', makeRequest(false));
measure('drem-prorata, per-interval plans', { ...withPlans, policy: 'drem-prorata' });
