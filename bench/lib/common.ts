// Shared helpers of the issue-14 benchmark suite (`tps bench …`): machine description, load,
// statistics, progress on stderr, and the result shape written with --json.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Machine {
  cpu: string;
  cores: number;
  ramGiB: number;
  node: string;
  rabbitmq?: string;
  postgres?: string;
}

/** One figure of a benchmark: value with unit, the load average when it was taken, optional rounds. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** Individual rounds when the value is a median. */
  rounds?: number[];
  goal?: string;
  met?: boolean;
  note?: string;
}

export interface BenchResult {
  bench: string;
  quick: boolean;
  startedAt: string;
  seconds: number;
  /** 1-minute load average before and after the run (other work on the machine). */
  loadBefore: number;
  loadAfter: number;
  parameters: Record<string, unknown>;
  figures: Figure[];
  /** Extra data (latency samples summaries, profile tops). */
  details?: Record<string, unknown>;
  notes?: string[];
}

export function machine(): Machine {
  const c = cpus();
  return { cpu: c[0]?.model ?? 'unknown', cores: c.length, ramGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10, node: process.version, ...versions() };
}

function versions(): { rabbitmq?: string; postgres?: string } {
  const out: { rabbitmq?: string; postgres?: string } = {};
  try {
    const f = '/usr/lib/rabbitmq/lib';
    if (existsSync(f)) {
      const d = execFileSync('ls', [f], { encoding: 'utf8' }).split('\n').find((x) => x.startsWith('rabbitmq_server-'));
      if (d) out.rabbitmq = d.replace('rabbitmq_server-', '');
    }
  } catch {
    /* not installed */
  }
  try {
    const pg = execFileSync('sh', ['-c', 'ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1'], { encoding: 'utf8' }).trim();
    if (pg) {
      const v = execFileSync(`/usr/lib/postgresql/${pg}/bin/postgres`, ['--version'], { encoding: 'utf8' }).trim();
      out.postgres = v.replace(/^postgres \(PostgreSQL\) /, '');
    }
  } catch {
    /* not installed */
  }
  return out;
}

export const load1 = (): number => Math.round(loadavg()[0]! * 100) / 100;

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[Math.min(s.length, rank) - 1]!;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(xs: readonly number[]): LatencySummary {
  const r = (x: number) => Math.round(x * 100) / 100;
  return { count: xs.length, p50: r(percentile(xs, 50)), p90: r(percentile(xs, 90)), p99: r(percentile(xs, 99)), max: r(xs.length ? Math.max(...xs) : NaN), mean: r(xs.reduce((a, b) => a + b, 0) / (xs.length || 1)) };
}

/** A progress line on stderr (rewritten in place on a TTY, one line per update otherwise, throttled). */
export class Progress {
  private last = 0;
  constructor(private readonly label: string, private readonly total: number) {}
  update(done: number, extra = ''): void {
    const now = Date.now();
    if (done < this.total && now - this.last < (process.stderr.isTTY ? 200 : 2000)) return;
    this.last = now;
    const width = 24;
    const fill = this.total > 0 ? Math.min(width, Math.round((done / this.total) * width)) : 0;
    const line = `${this.label} [${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${done}/${this.total}${extra ? ' ' + extra : ''}`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line}\x1b[K${done >= this.total ? '\n' : ''}`);
    else process.stderr.write(line + '\n');
  }
}

export const log = (s: string): void => void process.stderr.write(s + '\n');
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function timed<T>(bench: string, quick: boolean, parameters: Record<string, unknown>, body: (r: BenchResult) => Promise<T>): Promise<BenchResult> {
  const result: BenchResult = { bench, quick, startedAt: new Date().toISOString(), seconds: 0, loadBefore: load1(), loadAfter: 0, parameters, figures: [], notes: [] };
  const t0 = performance.now();
  await body(result);
  result.seconds = Math.round((performance.now() - t0) / 100) / 10;
  result.loadAfter = load1();
  return result;
}

/** Reads a results JSON written by `tps bench --json`. */
export function readResults(file: string): { machine: Machine; results: BenchResult[] } {
  return JSON.parse(readFileSync(file, 'utf8')) as { machine: Machine; results: BenchResult[] };
}

/** Runs `fn` over `items` with at most `n` in flight. */
export async function pool<T>(items: readonly T[], n: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i]!, i);
      }
    }),
  );
}
