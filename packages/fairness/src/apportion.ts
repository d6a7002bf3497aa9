// Largest-remainder apportionment (F6a exactness): every member gets ⌊weight·R/W⌋ watts, then the
// watts lost to rounding go one each to the largest remainders, ties broken by larger weight, then
// by asset ID. Exact: remainders weight·R mod W share the denominator W, so they compare as integers.
//
// Finding the largest remainders without sorting them (a sort per interval would dominate the
// splitter): remainders are bucketed by ⌊r·(buckets/W)⌋. That rounded float product is monotone in
// r (rounding is monotone), so a higher bucket only holds strictly larger remainders. Buckets above
// the one where the last recipient falls are taken whole; only that boundary bucket is ordered by
// exact comparison (select-top.ts). The floats decide nothing: the result is the exact order's.
//
// The loops live in small functions that take only arrays and numbers and report through module
// variables: see docs/fairness.md, "Performance" (V8 on-stack replacement and type feedback).

import { divFloor } from './exact.js';
import { selectTop } from './select-top.js';
import { IdSampler, MAX_TRACE_IDS, type TraceRecorder } from './trace.js';
import { FairnessInvariantError } from './errors.js';
import { Int32Buffer } from './buffers.js';

export interface ApportionInput {
  /** Asset positions sharing R, ascending (asset-ID order). */
  readonly members: Int32Array;
  /** Weights by asset position; every member's weight ≤ activeWeight. */
  readonly weights: Float64Array;
  readonly remainingW: number;
  /** W; usually Σ member weights, then exactly remainingW is handed out. */
  readonly activeWeight: number;
  /** Watts to hand out in total, ⌊Σ member weights · R / W⌋ (= R when W = Σ member weights). */
  readonly targetW: number;
  /** Output by asset position (members only are written). */
  readonly grants: Float64Array;
  /** Scratch by asset position for remainders (members only are written). */
  readonly scratch: Float64Array;
}

const RECIPIENT = -1; // marks a chosen boundary-bucket candidate in `scratch` (remainders are > 0)
const MAX_BUCKETS = 4096;
const candidateBuffer = new Int32Buffer();
const bucketBuffer = new Int32Buffer();
const countBuffer = new Int32Buffer();
const tiedBuffer = new Int32Buffer();
const slowBuffer = new Int32Buffer();

let roundedDownSum = 0; // set by shareRoundedDown*
let candidateCount = 0; // set by shareRoundedDown*
let slowCount = 0; // set by shareRoundedDownFast: members it could not handle exactly
let bucketsAbove = 0; // set by findBoundary

const TWO_52 = 2 ** 52;

/**
 * Rounded-down shares; members with a remainder become candidates, bucketed by remainder. The fast
 * version is exact for weight·R ≤ 2^52 (with W ≤ 2^52, checked by the caller), where plain doubles
 * are exact. Members beyond that (large weights times a large limit: a few batteries in a section
 * of households) are made candidates whatever their rough remainder, and their candidate slots are
 * listed in `slowAt` (`slowCount` of them); fixSlowMembers then recomputes just those exactly.
 * Redoing the whole step exactly whenever one member was slow cost a second full pass on most
 * intervals of the benchmark. Every operation in the loop runs for every member: V8 compiles a
 * branch that never ran as a deoptimisation exit, and such exits (a rare fix-up, a slow path) made
 * this loop twice as slow (docs/fairness.md, "Performance").
 */
