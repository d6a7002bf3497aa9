// F6a fairness inputs: per affected asset its operator, its capacity in the limit's direction
// (asset capabilities) and, when a schedule covers the interval, what it plans in that direction.
import { plannedForDirection, type SeriesAssetInput, type SeriesRequest } from '../../../packages/fairness/src/index.js';
import type { ForeseenLimitSeries } from '../../../packages/iec62325/src/model/market-documents.types.js';
import type { Asset, StoredScheduleSeries } from './types.js';

const MINUTE = 60_000;
const STEP_MINUTES = { PT15M: 15, PT60M: 60 } as const;

export function capacityInDirection(asset: Asset, direction: 'production' | 'consumption'): number {
  if (direction === 'production') return asset.produces ? asset.maxProductionW : 0;
  return asset.consumes ? asset.maxConsumptionW : 0;
}

/**
 * Planned magnitude of one asset over [from, to): the largest planned value in the direction
 * among the points of the newest schedule series overlapping it (an asset that plans to use a
 * lot in part of the interval needs it). Undefined when no schedule covers the interval.
 */
export function plannedOver(schedules: readonly StoredScheduleSeries[], from: number, to: number, direction: 'production' | 'consumption'): number | undefined {
  // `schedules` come newest first; the first overlapping series wins.
  for (const s of schedules) {
    const start = Date.parse(s.start);
    const step = STEP_MINUTES[s.resolution] * MINUTE;
    if (start >= to || Date.parse(s.end) <= from) continue;
    let max: number | undefined;
    s.pointsW.forEach((w, k) => {
      const t = start + k * step;
      if (t < to && t + step > from) max = Math.max(max ?? 0, plannedForDirection(w, direction));
    });
    if (max !== undefined) return max;
  }
  return undefined;
}

/** The splitter request for one foreseen series; `assets` are the named assets in the registry. */
export function fairnessRequest(
  series: ForeseenLimitSeries,
  assets: readonly Asset[],
  schedulesByAsset: ReadonlyMap<string, readonly StoredScheduleSeries[]>,
  policy: string,
): SeriesRequest {
  const start = Date.parse(series.interval.start);
  const step = STEP_MINUTES[series.resolution] * MINUTE;
  const inputs: SeriesAssetInput[] = assets.map((asset) => {
    const capacityW = capacityInDirection(asset, series.direction);
    const schedules = schedulesByAsset.get(asset.assetId) ?? [];
    const planned = series.availableW.map((_, k) => plannedOver(schedules, start + k * step, start + (k + 1) * step, series.direction));
    // An interval without a plan counts as "may use its full capacity" (need = capacity).
    const anyPlan = planned.some((p) => p !== undefined);
    return {
      id: asset.assetId,
      operator: asset.operator,
      capacityW,
      ...(anyPlan ? { plannedW: planned.map((p) => Math.min(p ?? capacityW, capacityW)) } : {}),
    };
  });
  return { limitsW: series.availableW, direction: series.direction, policy, assets: inputs };
}
