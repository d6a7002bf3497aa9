// Public API of the fairness splitter (F6a: capacity limits fairly divided between assets).
// See docs/fairness.md for the policies, the exact algorithms and the comparison table.

export { split, splitSeries } from './split.js';
export { sliceForOperator, type OperatorSlice } from './operator-slice.js';
export { plannedForDirection, plannedSeriesForDirection } from './direction.js';
export { DEFAULT_POLICY, POLICY_NAMES, isPolicyName, policies, resolvePolicy, type PolicyName } from './policies.js';
export type { AllocationProblem, AssetColumns, FairnessPolicy } from './policy.js';
export { apportion, type ApportionInput } from './apportion.js';
export { IdSampler, MAX_TRACE_ENTRIES, MAX_TRACE_IDS, TraceRecorder } from './trace.js';
export { FairnessError, FairnessErrorCode, FairnessInputError, FairnessInvariantError } from './errors.js';
export type {
  AssetInput,
  AssetSummary,
  Direction,
  IdSample,
  IntervalDecision,
  OperatorSummary,
  SeriesAssetInput,
  SeriesDecision,
  SeriesMetricsSummary,
  SeriesRequest,
  SplitDecision,
  SplitMetrics,
  SplitRequest,
  TraceEntry,
} from './types.js';
