import { expect } from 'chai';
import fc from 'fast-check';
import { selectTop } from './select-top.js';

/** The k best positions by sorting: remainder↓, weight↓, position↑. */
function bestBySort(primary: number[], secondary: number[], k: number): number[] {
  return primary
    .map((_, i) => i)
    .sort((a, b) => primary[b]! - primary[a]! || secondary[b]! - secondary[a]! || a - b)
    .slice(0, k)
    .sort((a, b) => a - b);
}

describe('fairness selectTop', () => {
  it('F6a: picks exactly the k best by remainder, then weight, then asset ID', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 3 })), { minLength: 1, maxLength: 200 }),
        fc.nat(),
        fc.integer({ min: 1, max: 64 }),
        (rows, kSeed, maxPasses) => {
          const primary = rows.map((r) => r[0]);
          const secondary = rows.map((r) => r[1]);
          const k = kSeed % (rows.length + 1);
          const candidates = Int32Array.from(rows.keys());
          selectTop(candidates, k, Float64Array.from(primary), Float64Array.from(secondary), maxPasses);
          expect([...candidates.subarray(0, k)].sort((a, b) => a - b)).to.deep.equal(bestBySort(primary, secondary, k));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('F6a: with a tie on remainder and weight the smaller position (asset ID) wins', () => {
    const candidates = Int32Array.from([3, 1, 2, 0]);
    selectTop(candidates, 2, new Float64Array(4).fill(7), new Float64Array(4).fill(1));
    expect([...candidates.subarray(0, 2)].sort()).to.deep.equal([0, 1]);
  });

  it('F6a: falls back to sorting when partitioning takes too many passes, with the same result', () => {
    const primary = Float64Array.from({ length: 50 }, (_, i) => (i * 37) % 11);
    const secondary = new Float64Array(50).fill(1);
    const fast = Int32Array.from(primary.keys());
    const sorted = Int32Array.from(primary.keys());
    selectTop(fast, 20, primary, secondary);
    selectTop(sorted, 20, primary, secondary, 1);
    const asSet = (a: Int32Array): number[] => [...a.subarray(0, 20)].sort((x, y) => x - y);
    expect(asSet(sorted)).to.deep.equal(asSet(fast));
  });
});
