// F5a pacing rules on an explicit clock (issue 14, benchmark 5): one list in flight per DSO until
// its acknowledgement is seen; then, while the load lasts, a hold of holdFactor × the round trip
// (push start → acknowledgement seen, this clock); an unacknowledged list stops holding back after
// maxInFlightMs, and no hold outlasts it.
import { expect } from 'chai';
import type { TrackingStatus } from '../../../packages/runtime/src/index.js';
import { AssetListPacer } from './asset-list-pacing.js';

const DSO = '10X1001A1001A450';
const DSO2 = '10X1001A1001A469';

function pacerWith(states: Map<string, TrackingStatus['state']>, options = {}): AssetListPacer {
  return new AssetListPacer(async (id) => {
    const state = states.get(id);
    return state === undefined ? undefined : { messageId: id, state, history: [] };
  }, options);
}

describe('AssetListPacer (F5a pushes, issue 14)', () => {
  it('F5a: a DSO never pushed to may get a list at once', () => {
    expect(pacerWith(new Map()).decide(DSO, 0, true, 50)).to.deep.equal({ push: true });
  });

  it('F5a: in flight until the acknowledgement is seen; then held holdFactor × the round trip while load lasts, not when it has stopped', async () => {
    const states = new Map<string, TrackingStatus['state']>([['m1', 'DELIVERED']]);
    const pacer = pacerWith(states, { holdFactor: 2 });
    pacer.pushed(DSO, 'm1', 1_000, 1_200);
    expect(await pacer.observe(2_000), 'a list is in flight').to.equal(true);
    expect(pacer.decide(DSO, 2_000, true, 50)).to.deep.equal({ push: false, retryInMs: 50, why: 'in-flight' });
    expect(pacer.decide(DSO, 2_000, false, 50), 'in flight holds back even when the load has stopped').to.deep.include({ push: false, why: 'in-flight' });
    states.set('m1', 'RECEIVED');
    // Acknowledgement seen at 4,000: round trip 3,000 ms → hold until 10,000.
    expect(await pacer.observe(4_000)).to.equal(false);
    expect(pacer.decide(DSO, 4_000, true, 50)).to.deep.equal({ push: false, retryInMs: 6_000, why: 'hold' });
    expect(pacer.decide(DSO, 9_999, true, 50)).to.deep.equal({ push: false, retryInMs: 1, why: 'hold' });
    expect(pacer.decide(DSO, 10_000, true, 50)).to.deep.equal({ push: true });
    expect(pacer.decide(DSO, 5_000, false, 50), 'no hold once registrations stopped').to.deep.equal({ push: true });
    // Looked at an hour later: the hold ran from the acknowledgement, it is long over.
    expect(pacer.decide(DSO, 3_604_000, true, 50)).to.deep.equal({ push: true });
  });

  it('F5a: every DSO’s list is observed, owed or not; FAILED and an untracked message end the wait', async () => {
    const states = new Map<string, TrackingStatus['state']>([['a', 'DELIVERED'], ['b', 'FAILED']]);
    const pacer = pacerWith(states, { holdFactor: 0 });
    pacer.pushed(DSO, 'a', 0, 10);
    pacer.pushed(DSO2, 'b', 0, 10);
    expect(await pacer.observe(100)).to.equal(true);
    expect(pacer.decide(DSO2, 100, true, 50)).to.deep.equal({ push: true });
    states.set('a', 'RECEIVED');
    expect(await pacer.observe(150)).to.equal(false);
    expect(pacer.decide(DSO, 150, true, 50)).to.deep.equal({ push: true });
    pacer.pushed(DSO, 'untracked', 200, 210);
    expect(await pacer.observe(300)).to.equal(false);
    expect(pacer.decide(DSO, 300, true, 50)).to.deep.equal({ push: true });
  });

  it('F5a: a lost acknowledgement stops holding back after maxInFlightMs; no hold outlasts maxInFlightMs', async () => {
    const states = new Map<string, TrackingStatus['state']>([['lost', 'ACCEPTED'], ['slow', 'DELIVERED']]);
    const pacer = pacerWith(states, { holdFactor: 10, maxInFlightMs: 10_000 });
    pacer.pushed(DSO, 'lost', 0, 10);
    expect(await pacer.observe(10_009)).to.equal(true);
    expect(pacer.decide(DSO, 10_009, true, 50)).to.deep.include({ push: false, why: 'in-flight' });
    expect(await pacer.observe(10_010)).to.equal(false);
    expect(pacer.decide(DSO, 10_010, true, 50), 'timed out: no hold after it').to.deep.equal({ push: true });
    pacer.pushed(DSO, 'slow', 0, 10);
    states.set('slow', 'RECEIVED');
    await pacer.observe(5_000); // round trip 5 s × 10 = 50 s, capped at 10 s
    expect(pacer.decide(DSO, 5_000, true, 50)).to.deep.equal({ push: false, retryInMs: 10_000, why: 'hold' });
  });

  it('rejects a negative holdFactor or maxInFlightMs', () => {
    expect(() => pacerWith(new Map(), { holdFactor: -1 })).to.throw(/≥ 0/);
    expect(() => pacerWith(new Map(), { maxInFlightMs: Number.NaN })).to.throw(/≥ 0/);
  });
});
