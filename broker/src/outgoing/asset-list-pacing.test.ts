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

  it('F5a: an acknowledgement seen late is timed by its own timestamp; no hold outlasts maxInFlightMs', async () => {
    const t0 = Date.parse('2026-03-01T08:00:00Z');
    const acked = (id: string, atMs: number): TrackingStatus => ({ messageId: id, state: 'RECEIVED', history: [{ state: 'ACCEPTED', at: new Date(t0).toISOString() }, { state: 'RECEIVED', at: new Date(atMs).toISOString() }] });
    const statuses = new Map<string, TrackingStatus>([['early', acked('early', t0 + 500)], ['skewed', acked('skewed', t0 + 3_600_000)]]);
    const pacer = new AssetListPacer(async (id) => statuses.get(id), { holdFactor: 2, maxInFlightMs: 60_000 });
    // Acknowledged 500 ms after the push, looked at an hour later: held 1 s, not 2 h.
    pacer.pushed(DSO, 'early', t0, t0 + 10);
    expect(await pacer.decide(DSO, t0 + 3_600_000, true, 50)).to.deep.equal({ push: false, retryInMs: 1_000, why: 'hold' });
    // A DSO clock an hour ahead: bounded by this clock (30 s seen) and by maxInFlightMs.
    // Seen in flight before: the DSO's processing after its batch started counts — timed by this clock.
    statuses.set('slow', { messageId: 'slow', state: 'DELIVERED', history: [] });
    pacer.pushed(DSO, 'slow', t0, t0 + 10);
    expect(await pacer.decide(DSO, t0 + 1_000, true, 50)).to.deep.include({ push: false, why: 'in-flight' });
    statuses.set('slow', acked('slow', t0 + 100));
    expect(await pacer.decide(DSO, t0 + 4_000, true, 50)).to.deep.equal({ push: false, retryInMs: 8_000, why: 'hold' });
    pacer.pushed(DSO, 'skewed', t0, t0 + 10);
    expect(await pacer.decide(DSO, t0 + 30_000, true, 50)).to.deep.equal({ push: false, retryInMs: 60_000, why: 'hold' });
  });

  it('rejects a negative holdFactor or maxInFlightMs', () => {
    expect(() => pacerWith(new Map(), { holdFactor: -1 })).to.throw(/≥ 0/);
    expect(() => pacerWith(new Map(), { maxInFlightMs: Number.NaN })).to.throw(/≥ 0/);
  });
});
