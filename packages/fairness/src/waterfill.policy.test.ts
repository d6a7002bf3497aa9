import { expect } from 'chai';
import fc from 'fast-check';
import { split } from './split.js';
import { SECTION } from './testkit/examples.js';
import { LARGE, MANY, SMALL, requestArb } from './testkit/arbitraries.js';
import { needOf, refSplit } from './testkit/reference.js';

const waterfill = (limitW: number, assets = SECTION) => split({ policy: 'waterfill', limitW, assets });

describe('fairness policy waterfill (default)', () => {
  it('F6a: worked example — limit 90 W: A needs only 10 W, the rest goes to B and C by weight', () => {
    // caps = needs: A 10, B 60, C 30 (Σ 100 > 90); weights = capacities 60, 60, 30 (W = 150).
    // Round 1: level 90/150 = 0.6 W per weight unit. A: 10 ≤ 0.6·60 = 36 → capped at 10.
    //          B: 60 > 36, C: 30 > 18 stay. Left R = 90 − 10 = 80 W, W = 150 − 60 = 90.
    // Round 2: level 80/90 ≈ 0.889. B: 60 > 53.3, C: 30 > 26.7 → nobody capped.
    // Share:   B = 60·80/90 = 4800/90 = 53 r 30, C = 30·80/90 = 2400/90 = 26 r 60 → 79 W,
    //          1 W left → largest remainder: C (60 > 30) → C = 27.
    const d = waterfill(90);
    expect(d.grants).to.deep.equal({ A: 10, B: 53, C: 27 });
    expect(d.operators).to.deep.equal({ 'AGR-1': 37, 'AGR-2': 53 });
    expect(d.metrics.strandedW).to.equal(0);
    expect(d.trace.map((t) => t.step)).to.deep.equal(['start', 'round', 'share', 'remainder']);
    expect(d.trace[1]).to.include({ round: 1, remainingW: 90, activeWeight: 150, level: 0.6, capped: 1, cappedW: 10 });
    expect(d.trace[3]).to.deep.equal({ step: 'remainder', watts: 1, ids: ['C'], moreIds: 0 });
  });

  it('F6a: worked example — limit 70 W divides exactly, limit 71 W hands 1 W to the largest remainder', () => {
    // 70: round 1 level 70/150: A 10 ≤ 28 capped; R = 60, W = 90; B = 60·60/90 = 40, C = 30·60/90 = 20.
    expect(waterfill(70).grants).to.deep.equal({ A: 10, B: 40, C: 20 });
    // 71: A capped (10 ≤ 71·60/150 = 28.4); R = 61, W = 90; B = 3660/90 = 40 r 60, C = 1830/90 = 20 r 30;
    //     1 W left → B (60 > 30).
    expect(waterfill(71).grants).to.deep.equal({ A: 10, B: 41, C: 20 });
  });

  it('F6a: worked example — explicit weights override capacity', () => {
    // Weights 1, 1, 2 (W = 4), limit 60: level 60/4 = 15. A: 10 ≤ 15·1 capped; B: 60 > 15;
    // C: 30 ≤ 15·2 = 30 capped too. R = 60 − 10 − 30 = 20, W = 1: B = 20.
    const assets = SECTION.map((a, i) => ({ ...a, weight: [1, 1, 2][i]! }));
    expect(waterfill(60, assets).grants).to.deep.equal({ A: 10, B: 20, C: 30 });
  });

  it('F6a: worked example — a limit above total need grants every need and strands the slack only', () => {
    const d = waterfill(150);
    expect(d.grants).to.deep.equal({ A: 10, B: 60, C: 30 });
    expect(d.trace[1]).to.deep.equal({ step: 'all-capped', count: 3, grantedW: 100 });
    expect(d.metrics).to.include({ strandedW: 50, avoidableStrandedW: 0 });
  });

  it('F6a: equals the sort-based BigInt reference (small, huge and many-asset inputs)', () => {
    for (const scale of [SMALL, LARGE, MANY]) {
      fc.assert(
        fc.property(requestArb(scale), ({ limitW, assets }) => {
          expect(waterfill(limitW, assets).grants).to.deep.equal(refSplit('waterfill', limitW, assets));
        }),
        { numRuns: scale === MANY ? 40 : 300 },
      );
    }
  });

  it('F6a: max-min fair — no asset below its cap could take a watt from one that has more per weight', () => {
    // For an uncapped asset i and any j: (g_j − 1)/w_j < level < (g_i + 1)/w_i, i.e.
    // (g_j − 1)·w_i < (g_i + 1)·w_j, checked exactly in BigInt.
    fc.assert(
      fc.property(requestArb(SMALL), ({ limitW, assets }) => {
        const { grants } = waterfill(limitW, assets);
        const w = (a: (typeof assets)[number]): bigint => BigInt(a.weight ?? a.capacityW);
        for (const i of assets) {
          if (grants[i.id]! >= needOf(i)) continue;
          for (const j of assets) {
            if (needOf(j) === 0) continue;
            expect((BigInt(grants[j.id]!) - 1n) * w(i) < (BigInt(grants[i.id]!) + 1n) * w(j)).to.equal(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('F6a: strands nothing that someone needs, and nobody gets more than it needs', () => {
    fc.assert(
      fc.property(requestArb(SMALL), ({ limitW, assets }) => {
        const d = waterfill(limitW, assets);
        expect(d.metrics.avoidableStrandedW).to.equal(0);
        for (const a of assets) expect(d.grants[a.id]).to.be.at.most(needOf(a));
      }),
      { numRuns: 300 },
    );
  });

  it('F6a: the default weight is the capacity', () => {
    fc.assert(
      fc.property(requestArb(SMALL), ({ limitW, assets }) => {
        const implicit = assets.map(({ weight: _unused, ...a }) => a);
        const explicit = implicit.map((a) => (a.capacityW > 0 ? { ...a, weight: a.capacityW } : a));
        expect(waterfill(limitW, implicit).grants).to.deep.equal(waterfill(limitW, explicit).grants);
      }),
      { numRuns: 200 },
    );
  });
});
