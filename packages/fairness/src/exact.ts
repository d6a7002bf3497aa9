// Exact integer arithmetic on JS numbers for the allocation (F6a: integer watts, no floating point
// in the allocation itself). Inputs are non-negative safe integers (< 2^53); their products can
// reach 2^106 (weight 10^7 × limit 10^10 = 10^17 already exceeds 2^53).
// Why not BigInt throughout: a limit document is ~10^6 asset-intervals and BigInt arithmetic is an
// order of magnitude slower. Products are instead kept exact as (rounded product, exact error)
// pairs with Dekker's two-product; BigInt remains only for denominators above 2^49.

const SPLIT = 134_217_729; // 2^27 + 1, Dekker's splitting constant for binary64
const TWO_49 = 2 ** 49;
const TWO_52 = 2 ** 52;

/**
 * The rounding error of p = fl(a·b): returns e with a·b = p + e exactly (Dekker 1971; exact for
 * binary64 round-to-nearest without overflow, which integers < 2^53 cannot reach). For integer a, b
 * and |p| ≥ 2^53, p and e are integers and |e| ≤ ulp(p)/2 ≤ 2^52.
 */
export function productError(a: number, b: number, p: number): number {
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

/** Exact sign of a·b − c·d for non-negative safe integers. */
export function compareProducts(a: number, b: number, c: number, d: number): -1 | 0 | 1 {
  const p = a * b;
  const q = c * d;
  // Rounding is monotone: fl(x) < fl(y) implies x < y, so differing rounded products decide.
  if (p < q) return -1;
  if (p > q) return 1;
  const e = productError(a, b, p);
  const f = productError(c, d, q);
  return e < f ? -1 : e > f ? 1 : 0;
}

export interface QuotientRemainder {
  q: number;
  r: number;
}

/**
 * Returns q = ⌊a·b/d⌋ exactly and stores the remainder a·b − q·d in `remainders[at]`, for safe
 * integers a ≤ d, b ≥ 0, d ≥ 1 (so q ≤ b is safe). The remainder goes into a typed array because
 * this runs ~10^6 times per limit document: a result object, or a number stored outside a typed
 * array, would allocate whenever the remainder exceeds 2^31.
 */
export function divFloor(a: number, b: number, d: number, remainders: Float64Array, at: number): number {
  const p = a * b;
  if (p <= TWO_52 && d <= TWO_52) {
    // a·b is exact; fl(p/d) is at most one above the true quotient, and q·d ≤ p + d ≤ 2^53 is exact.
    let q = Math.floor(p / d);
    let r = p - q * d;
    if (r < 0) {
      q -= 1;
      r += d;
    } else if (r >= d) {
      q += 1;
      r -= d;
    }
    remainders[at] = r;
    return q;
  }
  if (d <= TWO_49 && a <= d) {
    // The estimate is within ±3 of ⌊a·b/d⌋ (two roundings of a quotient < 2^53), so the true
    // residual a·b − q·d is below 4d ≤ 2^51 in magnitude. p − s is exact by Sterbenz (both are
    // within 4d ≤ p/2 of a·b ≥ 2^52), the error terms are integers ≤ 2^52, and the exact sum is
    // representable, so r is computed exactly.
    let q = Math.floor(p / d);
    const s = q * d;
    let r = p - s + (productError(a, b, p) - productError(q, d, s));
    while (r < 0) {
      q -= 1;
      r += d;
    }
    while (r >= d) {
      q += 1;
      r -= d;
    }
    remainders[at] = r;
    return q;
  }
  return divFloorBig(a, b, d, remainders, at);
}

// Kept out of divFloor so the hot function stays small enough to inline.
function divFloorBig(a: number, b: number, d: number, remainders: Float64Array, at: number): number {
  const n = BigInt(a) * BigInt(b);
  const big = BigInt(d);
  const q = Number(n / big);
  if (!Number.isSafeInteger(q)) throw new RangeError(`mulDivFloor: quotient of ${a}·${b}/${d} is not a safe integer`);
  remainders[at] = Number(n % big);
  return q;
}

/** Allocating convenience form of `divFloor`: ⌊a·b/d⌋ and the remainder. */
export function mulDivFloor(a: number, b: number, d: number): QuotientRemainder {
  const r = new Float64Array(1);
  const q = divFloor(a, b, d, r, 0);
  return { q, r: r[0]! };
}
