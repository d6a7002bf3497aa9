import { expect } from 'chai';
import { split } from './split.js';
import { FairnessInvariantError } from './errors.js';
import type { FairnessPolicy } from './policy.js';
import { SECTION } from './testkit/examples.js';

/** A pluggable policy that gives each asset `grant(cap)` and claims to fill when told so. */
function custom(name: string, grant: (cap: number) => number, fillsToCaps = false): FairnessPolicy {
  return {
    name,
    summary: 'test policy',
    fillsToCaps,
    capsOf: (columns) => columns.needW,
    weightsOf: (columns) => columns.weight,
    allocate({ members, caps, grants }) {
      for (const i of members) grants[i] = grant(caps[i]!);
    },
  };
}

describe('fairness pluggable policies and invariants', () => {
  it('F6a: a custom policy plugs in and its decision carries its name', () => {
    const half = custom('half-need', (cap) => Math.floor(cap / 2));
    const d = split({ policy: half, limitW: 100, assets: SECTION });
    expect(d.grants).to.deep.equal({ A: 5, B: 30, C: 15 });
    expect(d.policy).to.equal('half-need');
  });

  it('F6a: a custom policy whose weights cannot divide its caps is rejected before it runs', () => {
    const zeroWeights: FairnessPolicy = { ...custom('zero', (cap) => cap), weightsOf: (columns) => new Float64Array(columns.count) };
    expect(() => split({ policy: zeroWeights, limitW: 50, assets: SECTION })).to.throw(FairnessInvariantError, /weight > 0 where cap > 0/);
  });

  const broken: [string, FairnessPolicy, RegExp][] = [
    ['Σ grants above the limit', custom('greedy', (cap) => cap), /Σ grants 100 W exceeds the limit 50 W/],
    ['a grant above the cap', custom('over', (cap) => cap + 1), /grant 11 W of asset A is not an integer in \[0, cap 10 W\]/],
    ['a fractional grant', custom('fraction', (cap) => cap / 4), /grant 2.5 W of asset A/],
    ['a filling policy that strands', custom('lazy', () => 0, true), /differs from min\(limit 50 W, Σ caps 100 W\)/],
  ];
  for (const [what, policy, message] of broken) {
    it(`F6a: the invariants are asserted on every call — ${what} throws FairnessInvariantError`, () => {
      expect(() => split({ policy, limitW: 50, assets: SECTION }))
        .to.throw(FairnessInvariantError, message)
        .with.property('code', 'INVARIANT_VIOLATED');
    });
  }
});
