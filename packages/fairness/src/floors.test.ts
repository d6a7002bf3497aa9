import { expect } from 'chai';
import fc from 'fast-check';
import { split } from './split.js';
import { withFloors } from './testkit/examples.js';
import { LARGE, POLICY_ARB, SMALL, requestArb } from './testkit/arbitraries.js';
import { needOf, refSplit } from './testkit/reference.js';
import type { AssetInput } from './types.js';

const FLOORED = { ...SMALL, withFloors: true };

function capOf(policy: string, a: AssetInput): number {
  return policy === 'waterfill' || policy === 'prorata-request' ? needOf(a) : a.capacityW;
}

describe('fairness per-asset floors', () => {
  it('F6a: worked example — a floor above the fair share is honoured first, the rest re-split', () => {
    // Without floors (limit 90) C gets 27 W. Floor 29 W for C: C is pinned at 29 W, then
    // waterfill splits 90 − 29 = 61 W over A and B: level 61/120, A 10 ≤ 30.5 → capped; R = 51, B = 51.
    const d = split({ limitW: 90, assets: withFloors({ C: 29 }) });
    expect(d.grants).to.deep.equal({ A: 10, B: 51, C: 29 });
    expect(d.trace.find((t) => t.step === 'floors-pinned')).to.deep.include({ pass: 1, count: 1, pinnedW: 29, ids: ['C'] });
  });

  it('F6a: worked example — a floor below the fair share changes nothing; a floor above the cap is cut to the cap', () => {
    // C's fair share is 27 ≥ 20. A's floor 50 is cut to its need 10, which it gets anyway.
    expect(split({ limitW: 90, assets: withFloors({ A: 50, C: 20 }) }).grants).to.deep.equal({ A: 10, B: 53, C: 27 });
  });

  it('F6a: worked example — floors above the limit are scaled down in proportion to the floors', () => {
    // Effective floors A 10 (its need), B 20; Σ 30 > limit 10 → 10 W by floors:
    // A = 10·10/30 = 3 r 10, B = 10·20/30 = 6 r 20 → 9 W, 1 W left → B (20 > 10). C has no floor: 0.
    const d = split({ limitW: 10, assets: withFloors({ A: 10, B: 20 }) });
    expect(d.grants).to.deep.equal({ A: 3, B: 7, C: 0 });
    expect(d.trace[1]).to.deep.equal({ step: 'floors-scaled', floorsW: 30, limitW: 10 });
  });

  it('F6a: when Σ floors ≤ limit every asset gets at least min(floor, cap), and filling policies still fill', () => {
    fc.assert(
      fc.property(POLICY_ARB, requestArb(FLOORED), (policy, { limitW, assets }) => {
        const d = split({ policy, limitW, assets });
        const floors = assets.map((a) => Math.min(a.floorW ?? 0, capOf(policy, a)));
        if (floors.reduce((s, f) => s + f, 0) <= limitW) {
          assets.forEach((a, k) => expect(d.grants[a.id]).to.be.at.least(floors[k]!));
        } else {
          expect(d.metrics.grantedW).to.equal(limitW);
        }
        if (policy !== 'equal') {
          const caps = assets.reduce((s, a) => s + capOf(policy, a), 0);
          expect(d.metrics.grantedW).to.equal(Math.min(limitW, caps));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('F6a: floors give the same grants as the naive BigInt reference, for every policy', () => {
    for (const scale of [FLOORED, { ...LARGE, withFloors: true }]) {
      fc.assert(
        fc.property(POLICY_ARB, requestArb(scale), (policy, { limitW, assets }) => {
          expect(split({ policy, limitW, assets }).grants).to.deep.equal(refSplit(policy, limitW, assets));
        }),
        { numRuns: 300 },
      );
    }
  });
});
