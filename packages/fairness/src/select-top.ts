// Selection of the k best candidates for the largest-remainder step, in expected linear time
// (apportion.ts first narrows the candidates down to one bucket of remainders).
// Order (F6a tie-break): larger primary (remainder) first, then larger secondary (weight), then
// smaller position. Positions are asset positions in canonical asset-ID order, so the last key is
// the asset-ID tie-break.

/** True when candidate a comes strictly before candidate b. A strict total order (positions are distinct). */
function before(primary: Float64Array, secondary: Float64Array, a: number, b: number): boolean {
  const pa = primary[a]!;
  const pb = primary[b]!;
  if (pa !== pb) return pa > pb;
  const sa = secondary[a]!;
  const sb = secondary[b]!;
  if (sa !== sb) return sa > sb;
  return a < b;
}

// Beyond this many partition passes the input is adversarial for the pivot rule: finish by sorting.
const MAX_PASSES = 64;

/**
 * Reorders `candidates` so that its first k entries are the k best (in no particular order), by
 * exact comparisons. Deterministic: same input, same permutation. `maxPasses` is for tests.
 */
export function selectTop(
  candidates: Int32Array,
  k: number,
  primary: Float64Array,
  secondary: Float64Array,
  maxPasses = MAX_PASSES,
): void {
  const n = candidates.length;
  if (k <= 0 || k >= n) return;
  const target = k - 1; // afterwards rank `target` sits at index target, better ones before it
  let lo = 0;
  let hi = n - 1;
  let passes = 0;
  while (lo < hi) {
    if (++passes > maxPasses) {
      const rest = Array.from(candidates.subarray(lo, hi + 1)).sort((a, b) => (before(primary, secondary, a, b) ? -1 : 1));
      candidates.set(rest, lo);
      return;
    }
    // Wirth's selection with the pivot taken at the target index: a single pass when candidates
    // are already in order (common: equal remainders and weights, listed in ID order).
    const pivot = candidates[target]!;
    let i = lo;
    let j = hi;
    do {
      while (before(primary, secondary, candidates[i]!, pivot)) i++;
      while (before(primary, secondary, pivot, candidates[j]!)) j--;
      if (i <= j) {
        const t = candidates[i]!;
        candidates[i] = candidates[j]!;
        candidates[j] = t;
        i++;
        j--;
      }
    } while (i <= j);
    if (j < target) lo = i;
    if (target < i) hi = j;
  }
}
