// One interval, one direction: run the policy, with floors. Every decision, whatever the policy,
// goes through here and then through reviewInterval, which asserts the invariants (F6a).

import type { AssetColumns, FairnessPolicy } from './policy.js';
import type { AssetTable } from './asset-table.js';
import { allocateWithFloors, effectiveFloors, type EffectiveFloors } from './floors.js';
import { assertPolicyColumns } from './invariants.js';
import { policies } from './policies.js';
import type { TraceRecorder } from './trace.js';

/** Buffers reused across the intervals of a series (sized to the number of assets). */
export interface IntervalWork {
  readonly grants: Float64Array;
  readonly scratch: Float64Array;
  /** All positions 0..n−1. */
  readonly members: Int32Array;
}

export interface IntervalAllocation {
  /** The policy's caps this interval, by asset position. */
  readonly caps: Float64Array;
  readonly floors: EffectiveFloors | undefined;
}

const builtIns = new Set<FairnessPolicy>(Object.values(policies));

function fillIdentity(members: Int32Array): void {
  for (let i = 0; i < members.length; i++) members[i] = i;
}

export function createWork(count: number): IntervalWork {
  const work = { grants: new Float64Array(count), scratch: new Float64Array(count), members: new Int32Array(count) };
  fillIdentity(work.members);
  return work;
}

/** Fills `work.grants` for one interval. */
export function allocateInterval(
  policy: FairnessPolicy,
  table: AssetTable,
  columns: AssetColumns,
  limitW: number,
  work: IntervalWork,
  trace: TraceRecorder,
): IntervalAllocation {
  const caps = policy.capsOf(columns);
  const weights = policy.weightsOf(columns);
  if (!builtIns.has(policy)) assertPolicyColumns(policy, caps, weights, table.count);
  const floors = table.floorW === undefined ? undefined : effectiveFloors(table.floorW, caps);
  work.grants.fill(0);
  allocateWithFloors(
    policy,
    { policy: policy.name, limitW, members: work.members, caps, weights, grants: work.grants, scratch: work.scratch },
    floors,
    trace,
  );
  return { caps, floors };
}
