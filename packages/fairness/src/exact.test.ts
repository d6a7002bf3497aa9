import { expect } from 'chai';
import fc from 'fast-check';
import { compareProducts, mulDivFloor, productError } from './exact.js';

const MAX = Number.MAX_SAFE_INTEGER;
const safe = fc.integer({ min: 0, max: MAX });
// Magnitudes that hit each code path of mulDivFloor: exact doubles, two-product, BigInt.
const denominator = fc.oneof(
  fc.integer({ min: 1, max: 1_000 }),
  fc.integer({ min: 1, max: 2 ** 49 }),
  fc.integer({ min: 2 ** 49, max: MAX }),
);

describe('fairness exact integer arithmetic', () => {
  it('F6a: productError recovers the exact product of two safe integers', () => {
    fc.assert(
      fc.property(safe, safe, (a, b) => {
        const p = a * b;
        expect(BigInt(p) + BigInt(productError(a, b, p))).to.equal(BigInt(a) * BigInt(b));
      }),
      { numRuns: 500 },
    );
  });

  it('F6a: compareProducts agrees with BigInt, also when the rounded products are equal', () => {
    const nearlyEqual = fc
      .tuple(fc.integer({ min: 2 ** 26, max: 2 ** 52 }), fc.integer({ min: 2 ** 26, max: 2 ** 52 }), fc.integer({ min: -3, max: 3 }))
      .map(([a, b, delta]) => [a, b, a, Math.max(0, b + delta)] as const);
    const swapped = fc
      .tuple(fc.integer({ min: 1, max: 2 ** 26 }), fc.integer({ min: 1, max: 2 ** 26 }), fc.integer({ min: 1, max: 2 ** 26 }))
      .map(([a, b, k]) => [a * k, b, a, b * k] as const); // equal products, different factors
    fc.assert(
      fc.property(fc.oneof(fc.tuple(safe, safe, safe, safe), nearlyEqual, swapped), ([a, b, c, d]) => {
        const x = BigInt(a) * BigInt(b);
        const y = BigInt(c) * BigInt(d);
        expect(compareProducts(a, b, c, d)).to.equal(x < y ? -1 : x > y ? 1 : 0);
      }),
      { numRuns: 1000 },
    );
  });

  it('F6a: compareProducts sees a difference of 1 between products near 2^100', () => {
    // (2^50 + 1)(2^50 − 1) = 2^100 − 1 < 2^100 = 2^50 · 2^50; both round to the same double.
    expect((2 ** 50 + 1) * (2 ** 50 - 1)).to.equal(2 ** 50 * 2 ** 50);
    expect(compareProducts(2 ** 50 + 1, 2 ** 50 - 1, 2 ** 50, 2 ** 50)).to.equal(-1);
    expect(compareProducts(2 ** 50, 2 ** 50, 2 ** 50 + 1, 2 ** 50 - 1)).to.equal(1);
  });

  it('F6a: mulDivFloor gives the exact quotient and remainder for every size of operands', () => {
    fc.assert(
      fc.property(denominator, safe, fc.integer({ min: 0, max: 1_000_000 }), (d, b, permille) => {
        const a = Math.floor((d / 1_000_000) * permille); // a ≤ d, the documented precondition
        const n = BigInt(a) * BigInt(b);
        const { q, r } = mulDivFloor(a, b, d);
        expect([BigInt(q), BigInt(r)]).to.deep.equal([n / BigInt(d), n % BigInt(d)]);
      }),
      { numRuns: 2000 },
    );
  });

  it('F6a: mulDivFloor worked example: weight 10^7 × limit 10^10 / 3·10^9 + 7 (product 10^17 > 2^53)', () => {
    // 10^17 = 33,333,333 × 3,000,000,007 + r, r = 10^17 − 99,999,999,233,333,331 = 766,666,669
    expect(mulDivFloor(10_000_000, 10_000_000_000, 3_000_000_007)).to.deep.equal({ q: 33_333_333, r: 766_666_669 });
  });
});
