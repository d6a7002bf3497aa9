import { expect } from 'chai';
import { loadRamlContract } from '../../packages/rest/src/index.js';
import { RAML_FILE } from '../src/app.js';
import { ackDoc, allKeys, asset, assetListDoc, cp, CORE, DSO_A, DSO_B, listed, startHarness, type Harness } from './harness.js';

const [a1, a2, a3, b1] = [asset('PV-1'), asset('BAT-2'), asset('HP-3'), asset('B-PV-1')];
const period = { start: '2026-03-01T06:00:00Z', end: '2026-03-01T08:00:00Z' };
const limit = (over: Record<string, unknown> = {}) => ({
  limitId: 'LIM-1',
  period,
  fairnessPolicy: 'drem-prorata',
  reasons: [{ code: 'B19', text: 'planned maintenance' }],
  series: [{ direction: 'consumption', connectionPointIds: [cp(1)], assetIds: [a3], resolution: 'PT60M', availableCapacityW: [250_000, 300_000] }],
  ...over,
});

describe('DSO facade: foreseen capacity limits — send, update, cancel, status, split (F6b, NF3)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    await h.call(h.tokens.a, 'POST', '/connection-points', { connectionPointIds: [cp(1), cp(2)] });
    await h.call(h.tokens.b, 'POST', '/connection-points', { connectionPointIds: [cp(7)] });
    await h.messenger.deliver(assetListDoc(DSO_A, [listed(a1, cp(1)), listed(a2, cp(1)), listed(a3, cp(2))]));
    await h.messenger.deliver(assetListDoc(DSO_B, [listed(b1, cp(7))]));
    h.messenger.sent.length = 0;
  });
  afterEach(() => h.close());

  it('F6b: sends an Unavailability document naming the affected assets (connection points expanded) per direction and interval', async () => {
    const res = await h.call(h.tokens.a, 'POST', '/capacity-limits/foreseen', limit());
    expect(res.status).to.equal(202);
    expect(res.body).to.deep.include({ limitId: 'LIM-1', kind: 'foreseen', revision: 1, status: 'active', alreadySubmitted: false });
    const [doc] = h.messenger.sentOfKind('capacity-limit');
    expect(doc).to.deep.include({ mRID: 'LIM-1', revisionNumber: 1, limitType: 'foreseen', status: 'active', period: { start: '2026-03-01T06:00Z', end: '2026-03-01T08:00Z' } });
    expect(doc!.sender.mRID).to.equal(DSO_A);
    expect(doc!.receiver.mRID).to.equal(CORE);
    expect(doc!.series).to.deep.equal([
      { mRID: 'TS1', direction: 'consumption', assetIds: [a2, a1, a3].sort(), resolution: 'PT60M', interval: { start: '2026-03-01T06:00Z', end: '2026-03-01T08:00Z' }, availableW: [250_000, 300_000] },
    ]);
    expect(doc!.reasons).to.deep.equal([{ code: 'B19', text: 'planned maintenance' }, { code: 'A95', text: 'tps:fairness-policy=drem-prorata' }]);
    expect(h.messenger.sent[0]!.priority).to.equal('normal');
  });

  it('F6b: reads back status — pending, then the core\'s acknowledgement per revision, with tracking', async () => {
    const sent = await h.call(h.tokens.a, 'POST', '/capacity-limits/foreseen', limit());
    let status = await h.call(h.tokens.a, 'GET', '/capacity-limits/LIM-1');
    expect(status.body.acknowledgement.state).to.equal('pending');
    expect(status.body.tracking.state).to.equal('ACCEPTED');
    await h.messenger.deliver(ackDoc(DSO_A, { mRID: 'LIM-1', revisionNumber: 1 }, true));
    status = await h.call(h.tokens.a, 'GET', '/capacity-limits/LIM-1');
    expect(status.body).to.deep.include({ limitId: 'LIM-1', revision: 1, status: 'active' });
    expect(status.body.acknowledgement.state).to.equal('accepted');
    expect(status.body.revisions).to.have.length(1);
    expect(status.body.revisions[0].messageId).to.equal(sent.body.messageId);
    expect((await loadRamlContract(RAML_FILE)).validate('LimitDetail', status.body)).to.deep.equal([]);
    const list = await h.call(h.tokens.a, 'GET', '/capacity-limits?kind=foreseen');
    expect(list.body.limits.map((l: { limitId: string }) => l.limitId)).to.deep.equal(['LIM-1']);
  });

  it('F6b: updates are new revisions; a revision going backwards is 409; an exact retry is "already submitted"', async () => {
    await h.call(h.tokens.a, 'POST', '/capacity-limits/foreseen', limit());
    const v2 = limit({ revision: 2, series: [{ direction: 'consumption', assetIds: [a1], resolution: 'PT15M', availableCapacityW: [1, 2, 3, 4, 5, 6, 7, 8] }] });
    const up = await h.call(h.tokens.a, 'PUT', '/capacity-limits/foreseen/LIM-1', v2);
    expect(up.status).to.equal(202);
    expect(h.messenger.sentOfKind('capacity-limit')[1]).to.deep.include({ mRID: 'LIM-1', revisionNumber: 2 });
    const retry = await h.call(h.tokens.a, 'PUT', '/capacity-limits/foreseen/LIM-1', v2);
    expect(retry.status).to.equal(200);
    expect(retry.body.alreadySubmitted).to.equal(true);
    // A stale duplicate of revision 1 is answered as already submitted; other content is refused.
    expect((await h.call(h.tokens.a, 'PUT', '/capacity-limits/foreseen/LIM-1', limit({ revision: 1 }))).body.alreadySubmitted).to.equal(true);
    const back = await h.call(h.tokens.a, 'PUT', '/capacity-limits/foreseen/LIM-1', limit({ revision: 1, fairnessPolicy: 'equal' }));
    expect(back.status).to.equal(409);
    expect(back.body.currentRevision).to.equal(2);
    const sameRevOtherContent = await h.call(h.tokens.a, 'PUT', '/capacity-limits/foreseen/LIM-1', { ...v2, fairnessPolicy: 'equal' });
    expect(sameRevOtherContent.status).to.equal(409);
    expect((await h.call(h.tokens.a, 'PUT', '/capacity-limits/foreseen/LIM-1', limit({ revision: undefined }))).status).to.equal(400);
    expect((await h.call(h.tokens.a, 'POST', '/capacity-limits/foreseen', limit())).status).to.equal(200);
    expect((await h.call(h.tokens.a, 'POST', '/capacity-limits/foreseen', limit({ fairnessPolicy: 'equal' }))).status).to.equal(409);
    expect(h.messenger.sentOfKind('capacity-limit')).to.have.length(2);
  });

  it('F6b: cancel sends a cancelled revision; cancelling again is a retry; a cancelled limit takes no update', async () => {
    await h.call(h.tokens.a, 'POST', '/capacity-limits/foreseen', limit());
    const res = await h.call(h.tokens.a, 'DELETE', '/capacity-limits/foreseen/LIM-1');
    expect(res.status).to.equal(202);
    expect(res.body).to.deep.include({ revision: 2, status: 'cancelled' });
    expect(h.messenger.sentOfKind('capacity-limit')[1]).to.deep.include({ mRID: 'LIM-1', revisionNumber: 2, status: 'cancelled' });
    expect((await h.call(h.tokens.a, 'DELETE', '/capacity-limits/foreseen/LIM-1')).status).to.equal(200);
    expect((await h.call(h.tokens.a, 'DELETE', '/capacity-limits/foreseen/LIM-1?revision=2')).status).to.equal(200);
    expect((await h.call(h.tokens.a, 'PUT', '/capacity-limits/foreseen/LIM-1', limit({ revision: 3 }))).status).to.equal(409);
    expect((await h.call(h.tokens.a, 'DELETE', '/capacity-limits/unforeseen/LIM-1')).status).to.equal(409);
    expect(h.messenger.sentOfKind('capacity-limit')).to.have.length(2);
  });

  const badCases: Array<[string, Record<string, unknown>, string]> = [
    ['start not before end', limit({ period: { start: period.end, end: period.start } }), 'period'],
    ['one value short (inconsistent intervals)', limit({ series: [{ direction: 'consumption', assetIds: [a1], resolution: 'PT60M', availableCapacityW: [1] }] }), 'series.0.availableCapacityW'],
    ['resolution not dividing the interval', limit({ series: [{ direction: 'consumption', assetIds: [a1], resolution: 'PT60M', interval: { start: '2026-03-01T06:15:00Z', end: '2026-03-01T07:15:00Z' }, availableCapacityW: [1] }] }), 'series.0.resolution'],
    ['series outside the period', limit({ series: [{ direction: 'consumption', assetIds: [a1], resolution: 'PT60M', interval: { start: '2026-03-01T07:00:00Z', end: '2026-03-01T09:00:00Z' }, availableCapacityW: [1, 2] }] }), 'series.0.interval'],
    ['negative watts', limit({ series: [{ direction: 'consumption', assetIds: [a1], resolution: 'PT60M', availableCapacityW: [1, -2] }] }), 'series.0.availableCapacityW.1'],
    ['fractional watts', limit({ series: [{ direction: 'consumption', assetIds: [a1], resolution: 'PT60M', availableCapacityW: [1.5, 2] }] }), 'series.0.availableCapacityW.0'],
    ['non-UTC time', limit({ period: { start: '2026-03-01T06:00:00+01:00', end: period.end } }), 'period.start'],
    ['an asset not on this grid (another DSO\'s)', limit({ series: [{ direction: 'consumption', assetIds: [b1], resolution: 'PT60M', availableCapacityW: [1, 2] }] }), 'series.0.assetIds.0'],
    ['a foreign connection point', limit({ series: [{ direction: 'consumption', connectionPointIds: [cp(7)], resolution: 'PT60M', availableCapacityW: [1, 2] }] }), 'series.0.connectionPointIds.0'],
    ['no affected assets named', limit({ series: [{ direction: 'consumption', resolution: 'PT60M', availableCapacityW: [1, 2] }] }), 'series.0'],
    ['an operator field', limit({ operator: 'x' }), 'request body'],
    ['an unknown fairness policy', limit({ fairnessPolicy: 'first-come' }), 'fairnessPolicy'],
  ];
  for (const [what, body, field] of badCases) {
    it(`F6b bad input: ${what} → 400 naming ${field}, nothing sent`, async () => {
      const res = await h.call(h.tokens.a, 'POST', '/capacity-limits/foreseen', body);
      expect(res.status).to.equal(400);
      expect(res.type).to.contain('application/problem+json');
      expect(res.body.errors.map((e: { field: string }) => e.field)).to.include(field);
      expect(h.messenger.sent).to.have.length(0);
      expect((await h.call(h.tokens.a, 'GET', '/capacity-limits')).body.limits).to.deep.equal([]);
    });
  }

  it('NF3: another DSO\'s token can neither read nor change this DSO\'s limit', async () => {
    await h.call(h.tokens.a, 'POST', '/capacity-limits/foreseen', limit());
    expect((await h.call(h.tokens.b, 'GET', '/capacity-limits/LIM-1')).status).to.equal(404);
    expect((await h.call(h.tokens.b, 'GET', '/capacity-limits/LIM-1/split')).status).to.equal(404);
    expect((await h.call(h.tokens.b, 'PUT', '/capacity-limits/foreseen/LIM-1', limit({ revision: 2, series: [{ direction: 'production', assetIds: [b1], resolution: 'PT60M', availableCapacityW: [1, 2] }] }))).status).to.equal(404);
    expect((await h.call(h.tokens.b, 'DELETE', '/capacity-limits/foreseen/LIM-1')).status).to.equal(404);
    expect((await h.call(h.tokens.b, 'GET', '/capacity-limits')).body.limits).to.deep.equal([]);
    expect(h.messenger.sentOfKind('capacity-limit')).to.have.length(1);
  });

  it('F6b, NF3: reads back the split per asset (no operators) and fairness metrics from the core\'s grant document', async () => {
    await h.call(h.tokens.a, 'POST', '/capacity-limits/foreseen', limit());
    let split = await h.call(h.tokens.a, 'GET', '/capacity-limits/LIM-1/split');
    expect(split.body).to.deep.include({ reported: false, grants: [] });
    const interval = { start: '2026-03-01T06:00Z', end: '2026-03-01T08:00Z' };
    await h.messenger.deliver({
      kind: 'capacity-limit',
      document: {
        mRID: 'LIM-1',
        revisionNumber: 1,
        sender: { mRID: CORE, role: 'A57' },
        receiver: { mRID: DSO_A, role: 'A50' },
        createdDateTime: '2026-02-28T12:00:00Z',
        limitType: 'grant',
        status: 'active',
        period: interval,
        unit: 'KWT',
        reasons: [{ code: 'A95', text: 'tps:fairness;policy=drem-prorata;jainIndexMin=0.9;strandedWTotal=0' }],
        series: [
          { mRID: 'G1', direction: 'consumption', assetId: a1, resolution: 'PT60M', interval, grantW: [100_000, 100_000] },
          { mRID: 'G2', direction: 'consumption', assetId: a2, resolution: 'PT60M', interval, grantW: [150_000, 200_000] },
        ],
      },
    });
    split = await h.call(h.tokens.a, 'GET', '/capacity-limits/LIM-1/split');
    expect(split.body).to.deep.include({ reported: true, revision: 1, policy: 'drem-prorata', metrics: { jainIndexMin: 0.9, strandedWTotal: 0 } });
    expect(split.body.grants).to.deep.equal([
      { assetId: a1, direction: 'consumption', resolution: 'PT60M', interval: period, grantW: [100_000, 100_000] },
      { assetId: a2, direction: 'consumption', resolution: 'PT60M', interval: period, grantW: [150_000, 200_000] },
    ]);
    expect(allKeys(split.body).some((k) => /operator/i.test(k))).to.equal(false);
    expect((await loadRamlContract(RAML_FILE)).validate('LimitSplit', split.body)).to.deep.equal([]);
    expect((await h.call(h.tokens.a, 'GET', '/capacity-limits/LIM-1')).body.splitRevision).to.equal(1);
  });
});
