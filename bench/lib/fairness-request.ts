// The data of benchmark 4 (the fairness splitter): one seeded section of 10,000 assets × 96
// quarter-hours, shared by bench/fairness.bench.ts and the A/B comparison bench/fairness-ab.ts so
// both split exactly the same request.
import type { SeriesAssetInput, SeriesRequest } from '../../packages/fairness/src/index.js';
import { seededRandom } from '../../cli/chaos/seeded-random.js';

export const ASSETS = 10_000;
export const INTERVALS = 96;
const OPERATORS = 25;

/** A plausible section: mostly 3–11 kW households, some 50–500 kW sites, a few 1–10 MW batteries. */
export function makeRequest(withPlans: boolean): SeriesRequest {
  const rnd = seededRandom(20_240_607); // the same data every run
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const assets: SeriesAssetInput[] = [];
  const needSum = new Float64Array(INTERVALS);
  for (let i = 0; i < ASSETS; i++) {
    const kind = rnd();
    const capacityW = kind < 0.8 ? int(3_000, 11_000) : kind < 0.98 ? int(50_000, 500_000) : int(1_000_000, 10_000_000);
    const planned = withPlans && rnd() < 0.7;
    const plannedW: number[] = [];
    for (let k = 0; k < INTERVALS; k++) {
      // Daily profile plus noise; some plans exceed capacity (need is then the capacity).
      const profile = 0.5 + 0.5 * Math.sin((2 * Math.PI * (k + i)) / INTERVALS);
      const p = planned ? Math.floor(capacityW * Math.min(1.2, profile * (0.4 + rnd()))) : capacityW;
      plannedW.push(p);
      needSum[k] = needSum[k]! + Math.min(p, capacityW);
    }
    assets.push({
      id: `W-${String(i).padStart(6, '0')}`,
      operator: `AGR-${String(i % OPERATORS).padStart(2, '0')}`,
      capacityW,
      ...(planned ? { plannedW } : {}),
    });
  }
  const limitsW = Array.from(needSum, (s) => Math.floor(s * (0.4 + 0.4 * rnd())));
  return { policy: 'waterfill', direction: 'consumption', limitsW, assets };
}

/** The benchmark's three workloads by name. */
export const WORKLOADS = {
  plans: (): SeriesRequest => makeRequest(true),
  'no-plans': (): SeriesRequest => makeRequest(false),
  'drem-prorata': (): SeriesRequest => ({ ...makeRequest(true), policy: 'drem-prorata' }),
} as const;
