// waterfill (default): weighted max-min fairness with caps, by progressive filling (F6a). Nobody is
// granted more than it can and plans to use; what one does not need is redistributed to the others
// by weight. Fixes the DREM proof-of-concept rule, which strands capacity whenever an asset needs
// less than its pro-rata share.
//
// Rounds: with R watts left and active weight W the water level is λ = R/W. Every active asset
// whose cap c ≤ λ·w would be full at that level, and the final level is never lower, so all of
// them get their cap and leave; R and W shrink and the level rises. When a round caps nobody, the
// rest share R by weight (largest remainder). Comparisons c·W ≤ R·w are exact (exact.ts).
// Loops take only arrays and numbers (docs/fairness.md, "Performance").

import type { FairnessPolicy } from './policy.js';
import { apportion } from './apportion.js';
import { compareProducts } from './exact.js';
import { MAX_TRACE_IDS } from './trace.js';
import { activeCount, activeWeight, collectActive, grantAllIfCovered } from './active-set.js';
import { Int32Buffer } from './buffers.js';

const activeBuffer = new Int32Buffer();

let keptCount = 0; // set by capRound and resolveTies
let cappedCount = 0; // set by capRound, raised by resolveTies
let cappedCapsSum = 0; // set by capRound, raised by resolveTies
let cappedWeightSum = 0; // set by capRound, raised by resolveTies
let tieCount = 0; // set by capRound: kept assets whose rounded products were equal

/**
 * One round at level R/W: caps every active asset with c·W < R·w as doubles and compacts the rest
 * in place. Differing rounded products decide exactly (rounding is monotone); equal ones are only
 * counted here and decided exactly by resolveTies: a call that never runs inside this loop made
 * it twice as slow (V8 keeps a deoptimisation exit for it; docs/fairness.md, "Performance").
 * The first capped positions go to `firstCapped` (as many as it holds), for the trace. Its length
 * is the bound, not MAX_TRACE_IDS: an imported binding is read through a getter call under the
 * CommonJS transform tsx applies, and that call in this loop cost ~5 % of the whole benchmark.
 * (A branch-free variant of the loop measured slower: V8 does not turn the 0/1 selects into
 * conditional moves.)
 */
function capRound(
  active: Int32Array,
  count: number,
  caps: Float64Array,
  weights: Float64Array,
  grants: Float64Array,
  R: number,
  W: number,
  firstCapped: Int32Array,
): void {
  const listed = firstCapped.length;
  let kept = 0;
  let capped = 0;
  let cappedW = 0;
  let cappedWeight = 0;
  let ties = 0;
  for (let k = 0; k < count; k++) {
    const i = active[k]!;
    const c = caps[i]!;
    const w = weights[i]!;
    const x = c * W;
    const y = R * w;
    if (x < y) {
      grants[i] = c;
      cappedW += c;
      cappedWeight += w;
      if (capped < listed) firstCapped[capped] = i;
      capped++;
    } else {
      active[kept++] = i;
      ties += x === y ? 1 : 0;
    }
  }
  keptCount = kept;
  cappedCount = capped;
  cappedCapsSum = cappedW;
  cappedWeightSum = cappedWeight;
  tieCount = ties;
}

/** Caps the kept assets with a rounded tie whose exact c·W ≤ R·w (rare); returns their positions. */
function resolveTies(active: Int32Array, count: number, caps: Float64Array, weights: Float64Array, grants: Float64Array, R: number, W: number): number[] {
  const tiedCapped: number[] = [];
  let kept = 0;
  for (let k = 0; k < count; k++) {
    const i = active[k]!;
    const c = caps[i]!;
    const w = weights[i]!;
    if (c * W === R * w && compareProducts(c, W, R, w) <= 0) {
      grants[i] = c;
      cappedCapsSum += c;
      cappedWeightSum += w;
      cappedCount++;
      tiedCapped.push(i);
    } else {
      active[kept++] = i;
    }
  }
  keptCount = kept;
  return tiedCapped;
}

export const waterfillPolicy: FairnessPolicy = {
  name: 'waterfill',
  summary: 'weighted max-min fairness with caps; cap = min(capacity, planned), weight = weight ?? capacity, unused share redistributed',
  fillsToCaps: true,
  capsOf: (columns) => columns.needW,
  weightsOf: (columns) => columns.weight,

  allocate(problem, trace) {
    const { limitW, members, caps, weights, grants } = problem;
    const active = activeBuffer.take(members.length);
    collectActive(members, caps, weights, active);
    if (grantAllIfCovered(limitW, active, caps, grants, trace)) return;
    // Invariant: Σ active caps > remainingW, so a round can never cap everyone and W stays > 0.
    let count = activeCount;
    let remainingW = limitW;
    let totalWeight = activeWeight;
    const firstCapped = new Int32Array(MAX_TRACE_IDS);
    for (let round = 1; ; round++) {
      capRound(active, count, caps, weights, grants, remainingW, totalWeight, firstCapped);
      let listed = [...firstCapped.subarray(0, Math.min(cappedCount, MAX_TRACE_IDS))];
      if (tieCount > 0) {
        const tied = resolveTies(active, keptCount, caps, weights, grants, remainingW, totalWeight);
        listed = [...listed, ...tied].sort((a, b) => a - b).slice(0, MAX_TRACE_IDS);
      }
      if (cappedCount === 0) break;
      trace.push({
        step: 'round',
        round,
        remainingW,
        activeWeight: totalWeight,
        level: remainingW / totalWeight,
        active: count,
        capped: cappedCount,
        cappedW: cappedCapsSum,
        ...trace.samplePositions(Int32Array.from(listed), cappedCount),
      });
      remainingW -= cappedCapsSum;
      totalWeight -= cappedWeightSum;
      count = keptCount;
    }
    apportion(
      {
        members: active.subarray(0, count),
        weights,
        remainingW,
        activeWeight: totalWeight,
        targetW: remainingW,
        grants,
        scratch: problem.scratch,
      },
      trace,
      problem.policy,
    );
  },
};
