// Scenarios of the policy comparison table in docs/fairness.md. Small and hand-checkable on
// purpose; the numbers are watts.

import type { AssetInput } from '../src/index.js';

export interface Scenario {
  /** Short label for the table column. */
  readonly key: string;
  readonly name: string;
  readonly limitW: number;
  readonly assets: readonly AssetInput[];
}

const kW = 1_000;

export const SCENARIOS: readonly Scenario[] = [
  {
    key: 'S1',
    name: 'one asset needs little (60/60/30 kW, plans 10/60/– kW, limit 90 kW)',
    limitW: 90 * kW,
    assets: [
      { id: 'A', operator: 'AGR-1', capacityW: 60 * kW, plannedW: 10 * kW },
      { id: 'B', operator: 'AGR-2', capacityW: 60 * kW, plannedW: 60 * kW },
      { id: 'C', operator: 'AGR-1', capacityW: 30 * kW },
    ],
  },
  {
    key: 'S2',
    name: '8 × 11 kW chargers at full plan + 500 kW battery planning 100 kW, limit 150 kW',
    limitW: 150 * kW,
    assets: [
      ...Array.from({ length: 8 }, (_, i) => ({ id: `EV-${i + 1}`, operator: `AGR-${(i % 2) + 1}`, capacityW: 11 * kW, plannedW: 11 * kW })),
      { id: 'BAT', operator: 'AGR-3', capacityW: 500 * kW, plannedW: 100 * kW },
    ],
  },
  {
    key: 'S3',
    name: 'everyone needs its full capacity (5/20/100/400 kW), limit 200 kW',
    limitW: 200 * kW,
    assets: [
      { id: 'P1', operator: 'AGR-1', capacityW: 5 * kW },
      { id: 'P2', operator: 'AGR-1', capacityW: 20 * kW },
      { id: 'P3', operator: 'AGR-2', capacityW: 100 * kW },
      { id: 'P4', operator: 'AGR-3', capacityW: 400 * kW },
    ],
  },
  {
    key: 'S4',
    name: 'mixed fleet of 12, three operators, plans 0–120 % of capacity, limit 60 % of need',
    limitW: 0, // set below: 60 % of Σ need
    assets: Array.from({ length: 12 }, (_, i) => {
      const capacityW = [3, 7, 11, 11, 22, 50, 50, 75, 150, 250, 400, 1000][i]! * kW;
      const plannedW = Math.round((capacityW * [0, 20, 120, 100, 40, 100, 10, 60, 100, 30, 80, 5][i]!) / 100);
      return { id: `M${String(i + 1).padStart(2, '0')}`, operator: `AGR-${(i % 3) + 1}`, capacityW, plannedW };
    }),
  },
].map((s) => {
  if (s.limitW !== 0) return s;
  const need = s.assets.reduce((sum, a) => sum + Math.min(a.capacityW, a.plannedW ?? a.capacityW), 0);
  return { ...s, limitW: Math.floor(need * 0.6) };
});