function shareRoundedDownFast(
  members: Int32Array,
  weights: Float64Array,
  R: number,
  W: number,
  grants: Float64Array,
  scratch: Float64Array,
  candidates: Int32Array,
  bucketOf: Int32Array,
  counts: Int32Array,
  scale: number,
  slowAt: Int32Array,
): void {
  const last = counts.length - 1;
  let sum = 0;
  let c = 0;
  let slow = 0;
  for (let k = 0; k < members.length; k++) {
    const i = members[k]!;
    const p = weights[i]! * R;
    const isSlow = p > TWO_52 ? 1 : 0;
    slowAt[slow] = c; // the candidate slot this member takes; kept only when it is slow
    slow += isSlow;
    // fl(p/W) is at most one above the true quotient (see exact.ts); undo that without a branch.
    let q = Math.floor(p / W);
    let r = p - q * W;
    const over = r < 0 ? 1 : 0;
    q -= over;
    r += over * W;
    grants[i] = q;
    scratch[i] = r;
    sum += q;
    if (r > 0 || isSlow === 1) {
      const b = (r * scale) | 0; // 0 ≤ r·scale < buckets ≤ 4096: truncation is the floor
      const high = b > last ? last : b;
      const bucket = high & ~(high >> 31); // a slow member's rough r may be negative: bucket 0
      candidates[c] = i;
      bucketOf[c++] = bucket;
      counts[bucket] = counts[bucket]! + 1;
    }
  }
  roundedDownSum = sum;
  candidateCount = c;
  slowCount = slow;
}

/** Marks a candidate slot whose member turned out to have no remainder (never a real bucket). */
const NOT_CANDIDATE = -1;

/**
 * Recomputes the members listed by shareRoundedDownFast exactly (exact.ts): grant, remainder and
 * bucket; a slot whose exact remainder is 0 is marked NOT_CANDIDATE (it gets no watt and is never
 * sampled). Adjusts roundedDownSum; returns how many slots it marked.
 */
function fixSlowMembers(
  slowAt: Int32Array,
  slow: number,
  weights: Float64Array,
  R: number,
  W: number,
  grants: Float64Array,
  scratch: Float64Array,
  candidates: Int32Array,
  bucketOf: Int32Array,
  counts: Int32Array,
  scale: number,
): number {
  const last = counts.length - 1;
  let delta = 0;
  let dead = 0;
  for (let s = 0; s < slow; s++) {
    const slot = slowAt[s]!;
    const i = candidates[slot]!;
    const q = divFloor(weights[i]!, R, W, scratch, i);
    delta += q - grants[i]!;
    grants[i] = q;
    const old = bucketOf[slot]!;
    counts[old] = counts[old]! - 1;
    const r = scratch[i]!;
    if (r > 0) {
      const b = (r * scale) | 0;
      const bucket = b > last ? last : b;
      bucketOf[slot] = bucket;
      counts[bucket] = counts[bucket]! + 1;
    } else {
      bucketOf[slot] = NOT_CANDIDATE;
      dead++;
    }
  }
  roundedDownSum += delta;
  return dead;
}

/** The same for any safe operands, through exact.ts (two-product or BigInt where needed). */
function shareRoundedDownExact(
  members: Int32Array,
  weights: Float64Array,
  R: number,
  W: number,
  grants: Float64Array,
  scratch: Float64Array,
  candidates: Int32Array,
  bucketOf: Int32Array,
  counts: Int32Array,
  scale: number,
): void {
  const last = counts.length - 1;
  let sum = 0;
  let c = 0;
  for (let k = 0; k < members.length; k++) {
    const i = members[k]!;
    const q = divFloor(weights[i]!, R, W, scratch, i);
    const r = scratch[i]!;
    grants[i] = q;
    sum += q;
    if (r > 0) {
      const b = (r * scale) | 0;
      const bucket = b > last ? last : b;
      candidates[c] = i;
      bucketOf[c++] = bucket;
      counts[bucket] = counts[bucket]! + 1;
    }
  }
  roundedDownSum = sum;
  candidateCount = c;
}

/** The bucket holding the k-th largest remainder; `bucketsAbove` = candidates in higher buckets. */
function findBoundary(counts: Int32Array, k: number): number {
  let boundary = counts.length - 1;
  let above = 0;
  while (above + counts[boundary]! < k) above += counts[boundary--]!;
  bucketsAbove = above;
  return boundary;
}

/**
 * +1 W to every candidate above the boundary bucket; candidates in the boundary bucket go to
 * `tied` for the exact selection. One pass for both.
 */
