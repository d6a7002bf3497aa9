// Per-asset floors: a minimum grant honoured first. Semantics (same for every policy):
// - effective floor f = min(floorW, cap): nobody is granted more than its cap, floor or not;
// - Σ f ≤ limit: the policy runs; every asset it grants less than f is pinned at f, and the policy
//   runs again on the others with the limit minus the pinned floors, until nobody falls below its
//   floor. A floor is therefore a lower bound, not a bonus on top of a fair share;
// - Σ f > limit: floors cannot all be honoured, so the limit is shared in proportion to the floors
//   (largest remainder, same tie-break); assets without a floor get nothing.
// Pinning is decided on integer grants (deterministic). Each pass pins at least one asset, so at
// most n passes run; floors are rare, so the repeated passes do not matter for the benchmark.

import type { AllocationProblem, FairnessPolicy } from './policy.js';
import { apportion } from './apportion.js';
import { IdSampler, type TraceRecorder } from './trace.js';

export interface EffectiveFloors {
  readonly floorW: Float64Array;
  readonly sumW: number;
}

export function effectiveFloors(requested: Float64Array, caps: Float64Array): EffectiveFloors {
  const floorW = new Float64Array(requested.length);
  let sumW = 0;
  for (let i = 0; i < requested.length; i++) {
    const f = Math.min(requested[i]!, caps[i]!);
    floorW[i] = f;
    sumW += f;
  }
  return { floorW, sumW };
}

export function allocateWithFloors(
  policy: FairnessPolicy,
  problem: AllocationProblem,
  floors: EffectiveFloors | undefined,
  trace: TraceRecorder,
): void {
  if (floors === undefined || floors.sumW === 0) {
    policy.allocate(problem, trace);
    return;
  }
  const { floorW, sumW } = floors;
  if (sumW > problem.limitW) {
    trace.push({ step: 'floors-scaled', floorsW: sumW, limitW: problem.limitW });
    const withFloor = problem.members.filter((i) => floorW[i]! > 0);
    apportion(
      {
        members: withFloor,
        weights: floorW,
        remainingW: problem.limitW,
        activeWeight: sumW,
        targetW: problem.limitW,
        grants: problem.grants,
        scratch: problem.scratch,
      },
      trace,
      policy.name,
    );
    return;
  }
  const { grants } = problem;
  let free = problem.members;
  let pinnedW = 0;
  for (let pass = 1; ; pass++) {
    for (let k = 0; k < free.length; k++) grants[free[k]!] = 0;
    policy.allocate({ ...problem, limitW: problem.limitW - pinnedW, members: free }, trace);
    const sampler = new IdSampler();
    let passW = 0;
    const stillFree: number[] = [];
    for (let k = 0; k < free.length; k++) {
      const i = free[k]!;
      if (grants[i]! < floorW[i]!) {
        grants[i] = floorW[i]!;
        passW += floorW[i]!;
        sampler.add(i);
      } else {
        stillFree.push(i);
      }
    }
    if (sampler.count === 0) return;
    pinnedW += passW;
    trace.push({ step: 'floors-pinned', pass, count: sampler.count, pinnedW: passW, ...trace.sample(sampler) });
    free = Int32Array.from(stillFree);
  }
}
