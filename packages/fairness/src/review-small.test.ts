// The review's branch-free loop for small integers (review.ts, reviewGrantsSmall) against its
// straightforward loop: a copy of a built-in policy is not built-in, so it takes the general loop
// on the same grants. Series decisions must be identical (F6a: deterministic, byte-identical).
import { expect } from 'chai';
import fc from 'fast-check';
import { splitSeries } from './split.js';
import { policies, POLICY_NAMES } from './policies.js';
import type { SeriesAssetInput } from './types.js';
import type { FairnessPolicy } from './policy.js';

const INTERVALS = 6;

function seriesAssetsArb(maxCapacity: number): fc.Arbitrary<SeriesAssetInput[]> {
  const magnitude = fc.integer({ min: 0, max: maxCapacity });
  const asset = fc.record(
    {
      id: fc.integer({ min: 0, max: 9_999 }).map((n) => `A-${n}`),
      operator: fc.constantFrom('agr-a', 'agr-b', 'agr-c'),
      capacityW: magnitude,
      plannedW: fc.oneof(magnitude, fc.array(magnitude, { minLength: INTERVALS, maxLength: INTERVALS })),
      weight: fc.integer({ min: 1, max: 1_000_000 }),
      floorW: fc.oneof(fc.constant(0), magnitude),
    },
    { requiredKeys: ['id', 'operator', 'capacityW'] },
  );
  return fc.uniqueArray(asset, { minLength: 1, maxLength: 120, selector: (a) => a.id });
}

const requestArb = fc.oneof(
  fc.constant(2 ** 30 - 1), // just inside the branch-free range
  fc.constant(2 ** 30), // just outside: both take the general loop
  fc.constant(50_000),
).chain((maxCapacity) =>
  fc.record({
    assets: seriesAssetsArb(maxCapacity),
    fractions: fc.array(fc.double({ min: 0, max: 1.3, noNaN: true }), { minLength: INTERVALS, maxLength: INTERVALS }),
    policy: fc.constantFrom(...POLICY_NAMES),
  }),
);

describe('fairness review: branch-free loop for small integers', () => {
  it('F6a: series decisions equal those of the general review loop (same policy, not built-in)', () => {
    fc.assert(
      fc.property(requestArb, ({ assets, fractions, policy }) => {
        const total = assets.reduce((s, a) => s + a.capacityW, 0);
        const limitsW = fractions.map((f) => Math.floor(total * f));
        const builtIn = policies[policy];
        const copy: FairnessPolicy = { ...builtIn };
        const fast = splitSeries({ policy, direction: 'consumption', limitsW, assets });
        const general = splitSeries({ policy: copy, direction: 'consumption', limitsW, assets });
        expect(JSON.stringify(fast)).to.equal(JSON.stringify(general));
      }),
      { numRuns: 300, seed: 20_261_122 },
    );
  });
});
