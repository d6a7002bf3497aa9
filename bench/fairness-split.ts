// Benchmark 4 (issue 14): the fairness splitter, 10,000 assets × 96 intervals (waterfill).
// Full mode runs the existing bench/fairness.bench.ts (its own process) and reads its figures;
// --quick splits a small section in-process (a smoke check that the splitter answers).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { splitSeries, type SeriesAssetInput } from '../packages/fairness/src/index.js';
import { median, REPO_ROOT, timed, type BenchResult } from './lib/common.js';

const run = promisify(execFile);

export async function runFairness(o: { quick?: boolean } = {}): Promise<BenchResult> {
  const quick = o.quick ?? false;
  return timed('fairness', quick, quick ? { assets: 200, intervals: 96, runs: 5 } : { assets: 10_000, intervals: 96, runs: 11, warmup: 5, source: 'bench/fairness.bench.ts' }, async (result) => {
    if (quick) {
      const assets: SeriesAssetInput[] = Array.from({ length: 200 }, (_, i) => ({ id: `W-${i}`, operator: `AGR-${i % 5}`, capacityW: 3_000 + ((i * 7919) % 8_000), plannedW: Array.from({ length: 96 }, (_, k) => (k * 131 + i * 17) % 11_000) }));
      const request = { policy: 'waterfill' as const, direction: 'consumption' as const, limitsW: Array.from({ length: 96 }, () => 400_000), assets };
      const ms: number[] = [];
      for (let r = 0; r < 5; r++) {
        const t0 = performance.now();
        splitSeries(request);
        ms.push(performance.now() - t0);
      }
      result.figures.push({ name: 'waterfill 200 assets × 96 (quick)', value: Math.round(median(ms) * 100) / 100, unit: 'ms' });
      return;
    }
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'bench', 'fairness.bench.ts')], { cwd: REPO_ROOT, maxBuffer: 1 << 20 });
    for (const line of stdout.split('\n')) {
      const m = /^(.+?)\s+median\s+([\d.]+) ms\s+min ([\d.]+)\s+max ([\d.]+)\s+cpu median ([\d.]+) ms/.exec(line);
      if (!m) continue;
      const label = m[1]!.trim();
      const value = Number(m[2]);
      result.figures.push({
        name: `${label} (10,000 × 96), wall median`,
        value,
        unit: 'ms',
        note: `min ${m[3]}, max ${m[4]}, CPU median ${m[5]} ms`,
        ...(label.startsWith('waterfill, per-interval') ? { goal: '≤ 100 ms', met: value <= 100 } : {}),
      });
    }
    if (result.figures.length === 0) throw new Error(`bench/fairness.bench.ts printed no figures:\n${stdout}`);
    result.details = { output: stdout };
  });
}
