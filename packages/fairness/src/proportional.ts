// Shared step of the two pro-rata policies: split min(limit, Σ caps) in proportion to the caps.
// A share limit·cap/Σcaps never exceeds the cap while limit ≤ Σ caps, so no capping round is needed.

import type { AllocationProblem } from './policy.js';
import { apportion } from './apportion.js';
import { activeCapsW, activeCount, collectActive, grantAllIfCovered } from './active-set.js';
import type { TraceRecorder } from './trace.js';
import { Int32Buffer } from './buffers.js';

const activeBuffer = new Int32Buffer();

export function allocateProportionalToCaps(problem: AllocationProblem, trace: TraceRecorder): void {
  const { limitW, members, caps, grants } = problem;
  const active = activeBuffer.take(members.length);
  collectActive(members, caps, caps, active);
  if (grantAllIfCovered(limitW, active, caps, grants, trace)) return;
  apportion(
    {
      members: active.subarray(0, activeCount),
      weights: caps,
      remainingW: limitW,
      activeWeight: activeCapsW,
      targetW: limitW,
      grants,
      scratch: problem.scratch,
    },
    trace,
    problem.policy,
  );
}
