// One pass over an interval's grants after the policy ran: asserts the invariants (F6a: integer
// grants, 0 ≤ grant ≤ cap, honoured floors, Σ grants ≤ limit, and Σ grants = min(limit, Σ caps)
// for policies that promise it), measures fairness and books the grants into the series summary.
// Fused into a single loop because this runs once per asset-interval (~10^6 per limit document).

import type { SplitMetrics } from './types.js';
import type { FairnessPolicy } from './policy.js';
import type { AssetTable } from './asset-table.js';
import type { EffectiveFloors } from './floors.js';
import { FairnessInvariantError } from './errors.js';

/** Running per-asset statistics over the intervals of a series, by asset position. */
export interface AssetStats {
  readonly minW: Float64Array;
  readonly maxW: Float64Array;
  readonly totalW: Float64Array;
}

export interface IntervalReview {
  readonly metrics: SplitMetrics;
  /** Σ of the policy's caps (for the trace's start entry). */
  readonly capsW: number;
  /** The grants as a plain array (JSON-friendly), aligned with the asset IDs. */
  readonly grantsW: number[];
  /** Σ grants per operator, indexed like table.operatorNames. */
  readonly perOperator: Float64Array;
}

// Why the hot loop sits alone in reviewGrants, takes only arrays and numbers, and leaves its sums in
// module variables: V8 compiles a long-running loop on-stack (OSR) during the first call, before
// code outside the loop ran with type feedback. On Node 20 such code then deoptimises on every
// call and the function falls back to baseline code (measured: this pass 5× slower). Parameters,
// module variables and `return` need no type feedback, so nothing outside the loop can deoptimise.
let grantedSum = 0;
let capsSum = 0;
let demandSum = 0;
let usableSum = 0;
let xSum = 0;
let x2Sum = 0;
let countedSum = 0;
let xMin = Infinity;
let xMax = -Infinity;
/** Position of the first asset whose grant breaks an invariant, −1 if none. */
let badPosition = -1;

function reviewGrants(
  caps: Float64Array,
  needW: Float64Array,
  grants: Float64Array,
  operatorIndex: Int32Array,
  perOperator: Float64Array,
  grantsW: number[],
  minW: Float64Array,
  maxW: Float64Array,
  totalW: Float64Array,
  n: number,
): void {
  let grantedW = 0;
  let capsW = 0;
  let demandW = 0;
  let usableW = 0;
  let sumX = 0;
  let sumX2 = 0;
  let counted = 0;
  let minX = Infinity;
  let maxX = -Infinity;
  let bad = -1;
  for (let i = 0; i < n; i++) {
    const g = grants[i]!;
    const c = caps[i]!;
    // 0 ≤ grant ≤ cap and integer (written so that NaN fails too).
    if (!(g >= 0 && g <= c && Math.floor(g) === g)) {
      bad = i;
      break;
    }
    grantedW += g;
    capsW += c;
    grantsW[i] = g;
    if (g < minW[i]!) minW[i] = g;
    if (g > maxW[i]!) maxW[i] = g;
    totalW[i] = totalW[i]! + g;
    const o = operatorIndex[i]!;
    perOperator[o] = perOperator[o]! + g;
    // Satisfaction: the usable part of the grant per watt needed; over-granting does not count.
    const need = needW[i]!;
    demandW += need;
    if (need > 0) {
      const usable = g < need ? g : need;
      usableW += usable;
      // Always divide: a branch on "fully satisfied" is mispredicted too often to be cheaper.
      const x = usable / need;
      sumX += x;
      sumX2 += x * x;
      counted++;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
    }
  }
  grantedSum = grantedW;
  capsSum = capsW;
  demandSum = demandW;
  usableSum = usableW;
  xSum = sumX;
  x2Sum = sumX2;
  countedSum = counted;
  xMin = minX;
  xMax = maxX;
  badPosition = bad;
}

// Template for the output arrays: copying a slice of an array with double storage is a memory copy.
// `new Array(n)` starts with small-integer storage and is converted (allocated again) on the first
// store of a grant read from a Float64Array; `.fill(0.5)` avoids that but writes element by element.
let doubles: number[] = [0.5];

function doubleArray(n: number): number[] {
  if (doubles.length < n) doubles = new Array<number>(Math.max(n, 2 * doubles.length)).fill(0.5);
  return doubles.slice(0, n);
}

/** Position of the first grant below its floor, −1 if none (floors are rare: kept out of the main pass). */
function firstBelowFloor(grants: Float64Array, floorW: Float64Array, n: number): number {
  for (let i = 0; i < n; i++) if (grants[i]! < floorW[i]!) return i;
  return -1;
}

function invalidGrant(policy: string, table: AssetTable, i: number, g: number, cap: number, floor: number): FairnessInvariantError {
  const bounds = floor > 0 ? `[floor ${floor} W, cap ${cap} W]` : `[0, cap ${cap} W]`;
  return new FairnessInvariantError(policy, `grant ${g} W of asset ${table.ids[i]} is not an integer in ${bounds}`);
}

export function reviewInterval(
  policy: FairnessPolicy,
  table: AssetTable,
  limitW: number,
  caps: Float64Array,
  needW: Float64Array,
  grants: Float64Array,
  floors: EffectiveFloors | undefined,
  stats: AssetStats,
): IntervalReview {
  const n = table.count;
  const perOperator = new Float64Array(table.operatorNames.length);
  const grantsW = doubleArray(n);
  reviewGrants(caps, needW, grants, table.operatorIndex, perOperator, grantsW, stats.minW, stats.maxW, stats.totalW, n);
  if (badPosition >= 0) {
    throw invalidGrant(policy.name, table, badPosition, grants[badPosition]!, caps[badPosition]!, 0);
  }
  // Floors are guaranteed only when they fit under the limit (otherwise they were scaled down).
  if (floors !== undefined && floors.sumW <= limitW) {
    const below = firstBelowFloor(grants, floors.floorW, n);
    if (below >= 0) throw invalidGrant(policy.name, table, below, grants[below]!, caps[below]!, floors.floorW[below]!);
  }
  const grantedW = grantedSum;
  const capsW = capsSum;
  const demandW = demandSum;
  const usableW = usableSum;
  if (grantedW > limitW) {
    throw new FairnessInvariantError(policy.name, `Σ grants ${grantedW} W exceeds the limit ${limitW} W`);
  }
  if (policy.fillsToCaps && grantedW !== Math.min(limitW, capsW)) {
    throw new FairnessInvariantError(policy.name, `Σ grants ${grantedW} W differs from min(limit ${limitW} W, Σ caps ${capsW} W)`);
  }
  return {
    metrics: {
      assets: n,
      limitW,
      grantedW,
      demandW,
      usableW,
      strandedW: limitW - usableW,
      avoidableStrandedW: Math.min(limitW, demandW) - usableW,
      // Jain's index (Σx)²/(n·Σx²): 1 when all are equally satisfied, 1/n when one asset gets all.
      // Nobody needing anything, or nobody getting anything, is "equal" too: 1, not 0/0.
      jainIndex: countedSum === 0 || x2Sum === 0 ? 1 : (xSum * xSum) / (countedSum * x2Sum),
      minSatisfaction: countedSum === 0 ? 1 : xMin,
      maxSatisfaction: countedSum === 0 ? 1 : xMax,
    },
    capsW,
    grantsW,
    perOperator,
  };
}
