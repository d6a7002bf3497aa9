import { expect } from 'chai';
import fc from 'fast-check';
import { split } from './split.js';
import { SECTION } from './testkit/examples.js';
import { LARGE, SMALL, requestArb } from './testkit/arbitraries.js';
import { refSplit } from './testkit/reference.js';

const drem = (limitW: number, assets = SECTION) => split({ policy: 'drem-prorata', limitW, assets });

describe('fairness policy drem-prorata (DREM proof-of-concept rule)', () => {
  it('F6a: worked example — limit 90 W by capacity operated, stranding what A does not need', () => {
    // Σ capacity = 60 + 60 + 30 = 150. A = 90·60/150 = 36, B = 36, C = 90·30/150 = 18 (exact).
    // Operators: AGR-1 operates 90/150 = 60 % → 54 W, AGR-2 40 % → 36 W.
    // A needs only 10: usable = 10 + 36 + 18 = 64, stranded = 90 − 64 = 26 W although B and C
    // need 24 + 12 more.
    const d = drem(90);
    expect(d.grants).to.deep.equal({ A: 36, B: 36, C: 18 });
    expect(d.operators).to.deep.equal({ 'AGR-1': 54, 'AGR-2': 36 });
    expect(d.metrics).to.include({ usableW: 64, strandedW: 26, avoidableStrandedW: 26 });
  });

  it('F6a: worked example — rounding: limit 2 W over capacities 1, 1, 1', () => {
    // 2·1/3 = 0 r 2 each → 0 W, 2 W left; remainders and weights all tie → the two smallest IDs.
    const assets = ['z', 'y', 'x'].map((id) => ({ id, operator: 'o', capacityW: 1 }));
    expect(drem(2, assets).grants).to.deep.equal({ x: 1, y: 1, z: 0 });
  });

  it('F6a: equals the BigInt reference and fills min(limit, Σ capacity)', () => {
    for (const scale of [SMALL, LARGE]) {
      fc.assert(
        fc.property(requestArb(scale), ({ limitW, assets }) => {
          const d = drem(limitW, assets);
          expect(d.grants).to.deep.equal(refSplit('drem-prorata', limitW, assets));
          const capacity = assets.reduce((s, a) => s + a.capacityW, 0);
          expect(d.metrics.grantedW).to.equal(Math.min(limitW, capacity));
        }),
        { numRuns: 300 },
      );
    }
  });

  it('F6a: ignores plans and weights, and each operator gets its capacity share within rounding', () => {
    fc.assert(
      fc.property(requestArb(SMALL), ({ limitW, assets }) => {
        const bare = assets.map(({ plannedW: _p, weight: _w, ...a }) => a);
        const d = drem(limitW, assets);
        expect(d.grants).to.deep.equal(drem(limitW, bare).grants);
        const total = assets.reduce((s, a) => s + a.capacityW, 0);
        if (total === 0 || limitW > total) return;
        for (const [operator, granted] of Object.entries(d.operators)) {
          const mine = assets.filter((a) => a.operator === operator);
          const share = (limitW * mine.reduce((s, a) => s + a.capacityW, 0)) / total;
          expect(Math.abs(granted - share)).to.be.at.most(mine.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
