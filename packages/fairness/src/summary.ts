// Aggregates over the intervals of a series: per asset, per operator and for the metrics, so the
// TPS core can store one summary per limit document and direction.

import type { AssetSummary, OperatorSummary, SeriesMetricsSummary, SplitMetrics } from './types.js';
import type { AssetTable } from './asset-table.js';
import type { AssetStats } from './review.js';

export class SeriesAccumulator {
  /** Updated by reviewInterval, one interval at a time. */
  readonly stats: AssetStats;
  private readonly operatorGrants: number[][];
  private readonly metrics: SplitMetrics[] = [];

  constructor(private readonly table: AssetTable) {
    this.stats = {
      minW: new Float64Array(table.count).fill(Infinity),
      maxW: new Float64Array(table.count),
      totalW: new Float64Array(table.count),
    };
    this.operatorGrants = table.operatorNames.map(() => []);
  }

  /** Records one interval's metrics and per-operator sums (indexed like table.operatorNames). */
  record(metrics: SplitMetrics, perOperator: Float64Array): void {
    for (let o = 0; o < perOperator.length; o++) this.operatorGrants[o]!.push(perOperator[o]!);
    this.metrics.push(metrics);
  }

  assets(): AssetSummary {
    const { minW, maxW, totalW } = this.stats;
    return { minW: Array.from(minW), maxW: Array.from(maxW), totalW: Array.from(totalW) };
  }

  operators(): Record<string, OperatorSummary> {
    return Object.fromEntries(
      this.table.operatorNames.map((name, o) => {
        const grantsW = this.operatorGrants[o]!;
        return [
          name,
          {
            grantsW,
            minW: grantsW.reduce((a, b) => Math.min(a, b), Infinity),
            maxW: grantsW.reduce((a, b) => Math.max(a, b), -Infinity),
            totalW: grantsW.reduce((a, b) => a + b, 0),
          },
        ];
      }),
    );
  }

  metricsSummary(): SeriesMetricsSummary {
    const m = this.metrics;
    const sum = (f: (x: SplitMetrics) => number): number => m.reduce((a, x) => a + f(x), 0);
    const max = (f: (x: SplitMetrics) => number): number => m.reduce((a, x) => Math.max(a, f(x)), -Infinity);
    const min = (f: (x: SplitMetrics) => number): number => m.reduce((a, x) => Math.min(a, f(x)), Infinity);
    return {
      intervals: m.length,
      strandedW: { total: sum((x) => x.strandedW), max: max((x) => x.strandedW) },
      avoidableStrandedW: { total: sum((x) => x.avoidableStrandedW), max: max((x) => x.avoidableStrandedW) },
      jainIndex: { min: min((x) => x.jainIndex), mean: sum((x) => x.jainIndex) / m.length },
      minSatisfaction: min((x) => x.minSatisfaction),
    };
  }
}
