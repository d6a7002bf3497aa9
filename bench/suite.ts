// The issue-14 benchmark suite: names, runners, and the JSON file `tps bench --json FILE` writes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { log, machine, type BenchResult, type Machine } from './lib/common.js';

/** The six benchmarks of issue 14, in the order `all` runs them. */
export const BENCH_NAMES = ['e2e', 'latency', 'longpoll', 'fairness', 'registry', 'documents'] as const;
/** Also available by name: benchmarks 1 and 3 with one Node process per component (`tps serve X`). */
export const EXTRA_BENCH_NAMES = ['e2e-split', 'latency-split', 'longpoll-split'] as const;
export type BenchName = (typeof BENCH_NAMES)[number] | (typeof EXTRA_BENCH_NAMES)[number];

export interface SuiteOptions {
  quick?: boolean;
  /** CPU profiles of the platform process(es) into this folder (e2e, latency, longpoll, registry). */
  profileDir?: string;
  /** Benchmark 5: total assets (default 1,000,000; quick 2,000). */
  assets?: number;
  /** Benchmark 5: also on PostgreSQL; benchmark 1: on PostgreSQL instead of SQLite (a private server from packages/testing). */
  postgres?: boolean;
  /** registry with postgres: PostgreSQL only. */
  skipSqlite?: boolean;
  /** Benchmark 1: schedules per round. */
  messages?: number;
  /** Benchmark 2: signals per condition. */
  signals?: number;
  /** Benchmark 2: background schedules/s instead of half a calibration run (same load for paired runs). */
  loadRate?: number;
  /** Benchmark 3: concurrent waiters. */
  waiters?: number;
  rounds?: number;
  /** Benchmark 1: series (assets × 96 quarter hours) per schedule document; default 4, 1 is the issue's 7.4 kB document. */
  series?: number;
  /** Benchmark 3: run the platform from compiled JavaScript (dist/). */
  compiled?: boolean;
  /** Benchmark 3: the waiters keep their connections alive (default: Connection: close). */
  keepAlive?: boolean;
}

export interface SuiteReport {
  machine: Machine;
  results: BenchResult[];
}

/** Benchmark 1's options from the suite's (e2e and e2e-split take the same). */
const e2eOptions = (o: SuiteOptions) => ({
  ...(o.profileDir ? { profileDir: o.profileDir } : {}),
  ...(o.messages ? { messages: o.messages } : {}),
  ...(o.rounds ? { rounds: o.rounds } : {}),
  ...(o.series ? { assetsPerAgr: o.series } : {}),
  ...(o.postgres ? { postgres: true } : {}),
});

export async function runBench(name: BenchName, o: SuiteOptions = {}): Promise<BenchResult> {
  const quick = o.quick ?? false;
  switch (name) {
    case 'e2e':
      return (await import('./e2e.js')).runE2e({ quick, ...e2eOptions(o) });
    case 'e2e-split':
      return (await import('./e2e.js')).runE2e({ quick, split: true, ...e2eOptions(o) });
    case 'latency':
      return (await import('./latency.js')).runLatency({ quick, ...(o.profileDir ? { profileDir: o.profileDir } : {}), ...(o.signals ? { signals: o.signals } : {}), ...(o.loadRate ? { loadRate: o.loadRate } : {}) });
    case 'latency-split':
      return (await import('./latency.js')).runLatency({ quick, split: true, ...(o.profileDir ? { profileDir: o.profileDir } : {}), ...(o.signals ? { signals: o.signals } : {}), ...(o.loadRate ? { loadRate: o.loadRate } : {}) });
    case 'longpoll':
      return (await import('./longpoll.js')).runLongPoll({ quick, ...(o.waiters ? { waiters: o.waiters } : {}), ...(o.compiled ? { compiled: true } : {}), ...(o.keepAlive ? { keepAlive: true } : {}), ...(o.profileDir ? { profileDir: o.profileDir } : {}) });
    case 'longpoll-split':
      return (await import('./longpoll.js')).runLongPoll({ quick, split: true, ...(o.waiters ? { waiters: o.waiters } : {}), ...(o.compiled ? { compiled: true } : {}), ...(o.keepAlive ? { keepAlive: true } : {}), ...(o.profileDir ? { profileDir: o.profileDir } : {}) });
    case 'fairness':
      return (await import('./fairness-split.js')).runFairness({ quick });
    case 'registry':
      return (await import('./registry.js')).runRegistry({ quick, ...(o.profileDir ? { profileDir: o.profileDir } : {}), ...(o.assets ? { assets: o.assets } : {}), ...(o.postgres ? { postgres: true } : {}), ...(o.skipSqlite ? { skipSqlite: true } : {}) });
    case 'documents':
      return (await import('./documents-rate.js')).runDocuments({ quick });
  }
}

export async function runSuite(names: readonly BenchName[], o: SuiteOptions = {}, jsonFile?: string): Promise<SuiteReport> {
  const report: SuiteReport = { machine: machine(), results: [] };
  if (o.profileDir) mkdirSync(o.profileDir, { recursive: true }); // the benchmarks write profiles into it
  for (const name of names) {
    log(`== bench ${name}${o.quick ? ' (quick)' : ''}`);
    const r = await runBench(name, o);
    report.results.push(r);
    if (jsonFile) {
      mkdirSync(dirname(jsonFile), { recursive: true });
      writeFileSync(jsonFile, JSON.stringify(report, null, 2) + '\n'); // after each benchmark: a crash keeps what was measured
    }
  }
  return report;
}

/** A one-screen text table of a report (stdout of `tps bench`). */
export function renderReport(report: SuiteReport): string {
  const m = report.machine;
  const lines = [`machine: ${m.cores} × ${m.cpu}, ${m.ramGiB} GiB, Node ${m.node}, RabbitMQ ${m.rabbitmq ?? '?'}, PostgreSQL ${m.postgres ?? '?'}`];
  for (const r of report.results) {
    lines.push(`\n${r.bench}${r.quick ? ' (quick)' : ''}: ${r.seconds} s, load ${r.loadBefore} → ${r.loadAfter}`);
    for (const f of r.figures) {
      const rounds = f.rounds && f.rounds.length > 1 ? `  (rounds ${f.rounds.join(', ')})` : '';
      const goal = f.goal ? `  goal ${f.goal}: ${f.met ? 'met' : 'NOT met'}` : '';
      lines.push(`  ${f.name.padEnd(52)} ${String(f.value).padStart(10)} ${f.unit}${rounds}${goal}${f.note ? `  [${f.note}]` : ''}`);
    }
  }
  return lines.join('\n') + '\n';
}
