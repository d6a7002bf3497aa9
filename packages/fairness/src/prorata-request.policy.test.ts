import { expect } from 'chai';
import fc from 'fast-check';
import { split } from './split.js';
import { SECTION } from './testkit/examples.js';
import { LARGE, SMALL, requestArb } from './testkit/arbitraries.js';
import { needOf, refSplit } from './testkit/reference.js';

const prorata = (limitW: number, assets = SECTION) => split({ policy: 'prorata-request', limitW, assets });

describe('fairness policy prorata-request (comparison)', () => {
  it('F6a: worked example — 90 W in proportion to requests 10, 60, 30', () => {
    // Σ need = 100; A = 90·10/100 = 9, B = 90·60/100 = 54, C = 90·30/100 = 27: everyone 90 %.
    const d = prorata(90);
    expect(d.grants).to.deep.equal({ A: 9, B: 54, C: 27 });
    expect(d.metrics).to.include({ jainIndex: 1, minSatisfaction: 0.9, maxSatisfaction: 0.9, strandedW: 0 });
  });

  it('F6a: worked example — inflating a plan buys a larger share (unlike waterfill)', () => {
    // B plans its full 60, A inflates from 10 to 60: Σ need = 150; A = B = 90·60/150 = 36, C = 18.
    const inflated = SECTION.map((a) => (a.id === 'A' ? { ...a, plannedW: 60 } : a));
    expect(prorata(90, inflated).grants).to.deep.equal({ A: 36, B: 36, C: 18 });
  });

  it('F6a: equals the BigInt reference, fills min(limit, Σ need) and never exceeds a need', () => {
    for (const scale of [SMALL, LARGE]) {
      fc.assert(
        fc.property(requestArb(scale), ({ limitW, assets }) => {
          const d = prorata(limitW, assets);
          expect(d.grants).to.deep.equal(refSplit('prorata-request', limitW, assets));
          const demand = assets.reduce((s, a) => s + needOf(a), 0);
          expect(d.metrics.grantedW).to.equal(Math.min(limitW, demand));
          for (const a of assets) expect(d.grants[a.id]).to.be.at.most(needOf(a));
        }),
        { numRuns: 300 },
      );
    }
  });
});
