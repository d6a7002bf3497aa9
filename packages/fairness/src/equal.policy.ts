// equal (comparison): every affected asset is offered limit/n, whatever its size or plan; an asset
// whose capacity is below that keeps only its capacity and the rest is NOT redistributed. The naive
// baseline for the comparison table: it shows what redistribution (waterfill) buys.

import type { FairnessPolicy } from './policy.js';
import { apportion } from './apportion.js';
import { compareProducts, mulDivFloor } from './exact.js';
import { MAX_TRACE_IDS } from './trace.js';
import { Int32Buffer } from './buffers.js';

const uncappedBuffer = new Int32Buffer();

let uncappedCount = 0; // set by capBelowShare
let cappedSum = 0; // set by capBelowShare

/**
 * Assets with cap ≤ limit/n (exactly: cap·n ≤ limit) get their cap; the others go to `uncapped`.
 * The first capped positions go to `firstCapped`, for the trace.
 */
function capBelowShare(
  members: Int32Array,
  caps: Float64Array,
  limitW: number,
  grants: Float64Array,
  uncapped: Int32Array,
  firstCapped: Int32Array,
): void {
  const n = members.length;
  let u = 0;
  let cappedW = 0;
  for (let k = 0; k < n; k++) {
    const i = members[k]!;
    const c = caps[i]!;
    if (compareProducts(c, n, limitW, 1) <= 0) {
      grants[i] = c;
      cappedW += c;
      if (k - u < firstCapped.length) firstCapped[k - u] = i; // not MAX_TRACE_IDS: see capRound in waterfill.policy.ts
    } else {
      uncapped[u++] = i;
    }
  }
  uncappedCount = u;
  cappedSum = cappedW;
}

export const equalPolicy: FairnessPolicy = {
  name: 'equal',
  summary: 'limit/n per asset, capped at capacity, no redistribution; plans and weights ignored',
  fillsToCaps: false,
  capsOf: (columns) => columns.capacityW,
  weightsOf: (columns) => columns.unit,

  allocate(problem, trace) {
    const { limitW, members, caps, weights, grants } = problem;
    const n = members.length;
    if (n === 0) return;
    const uncapped = uncappedBuffer.take(n);
    const firstCapped = new Int32Array(MAX_TRACE_IDS);
    capBelowShare(members, caps, limitW, grants, uncapped, firstCapped);
    const u = uncappedCount;
    trace.push({ step: 'capped', level: limitW / n, count: n - u, cappedW: cappedSum, ...trace.samplePositions(firstCapped, n - u) });
    if (u === 0) return;
    // Quotas limit/n each; together ⌊u·limit/n⌋ watts, the rest belongs to the capped assets' shares.
    apportion(
      {
        members: uncapped.subarray(0, u),
        weights,
        remainingW: limitW,
        activeWeight: n,
        targetW: mulDivFloor(u, limitW, n).q,
        grants,
        scratch: problem.scratch,
      },
      trace,
      problem.policy,
    );
  },
};
