// The public entry points: split one interval (`split`) or a limit with N intervals (`splitSeries`),
// one direction at a time (F6a: import and export are split separately). Pure: no I/O, no clock,
// no randomness — the same input gives byte-identical JSON output.

import type {
  Direction,
  IntervalDecision,
  SeriesDecision,
  SeriesRequest,
  SplitDecision,
  SplitRequest,
} from './types.js';
import type { FairnessPolicy } from './policy.js';
import { buildAssetTable, columnsFor, type AssetTable } from './asset-table.js';
import { allocateInterval, createWork } from './allocate-interval.js';
import { reviewInterval } from './review.js';
import { resolvePolicy } from './policies.js';
import { SeriesAccumulator } from './summary.js';
import { TraceRecorder } from './trace.js';
import { checkAssets, checkDirection, checkInteger, checkLimits } from './validate.js';
import { FairnessErrorCode, FairnessInputError } from './errors.js';

function checkRequest(request: unknown): Record<string, unknown> {
  if (typeof request !== 'object' || request === null) {
    throw new FairnessInputError(FairnessErrorCode.InvalidField, 'request', 'must be an object');
  }
  return request as Record<string, unknown>;
}

/** Splits a single interval's limit among the assets. Throws FairnessInputError on bad input. */
export function split(request: SplitRequest): SplitDecision {
  const raw = checkRequest(request);
  const policy = resolvePolicy(raw['policy']);
  const direction = checkDirection(raw['direction']);
  const limitW = checkInteger(raw['limitW'], 'limitW');
  const table = buildAssetTable(checkAssets(raw['assets'], undefined));
  const series = run(policy, direction, [limitW], table);
  const only = series.intervals[0]!;
  return {
    policy: series.policy,
    direction,
    limitW,
    grants: Object.fromEntries(table.ids.map((id, i) => [id, only.grantsW[i]!])),
    operators: only.operatorsW,
    metrics: only.metrics,
    trace: only.trace,
  };
}

/**
 * Splits a limit with one value per interval, interval by interval, for one direction. Plans may
 * be constant or per interval. Call it once per direction of a limit document.
 */
export function splitSeries(request: SeriesRequest): SeriesDecision {
  const raw = checkRequest(request);
  const policy = resolvePolicy(raw['policy']);
  const direction = checkDirection(raw['direction']);
  const limitsW = checkLimits(raw['limitsW']);
  const table = buildAssetTable(checkAssets(raw['assets'], limitsW.length), limitsW.length);
  return run(policy, direction, limitsW, table);
}

function run(policy: FairnessPolicy, direction: Direction, limitsW: readonly number[], table: AssetTable): SeriesDecision {
  const work = createWork(table.count);
  const accumulator = new SeriesAccumulator(table);
  const intervals: IntervalDecision[] = [];
  for (let k = 0; k < limitsW.length; k++) {
    const limitW = limitsW[k]!;
    const columns = columnsFor(table, k);
    const trace = new TraceRecorder(table.ids);
    const { caps, floors } = allocateInterval(policy, table, columns, limitW, work, trace);
    const review = reviewInterval(policy, table, limitW, caps, columns.needW, work.grants, floors, accumulator.stats);
    trace.setStart({
      step: 'start',
      policy: policy.name,
      limitW,
      assets: table.count,
      capsW: review.capsW,
      floorsW: floors?.sumW ?? 0,
    });
    accumulator.record(review.metrics, review.perOperator);
    intervals.push({
      index: k,
      limitW,
      grantsW: review.grantsW,
      operatorsW: Object.fromEntries(table.operatorNames.map((name, o) => [name, review.perOperator[o]!])),
      metrics: review.metrics,
      trace: trace.entries(),
    });
  }
  return {
    policy: policy.name,
    direction,
    assetIds: table.ids,
    assetOperators: table.operators,
    intervals,
    summary: {
      assets: accumulator.assets(),
      operators: accumulator.operators(),
      metrics: accumulator.metricsSummary(),
    },
  };
}
