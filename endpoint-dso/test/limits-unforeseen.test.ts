import { expect } from 'chai';
import { asset, assetListDoc, cp, DSO_A, DSO_B, listed, startHarness, type Harness } from './harness.js';

const [a1, a2, b1] = [asset('PV-1'), asset('BAT-2'), asset('B-PV-1')];
const signal = (over: Record<string, unknown> = {}) => ({
  limitId: 'EMG-1',
  start: '2026-03-01T10:00:00Z',
  expectedEnd: '2026-03-01T12:00:00Z',
  reasons: [{ code: 'B24' }],
  signals: [{ direction: 'production', action: 'stop', connectionPointIds: [cp(1)] }],
  ...over,
});

describe('DSO facade: unforeseen capacity limits — start/stop/hold until the expected end (F6b)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    await h.call(h.tokens.a, 'POST', '/connection-points', { connectionPointIds: [cp(1)] });
    await h.messenger.deliver(assetListDoc(DSO_A, [listed(a1, cp(1)), listed(a2, cp(1))]));
    await h.messenger.deliver(assetListDoc(DSO_B, [listed(b1, cp(7))]));
    h.messenger.sent.length = 0;
  });
  afterEach(() => h.close());

  it('F6b: sends the action per affected asset with emergency priority; the period ends at the expected end', async () => {
    const res = await h.call(h.tokens.a, 'POST', '/capacity-limits/unforeseen', signal());
    expect(res.status).to.equal(202);
    const [doc] = h.messenger.sentOfKind('capacity-limit');
    expect(doc).to.deep.include({ mRID: 'EMG-1', limitType: 'unforeseen', status: 'active', period: { start: '2026-03-01T10:00Z', end: '2026-03-01T12:00Z' } });
    expect(doc!.series).to.deep.equal([{ mRID: 'TS1', direction: 'production', assetIds: [a2, a1].sort(), action: 'stop' }]);
    expect(h.messenger.sent[0]!.priority).to.equal('emergency');
    const split = await h.call(h.tokens.a, 'GET', '/capacity-limits/EMG-1/split');
    expect(split.body.assets).to.have.deep.members([
      { assetId: a1, direction: 'production', action: 'stop' },
      { assetId: a2, direction: 'production', action: 'stop' },
    ]);
  });

  it('F6b: the start defaults to now; update moves to hold with a later end; cancel is emergency too', async () => {
    const res = await h.call(h.tokens.a, 'POST', '/capacity-limits/unforeseen', signal({ start: undefined, expectedEnd: '2099-01-01T00:00:00Z' }));
    expect(res.status).to.equal(202);
    const now = Date.now();
    const started = Date.parse(h.messenger.sentOfKind('capacity-limit')[0]!.period.start);
    expect(now - started).to.be.within(0, 120_000);
    const up = await h.call(h.tokens.a, 'PUT', '/capacity-limits/unforeseen/EMG-1', signal({ revision: 2, signals: [{ direction: 'production', action: 'hold', assetIds: [a1] }] }));
    expect(up.status).to.equal(202);
    expect(h.messenger.sentOfKind('capacity-limit')[1]!.series).to.deep.equal([{ mRID: 'TS1', direction: 'production', assetIds: [a1], action: 'hold' }]);
    const cancel = await h.call(h.tokens.a, 'DELETE', '/capacity-limits/unforeseen/EMG-1?revision=5');
    expect(cancel.body).to.deep.include({ revision: 5, status: 'cancelled' });
    expect(h.messenger.sent.map((s) => s.priority)).to.deep.equal(['emergency', 'emergency', 'emergency']);
  });

  it('F6b bad input: end not after start, unknown action, assets off the grid, revision backwards; nothing sent', async () => {
    const backwards = await h.call(h.tokens.a, 'POST', '/capacity-limits/unforeseen', signal({ expectedEnd: '2026-03-01T09:00:00Z' }));
    expect(backwards.status).to.equal(400);
    expect(backwards.body.errors[0].field).to.equal('expectedEnd');
    const action = await h.call(h.tokens.a, 'POST', '/capacity-limits/unforeseen', signal({ signals: [{ direction: 'production', action: 'pause', assetIds: [a1] }] }));
    expect(action.body.errors[0].field).to.equal('signals.0.action');
    const foreign = await h.call(h.tokens.a, 'POST', '/capacity-limits/unforeseen', signal({ signals: [{ direction: 'production', action: 'stop', assetIds: [a1, b1] }] }));
    expect(foreign.status).to.equal(400);
    expect(foreign.body.errors).to.deep.equal([{ field: 'signals.0.assetIds.1', message: `${b1} is not an asset on this DSO's grid` }]);
    const secondsOff = await h.call(h.tokens.a, 'POST', '/capacity-limits/unforeseen', signal({ expectedEnd: '2026-03-01T12:00:30Z' }));
    expect(secondsOff.body.errors[0].field).to.equal('expectedEnd');
    expect(h.messenger.sent).to.have.length(0);
    await h.call(h.tokens.a, 'POST', '/capacity-limits/unforeseen', signal({ revision: 3 }));
    const back = await h.call(h.tokens.a, 'PUT', '/capacity-limits/unforeseen/EMG-1', signal({ revision: 2 }));
    expect(back.status).to.equal(409);
    expect((await h.call(h.tokens.a, 'DELETE', '/capacity-limits/unforeseen/EMG-1?revision=3')).status).to.equal(409);
    expect((await h.call(h.tokens.a, 'DELETE', '/capacity-limits/unforeseen/EMG-1?revision=x')).status).to.equal(400);
    expect((await h.call(h.tokens.a, 'PUT', '/capacity-limits/foreseen/EMG-1', { revision: 4 })).status).to.equal(400);
    expect(h.messenger.sent).to.have.length(1);
  });
});
