import { expect } from 'chai';
import fc from 'fast-check';
import { split } from './split.js';
import { SECTION } from './testkit/examples.js';
import { LARGE, SMALL, requestArb } from './testkit/arbitraries.js';
import { refSplit } from './testkit/reference.js';

const equal = (limitW: number, assets = SECTION) => split({ policy: 'equal', limitW, assets });

describe('fairness policy equal (comparison)', () => {
  it('F6a: worked example — 90 W over 3 assets is 30 W each whatever they plan', () => {
    // 90/3 = 30 each; capacities 60, 60, 30 all ≥ 30. A plans 10: 20 W stranded.
    const d = equal(90);
    expect(d.grants).to.deep.equal({ A: 30, B: 30, C: 30 });
    expect(d.metrics).to.include({ usableW: 70, strandedW: 20 });
  });

  it('F6a: worked example — a share above capacity is cut and not redistributed', () => {
    // 150/3 = 50 each; C can do 30 → 30; 20 W stranded: Σ = 50 + 50 + 30 = 130.
    const d = equal(150);
    expect(d.grants).to.deep.equal({ A: 50, B: 50, C: 30 });
    expect(d.trace[1]).to.deep.include({ step: 'capped', level: 50, count: 1, cappedW: 30, ids: ['C'] });
  });

  it('F6a: worked example — 10 W over 3 assets: 3 W each, the last watt to the smallest ID', () => {
    const assets = ['c', 'b', 'a'].map((id) => ({ id, operator: 'o', capacityW: 100 }));
    expect(equal(10, assets).grants).to.deep.equal({ a: 4, b: 3, c: 3 });
  });

  it('F6a: equals the BigInt reference; uncapped shares differ by at most 1 W', () => {
    for (const scale of [SMALL, LARGE]) {
      fc.assert(
        fc.property(requestArb(scale), ({ limitW, assets }) => {
          const d = equal(limitW, assets);
          expect(d.grants).to.deep.equal(refSplit('equal', limitW, assets));
          const uncapped = assets.filter((a) => d.grants[a.id]! < a.capacityW).map((a) => d.grants[a.id]!);
          if (uncapped.length > 0) expect(Math.max(...uncapped) - Math.min(...uncapped)).to.be.at.most(1);
        }),
        { numRuns: 300 },
      );
    }
  });
});