function handOutAbove(
  candidates: Int32Array,
  bucketOf: Int32Array,
  c: number,
  boundary: number,
  grants: Float64Array,
  tied: Int32Array,
): void {
  let t = 0;
  for (let q = 0; q < c; q++) {
    const i = candidates[q]!;
    const b = bucketOf[q]!;
    // (boundary − b) >>> 31 is 1 exactly when b > boundary: no branch to mispredict (about half
    // the candidates get a watt, in no predictable pattern). The equality branch is rarely taken.
    grants[i] = grants[i]! + ((boundary - b) >>> 31);
    if (b === boundary) tied[t++] = i;
  }
}

/** The first recipients in asset-ID order, for the trace (stops once the sample is full). */
function sampleRecipients(candidates: Int32Array, bucketOf: Int32Array, c: number, boundary: number, scratch: Float64Array, sampler: IdSampler): void {
  const wanted = MAX_TRACE_IDS; // read once: imported bindings are getter calls under tsx's transform
  for (let q = 0; q < c && sampler.count < wanted; q++) {
    const i = candidates[q]!;
    if (bucketOf[q]! > boundary || scratch[i] === RECIPIENT) sampler.add(i);
  }
}

export function apportion(input: ApportionInput, trace: TraceRecorder, policy: string): void {
  const { members, weights, remainingW, activeWeight, targetW, grants, scratch } = input;
  const m = members.length;
  // At most MAX_BUCKETS buckets keep the counts in the L1 cache; ~m/4096 candidates share a bucket.
  const buckets = Math.max(Math.min(m, MAX_BUCKETS), 1);
  const candidates = candidateBuffer.take(m);
  const bucketOf = bucketBuffer.take(m);
  const counts = countBuffer.zeroed(buckets);
  const scale = buckets / activeWeight;
  let dead = 0;
  if (activeWeight <= TWO_52) {
    const slowAt = slowBuffer.take(m + 1);
    shareRoundedDownFast(members, weights, remainingW, activeWeight, grants, scratch, candidates, bucketOf, counts, scale, slowAt);
    if (slowCount > 0) dead = fixSlowMembers(slowAt, slowCount, weights, remainingW, activeWeight, grants, scratch, candidates, bucketOf, counts, scale);
  } else {
    shareRoundedDownExact(members, weights, remainingW, activeWeight, grants, scratch, candidates, bucketOf, counts, scale);
  }
  const roundedDownW = roundedDownSum;
  const c = candidateCount;
  const remainderW = targetW - roundedDownW;
  trace.push({
    step: 'share',
    remainingW,
    activeWeight,
    level: activeWeight > 0 ? remainingW / activeWeight : 0,
    count: m,
    roundedDownW,
    remainderW,
  });
  if (remainderW === 0) return;
  // Σ remainders ≥ remainderW·W with each remainder < W, so more than remainderW members have a
  // non-zero remainder: every recipient had a fractional quota and stays within its cap.
  const fractional = c - dead; // slots marked NOT_CANDIDATE hold no quota
  if (remainderW < 0 || remainderW >= fractional) {
    throw new FairnessInvariantError(policy, `largest remainder: ${remainderW} W left for ${fractional} fractional quotas`);
  }
  const boundary = findBoundary(counts, remainderW);
  const fromBoundary = remainderW - bucketsAbove;
  const tied = tiedBuffer.take(counts[boundary]!);
  handOutAbove(candidates, bucketOf, c, boundary, grants, tied);
  selectTop(tied, fromBoundary, scratch, weights);
  for (let t = 0; t < fromBoundary; t++) {
    const i = tied[t]!;
    grants[i] = grants[i]! + 1;
    scratch[i] = RECIPIENT;
  }
  const sampler = new IdSampler();
  sampleRecipients(candidates, bucketOf, c, boundary, scratch, sampler);
  trace.push({ step: 'remainder', watts: remainderW, ids: trace.sample(sampler).ids, moreIds: remainderW - sampler.count });
}
