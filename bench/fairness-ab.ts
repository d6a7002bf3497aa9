// A/B comparison of the fairness splitter of two source trees (e.g. a `git worktree` of the base
// commit and the working tree), for benchmark 4. Separate before/after processes on the shared
// 2-core VM differ by ±15 % in CPU time from one process to the next (other work, caches, host);
// here both trees' splitSeries run in one process, calls alternate A B B A …, and each pair's CPU
// time ratio cancels most of what the machine was doing at that moment. An A/A run (two checkouts
// of the same commit) measured a ratio median within ±3 %: smaller differences are not resolved.
// It also checks that both trees give byte-identical decisions (sha256 of the JSON).
// Run: npx tsx bench/fairness-ab.ts <treeA> <treeB> [plans|no-plans|drem-prorata] [pairs]
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SeriesDecision, SeriesRequest } from '../packages/fairness/src/index.js';
import { WORKLOADS } from './lib/fairness-request.js';

type Split = (request: SeriesRequest) => SeriesDecision;

const WARMUP = 6; // calls per tree before timing (JIT compilation)

async function splitterOf(tree: string): Promise<Split> {
  const url = pathToFileURL(resolve(tree, 'packages/fairness/src/index.ts')).href;
  return ((await import(url)) as { splitSeries: Split }).splitSeries;
}

function cpuMs(split: Split, request: SeriesRequest): number {
  const c0 = process.cpuUsage();
  split(request);
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000; // includes GC helper threads
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const sha256 = (d: SeriesDecision): string => createHash('sha256').update(JSON.stringify(d)).digest('hex');

const [treeA, treeB, workload = 'plans', pairsArg = '30'] = process.argv.slice(2);
if (treeA === undefined || treeB === undefined || !(workload in WORKLOADS)) {
  console.error(`usage: npx tsx bench/fairness-ab.ts <treeA> <treeB> [${Object.keys(WORKLOADS).join('|')}] [pairs]`);
  process.exit(2);
}
const pairs = Number(pairsArg);
const a = await splitterOf(treeA);
const b = await splitterOf(treeB);
const request = WORKLOADS[workload as keyof typeof WORKLOADS]();
const identical = sha256(a(request)) === sha256(b(request));
for (let r = 0; r < WARMUP; r++) {
  a(request);
  b(request);
}
const load = loadavg()[0]!;
const msA: number[] = [];
const msB: number[] = [];
const ratios: number[] = [];
for (let p = 0; p < pairs; p++) {
  // Alternate which tree goes first, so neither profits from running second.
  let x: number;
  let y: number;
  if (p % 2 === 0) {
    x = cpuMs(a, request);
    y = cpuMs(b, request);
  } else {
    y = cpuMs(b, request);
    x = cpuMs(a, request);
  }
  msA.push(x);
  msB.push(y);
  ratios.push(y / x);
}
const round = (x: number, d = 1): number => Math.round(x * 10 ** d) / 10 ** d;
console.log(
  JSON.stringify({
    workload,
    pairs,
    identical,
    cpuMedianA: round(median(msA)),
    cpuMedianB: round(median(msB)),
    ratioMedianBtoA: round(median(ratios), 3),
    load: [round(load, 2), round(loadavg()[0]!, 2)],
  }),
);
