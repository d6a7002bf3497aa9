// Shared first step of the policies: the members that can take watts at all (cap > 0), and the
// case where the limit covers all their caps. Loops take only arrays and numbers and report
// through module variables (docs/fairness.md, "Performance").

import type { TraceRecorder } from './trace.js';

/** Set by collectActive. */
export let activeCount = 0;
/** Σ caps of the active members, set by collectActive. */
export let activeCapsW = 0;
/** Σ weights of the active members, set by collectActive. */
export let activeWeight = 0;

/** Copies members with a positive cap to `active` (keeping their order) and sums them. */
export function collectActive(members: Int32Array, caps: Float64Array, weights: Float64Array, active: Int32Array): void {
  let count = 0;
  let sumCaps = 0;
  let sumWeights = 0;
  for (let k = 0; k < members.length; k++) {
    const i = members[k]!;
    const c = caps[i]!;
    if (c > 0) {
      active[count++] = i;
      sumCaps += c;
      sumWeights += weights[i]!;
    }
  }
  activeCount = count;
  activeCapsW = sumCaps;
  activeWeight = sumWeights;
}

function grantCaps(active: Int32Array, count: number, caps: Float64Array, grants: Float64Array): void {
  for (let k = 0; k < count; k++) grants[active[k]!] = caps[active[k]!]!;
}

/** When the limit covers every cap, grants every cap and says so in the trace; returns whether it did. */
export function grantAllIfCovered(
  limitW: number,
  active: Int32Array,
  caps: Float64Array,
  grants: Float64Array,
  trace: TraceRecorder,
): boolean {
  if (activeCapsW > limitW) return false;
  grantCaps(active, activeCount, caps, grants);
  trace.push({ step: 'all-capped', count: activeCount, grantedW: activeCapsW });
  return true;
}
