// F5a pacing rules on an explicit clock (issue 14, benchmark 5): the hold is holdFactor × the
// round trip up to the acknowledgement, applies only while the load lasts, and an unacknowledged
// list stops holding back after maxInFlightMs.
import { expect } from 'chai';
import type { TrackingStatus } from '../../../packages/runtime/src/index.js';
import { AssetListPacer } from './asset-list-pacing.js';

const DSO = '10X1001A1001A450';

function pacerWith(states: Map<string, TrackingStatus['state'] | undefined>, options = {}): AssetListPacer {
  return new AssetListPacer(async (id) => {
    const state = states.get(id);
    return state === undefined ? undefined : { messageId: id, state, history: [] };
  }, options);
}

describe('AssetListPacer (F5a pushes, issue 14)', () => {
  it('F5a: a DSO never pushed to may get a list at once', async () => {
    expect(await pacerWith(new Map()).decide(DSO, 0, true, 50)).to.deep.equal({ push: true });
  });

  it('F5a: in flight until RECEIVED; then held holdFactor × the round trip while load lasts, not when it has stopped', async () => {
    const states = new Map<string, TrackingStatus['state'] | undefined>([['m1', 'DELIVERED']]);
    const pacer = pacerWith(states, { holdFactor: 2 });
    pacer.pushed(DSO, 'm1', 1_000, 1_200);
    expect(await pacer.decide(DSO, 2_000, true, 50)).to.deep.equal({ push: false, retryInMs: 50, why: 'in-flight' });
    expect(await pacer.decide(DSO, 2_000, false, 50), 'in flight holds back even when the load has stopped').to.deep.include({ push: false, why: 'in-flight' });
    states.set('m1', 'RECEIVED');
    // Acknowledgement seen at 4,000: round trip 3,000 ms → hold until 10,000.
    expect(await pacer.decide(DSO, 4_000, true, 50)).to.deep.equal({ push: false, retryInMs: 6_000, why: 'hold' });
    expect(await pacer.decide(DSO, 9_999, true, 50)).to.deep.equal({ push: false, retryInMs: 1, why: 'hold' });
    expect(await pacer.decide(DSO, 10_000, true, 50)).to.deep.equal({ push: true });
    expect(await pacer.decide(DSO, 5_000, false, 50), 'no hold once registrations stopped').to.deep.equal({ push: true });
  });

  it('F5a: FAILED and an untracked message end the wait; a lost acknowledgement stops holding after maxInFlightMs', async () => {
    const states = new Map<string, TrackingStatus['state'] | undefined>([['f', 'FAILED'], ['lost', 'ACCEPTED']]);
    const pacer = pacerWith(states, { holdFactor: 0, maxInFlightMs: 10_000 });
    pacer.pushed(DSO, 'f', 0, 10);
    expect(await pacer.decide(DSO, 100, true, 50)).to.deep.equal({ push: true });
    pacer.pushed(DSO, 'untracked', 0, 10);
    expect(await pacer.decide(DSO, 100, true, 50)).to.deep.equal({ push: true });
    pacer.pushed(DSO, 'lost', 0, 10);
    expect(await pacer.decide(DSO, 10_009, true, 50)).to.deep.include({ push: false, why: 'in-flight' });
    expect(await pacer.decide(DSO, 10_010, true, 50)).to.deep.equal({ push: true });
  });

  it('rejects a negative holdFactor or maxInFlightMs', () => {
    expect(() => pacerWith(new Map(), { holdFactor: -1 })).to.throw(/≥ 0/);
    expect(() => pacerWith(new Map(), { maxInFlightMs: Number.NaN })).to.throw(/≥ 0/);
  });
});
