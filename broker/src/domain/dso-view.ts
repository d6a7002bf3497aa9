// What a DSO may see (F5a, F9a, NF3): assets on its grid without operator, and splits of its own
// limits with per-asset grants but without operators. Built by picking allowed fields, never by
// deleting forbidden ones, so a field added to Asset later stays private by default.
import type { ListedAsset } from '../../../packages/iec62325/src/model/registration-documents.types.js';
import type { SeriesDecision, SplitMetrics, TraceEntry, SeriesMetricsSummary } from '../../../packages/fairness/src/index.js';
import type { Asset } from './types.js';

export function toListedAsset(asset: Asset): ListedAsset {
  return {
    assetId: asset.assetId,
    ...(asset.name !== undefined ? { name: asset.name } : {}),
    connectionPoint: asset.connectionPoint,
    produces: asset.produces,
    consumes: asset.consumes,
    maxProductionW: asset.maxProductionW,
    maxConsumptionW: asset.maxConsumptionW,
  };
}

export interface DsoSplitView {
  policy: string;
  direction: string;
  assetIds: readonly string[];
  intervals: Array<{ index: number; limitW: number; grantsW: readonly number[]; metrics: SplitMetrics; trace: readonly TraceEntry[] }>;
  metrics: SeriesMetricsSummary;
}

export function splitForDso(decision: SeriesDecision): DsoSplitView {
  return {
    policy: decision.policy,
    direction: decision.direction,
    assetIds: decision.assetIds,
    intervals: decision.intervals.map((i) => ({ index: i.index, limitW: i.limitW, grantsW: i.grantsW, metrics: i.metrics, trace: i.trace })),
    metrics: decision.summary.metrics,
  };
}
