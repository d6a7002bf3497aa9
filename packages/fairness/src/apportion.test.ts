import { expect } from 'chai';
import fc from 'fast-check';
import { apportion } from './apportion.js';
import { TraceRecorder } from './trace.js';
import { refApportion } from './testkit/reference.js';

/** Runs apportion over all positions; position i stands for asset ID `a${i}` (padded: ID order = position order). */
function run(weights: readonly number[], R: number, W: number, target = R): { grants: number[]; trace: TraceRecorder } {
  const n = weights.length;
  const ids = weights.map((_, i) => `a${String(i).padStart(4, '0')}`);
  const trace = new TraceRecorder(ids);
  const grants = new Float64Array(n);
  apportion(
    {
      members: Int32Array.from(weights.keys()),
      weights: Float64Array.from(weights),
      remainingW: R,
      activeWeight: W,
      targetW: target,
      grants,
      scratch: new Float64Array(n),
    },
    trace,
    'test',
  );
  return { grants: [...grants], trace };
}

describe('fairness largest-remainder apportionment', () => {
  it('F6a: worked example — a remainder tie goes to the larger weight, not the smaller ID', () => {
    // R = 3 W by weights 1, 3, 2 (W = 6): quotas 3·1/6 = 0.5, 3·3/6 = 1.5, 3·2/6 = 1.0
    // floors 0 + 1 + 1 = 2, remainders 3, 3, 0 (in sixths); 3 − 2 = 1 W left.
    // a0000 and a0001 tie on remainder 3; a0001 has the larger weight (3 > 1) and gets it.
    expect(run([1, 3, 2], 3, 6).grants).to.deep.equal([0, 2, 1]);
  });

  it('F6a: worked example — with equal remainders and weights the smaller asset ID wins', () => {
    // 10 W among three weight-1 assets: 3 each (remainder 1/3 each), 10 − 9 = 1 W to a0000.
    const { grants, trace } = run([1, 1, 1], 10, 3);
    expect(grants).to.deep.equal([4, 3, 3]);
    expect(trace.entries().at(-1)).to.deep.equal({ step: 'remainder', watts: 1, ids: ['a0000'], moreIds: 0 });
  });

  it('F6a: worked example — the largest remainder wins over weight', () => {
    // 5 W by weights 2, 1 (W = 3): quotas 10/3 = 3 r1, 5/3 = 1 r2; 5 − 4 = 1 W goes to r2 (a0001).
    expect(run([2, 1], 5, 3).grants).to.deep.equal([3, 2]);
  });

  it('F6a: equals the naive BigInt largest-remainder method (few and many members, small and huge values)', () => {
    const weights = fc.oneof(
      fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 10 }),
      fc.array(fc.integer({ min: 1, max: 2 ** 40 }), { minLength: 1, maxLength: 10 }),
      fc.array(fc.integer({ min: 1, max: 1_000 }), { minLength: 64, maxLength: 400 }), // bucketed path
    );
    fc.assert(
      fc.property(weights, fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (ws, limitSeed) => {
        const W = ws.reduce((s, w) => s + w, 0);
        const R = limitSeed % (W * 50 + 1);
        const { grants } = run(ws, R, W);
        const want = refApportion(
          ws.map((w, i) => ({ id: `a${String(i).padStart(4, '0')}`, weight: BigInt(w) })),
          BigInt(R),
          BigInt(W),
          BigInt(R),
        );
        expect(grants).to.deep.equal([...want.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, g]) => Number(g)));
        expect(grants.reduce((s, g) => s + g, 0)).to.equal(R);
      }),
      { numRuns: 400 },
    );
  });

  it('F6a: more members than remainder buckets (4096): still the exact largest remainders', () => {
    // 9,000 members, weights 1..7 in a fixed pattern: many share a bucket, ties on remainder and weight.
    const ws = Array.from({ length: 9_000 }, (_, i) => 1 + ((i * 7919) % 7));
    const W = ws.reduce((s, w) => s + w, 0);
    for (const R of [1, 4_499, W - 1, 123_457]) {
      const want = refApportion(
        ws.map((w, i) => ({ id: `a${String(i).padStart(4, '0')}`, weight: BigInt(w) })),
        BigInt(R),
        BigInt(W),
        BigInt(R),
      );
      expect(run(ws, R, W).grants).to.deep.equal([...want.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, g]) => Number(g)));
    }
  });

  it('F6a: a few members with weight·R above 2^52 among many small ones (exact fix-up of those only) equals the BigInt method', () => {
    // The benchmark's shape: households of a few kW plus some MW batteries, R in the 10^8–10^9 range,
    // W below 2^52. Only the battery products leave the range where doubles are exact.
    const members = fc.array(fc.oneof(fc.integer({ min: 1, max: 11_000 }), fc.integer({ min: 1_000_000, max: 2 ** 40 })), { minLength: 1, maxLength: 600 });
    fc.assert(
      fc.property(members, fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (ws, seed) => {
        const W = ws.reduce((s, w) => s + w, 0);
        const R = seed % (W * 4 + 1);
        const want = refApportion(
          ws.map((w, i) => ({ id: `a${String(i).padStart(4, '0')}`, weight: BigInt(w) })),
          BigInt(R),
          BigInt(W),
          BigInt(R),
        );
        expect(run(ws, R, W).grants).to.deep.equal([...want.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, g]) => Number(g)));
      }),
      { numRuns: 300 },
    );
  });

  it('F6a: every share is its quota rounded down or up, and the sum is exactly the target', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 200 }), fc.nat(), (ws, seed) => {
        const W = ws.reduce((s, w) => s + w, 0);
        const R = seed % (10 * W + 1);
        const { grants } = run(ws, R, W);
        grants.forEach((g, i) => {
          const exact = (BigInt(ws[i]!) * BigInt(R)) / BigInt(W);
          expect(BigInt(g) - exact).to.be.oneOf([0n, 1n]);
        });
        expect(grants.reduce((s, g) => s + g, 0)).to.equal(R);
      }),
      { numRuns: 200 },
    );
  });
});
