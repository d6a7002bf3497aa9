import { expect } from 'chai';
import { describeEachDatabase } from '../../packages/testing/src/index.js';
import { buildCapacityLimit, MARKET_ROLE, type CapacityLimitDocument } from '../../packages/iec62325/src/index.js';
import { startHarness, setupScenario, A, type Harness } from './core-harness.js';
import { AGR1, AGR2, AGR3, CREATED, DSO1, DSO2, MORNING, TPS, ackOf, asset, limit, parsed, schedule } from './fixtures.js';
import type { SentDocument } from './recording-messenger.js';

function limitTo(sent: SentDocument[], party: string): { doc: CapacityLimitDocument; priority: string } | undefined {
  const found = sent.filter((s) => s.businessType === 'capacity-limit' && s.receiver === party);
  if (found.length > 1) throw new Error(`more than one limit document to ${party}`);
  if (!found[0]) return undefined;
  const p = parsed(found[0]);
  if (p.kind !== 'capacity-limit') throw new Error('not a capacity limit');
  return { doc: p.document, priority: found[0].priority };
}

function grants(doc: CapacityLimitDocument): Record<string, number[]> {
  if (doc.limitType !== 'grant') throw new Error(`expected grants, got ${doc.limitType}`);
  return Object.fromEntries(doc.series.map((s) => [s.assetId, s.grantW]));
}

describeEachDatabase('TPS core: capacity limits (F6a)', (dut) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(await dut.open());
    await setupScenario(h);
  });
  afterEach(() => h.db.destroy());

  it('F6a foreseen: the limit is split fairly and each AGR/BRP gets one document with only its assets', async () => {
    const sent = await h.send(limit(DSO1, { limitType: 'foreseen', series: [{ assetIds: [A.a11, A.a21, A.a22], availableW: [9000, 3000] }] }));
    expect(ackOf(sent)).to.include({ accepted: true, receiver: DSO1 });
    const g1 = limitTo(sent, AGR1)!;
    const g2 = limitTo(sent, AGR2)!;
    expect(limitTo(sent, AGR3)).to.equal(undefined);
    expect(grants(g1.doc)).to.deep.equal({ [A.a11]: [3000, 1000] });
    expect(grants(g2.doc)).to.deep.equal({ [A.a21]: [3000, 1000], [A.a22]: [3000, 1000] });
    expect(g1.doc.sender.mRID).to.equal(TPS);
    expect(g1.priority).to.equal('normal');
  });

  it('F6a foreseen: submitted schedules feed the split (an asset planning little leaves the rest to others)', async () => {
    await h.send(schedule(AGR1, [{ assetId: A.a11, pointsW: [-1000, -1000] }]));
    const sent = await h.send(limit(DSO1, { limitType: 'foreseen', series: [{ assetIds: [A.a11, A.a21], availableW: [9000, 9000] }] }));
    expect(grants(limitTo(sent, AGR1)!.doc)[A.a11]).to.deep.equal([1000, 1000]);
    expect(grants(limitTo(sent, AGR2)!.doc)[A.a21]).to.deep.equal([8000, 8000]);
  });

  it('F6a: every split is stored with policy, trace and metrics; the DSO view has grants but no operators', async () => {
    await h.send(limit(DSO1, { limitType: 'foreseen', series: [{ assetIds: [A.a11, A.a21], availableW: [4000, 4000] }] }, { mRID: 'L-split' }));
    const [full] = await h.core.views.splits({ dso: DSO1, limitMrid: 'L-split' });
    expect(full!.policy).to.equal('waterfill');
    expect(full!.decision.assetOperators).to.deep.equal([AGR1, AGR2]);
    const [mine] = await h.core.views.dsoSplits(DSO1, 'L-split');
    expect(mine!.split.intervals[0]!.grantsW).to.deep.equal([2000, 2000]);
    expect(mine!.split.intervals[0]!.trace.length).to.be.greaterThan(0);
    expect(mine!.split.metrics.jainIndex.min).to.be.a('number');
    const json = JSON.stringify(mine);
    for (const party of [AGR1, AGR2]) expect(json).not.to.contain(party);
    expect(await h.core.views.dsoSplits(DSO2, 'L-split'), 'another DSO reads nothing').to.deep.equal([]);
  });

  it('F6a: after the acknowledgement the DSO gets its split back — its own mRID and revision, grants per asset, metrics, no operator', async () => {
    const sent = await h.send(limit(DSO1, { limitType: 'foreseen', series: [{ assetIds: [A.a11, A.a21], availableW: [4000, 4000] }] }, { mRID: 'L-rb', revision: 4 }));
    const kinds = sent.filter((s) => s.receiver === DSO1).map((s) => s.businessType);
    expect(kinds).to.deep.equal(['acknowledgement', 'capacity-limit']);
    const back = limitTo(sent, DSO1)!.doc;
    expect([back.mRID, back.revisionNumber, back.limitType]).to.deep.equal(['L-rb', 4, 'grant']);
    expect(grants(back)).to.deep.equal({ [A.a11]: [2000, 2000], [A.a21]: [2000, 2000] });
    expect(back.reasons[0]!.text).to.match(/^tps:fairness;policy=waterfill;intervals=2;/);
    const xml = sent.find((s) => s.receiver === DSO1 && s.businessType === 'capacity-limit')!.payload;
    for (const party of [AGR1, AGR2, AGR3]) expect(xml).not.to.contain(party);
  });

  it('F6a: a policy requested by the DSO (Reason A95 tps:fairness-policy) is used and not forwarded; an unknown one is A59', async () => {
    const reasons = [{ code: 'B46' as const }, { code: 'A95' as const, text: 'tps:fairness-policy=equal' }];
    await h.send(schedule(AGR1, [{ assetId: A.a11, pointsW: [-1000, -1000] }]));
    const sent = await h.send(limit(DSO1, { limitType: 'foreseen', series: [{ assetIds: [A.a11, A.a21], availableW: [9000, 9000] }] }, { mRID: 'L-pol', reasons }));
    const [split] = await h.core.views.splits({ limitMrid: 'L-pol' });
    expect(split!.policy).to.equal('equal');
    const toAgr = limitTo(sent, AGR1)!.doc;
    expect(toAgr.reasons).to.deep.equal([{ code: 'B46' }]);
    const bad = await h.send(limit(DSO1, { limitType: 'foreseen', series: [{ assetIds: [A.a11], availableW: [1, 1] }] }, { reasons: [{ code: 'A95', text: 'tps:fairness-policy=fastest' }] }));
    expect(ackOf(bad).codes).to.deep.equal(['A59']);
    expect(bad).to.have.length(1);
  });

  it('F6a update: a new revision is recomputed and sent as that revision; an operator no longer concerned gets a cancellation', async () => {
    await h.send(limit(DSO1, { limitType: 'foreseen', series: [{ assetIds: [A.a11, A.a21], availableW: [4000, 4000] }] }, { mRID: 'L-up', revision: 1 }));
    const update = await h.send(limit(DSO1, { limitType: 'foreseen', series: [{ assetIds: [A.a21, A.a22], availableW: [2000, 2000] }] }, { mRID: 'L-up', revision: 2 }));
    const to1 = limitTo(update, AGR1)!.doc;
    const to2 = limitTo(update, AGR2)!.doc;
    expect([to1.status, to1.revisionNumber]).to.deep.equal(['cancelled', 2]);
    expect([to2.status, to2.revisionNumber]).to.deep.equal(['active', 2]);
    expect(grants(to2)).to.deep.equal({ [A.a21]: [1000, 1000], [A.a22]: [1000, 1000] });
  });

  it('F6a cancellation: every operator concerned gets a cancellation document', async () => {
    await h.send(limit(DSO1, { limitType: 'foreseen', series: [{ assetIds: [A.a11, A.a21], availableW: [4000, 4000] }] }, { mRID: 'L-c' }));
    const cancel = await h.send(limit(DSO1, { limitType: 'foreseen', series: [{ assetIds: [A.a11, A.a21], availableW: [4000, 4000] }] }, { mRID: 'L-c', revision: 2, status: 'cancelled' }));
    expect(ackOf(cancel).accepted).to.equal(true);
    expect([limitTo(cancel, AGR1)!.doc.status, limitTo(cancel, AGR2)!.doc.status]).to.deep.equal(['cancelled', 'cancelled']);
    const unknown = await h.send(limit(DSO1, { limitType: 'foreseen', series: [{ assetIds: [A.a11], availableW: [1, 1] }] }, { mRID: 'never-sent', status: 'cancelled' }));
    expect(ackOf(unknown).codes).to.deep.equal(['A51']);
  });

  it('F6a: a limit naming another DSO’s or an unknown asset is rejected (A64), nothing is split or sent', async () => {
    for (const bad of [A.a31, asset('NOPE')]) {
      const sent = await h.send(limit(DSO1, { limitType: 'foreseen', series: [{ assetIds: [A.a11, bad], availableW: [1000, 1000] }] }));
      expect(ackOf(sent).codes).to.deep.equal(['A64']);
      expect(sent).to.have.length(1);
    }
    expect(await h.core.views.splits({ dso: DSO1 })).to.deep.equal([]);
  });

  it('F6a: a backwards revision of a limit is rejected (A51) and nothing is recomputed', async () => {
    await h.send(limit(DSO1, { limitType: 'foreseen', series: [{ assetIds: [A.a11], availableW: [1000, 1000] }] }, { mRID: 'L-b', revision: 3 }));
    const sent = await h.send(limit(DSO1, { limitType: 'foreseen', series: [{ assetIds: [A.a11], availableW: [5, 5] }] }, { mRID: 'L-b', revision: 2 }));
    expect(ackOf(sent).codes).to.deep.equal(['A51']);
    expect(await h.core.views.splits({ limitMrid: 'L-b' })).to.have.length(1);
  });

  it('F6a unforeseen: start/stop/hold goes to each operator with only its assets, at emergency priority, ahead of the acknowledgement', async () => {
    const sent = await h.send(
      limit(DSO2, { limitType: 'unforeseen', series: [{ assetIds: [A.a12, A.a31], action: 'stop' }, { assetIds: [A.a32], action: 'hold', direction: 'consumption' }] }),
    );
    const to1 = limitTo(sent, AGR1)!;
    const to3 = limitTo(sent, AGR3)!;
    expect(to1.priority).to.equal('emergency');
    expect(to3.priority).to.equal('emergency');
    if (to1.doc.limitType !== 'unforeseen' || to3.doc.limitType !== 'unforeseen') throw new Error('expected unforeseen signals');
    expect(to1.doc.series.map((s) => [s.action, s.assetIds])).to.deep.equal([['stop', [A.a12]]]);
    expect(to3.doc.series.map((s) => [s.action, s.assetIds])).to.deep.equal([
      ['stop', [A.a31]],
      ['hold', [A.a32]],
    ]);
    expect(sent.map((s) => s.businessType).slice(-1)).to.deep.equal(['acknowledgement']);
    expect(sent.every((s) => s.priority === 'emergency')).to.equal(true);
  });

  it('F6a: a revision cannot turn a foreseen limit into an unforeseen one (A51); a DSO cannot send grants (A62)', async () => {
    await h.send(limit(DSO1, { limitType: 'foreseen', series: [{ assetIds: [A.a11], availableW: [1000, 1000] }] }, { mRID: 'L-t' }));
    const sent = await h.send(limit(DSO1, { limitType: 'unforeseen', series: [{ assetIds: [A.a11], action: 'stop' }] }, { mRID: 'L-t', revision: 2 }));
    expect(ackOf(sent).codes).to.deep.equal(['A51']);
    const grant = buildCapacityLimit({
      mRID: 'L-g', revisionNumber: 1, createdDateTime: CREATED,
      sender: { mRID: DSO1, role: MARKET_ROLE.dso }, receiver: { mRID: TPS, role: MARKET_ROLE.platform },
      period: MORNING, status: 'active', unit: 'KWT', reasons: [], limitType: 'grant',
      series: [{ mRID: 'g', direction: 'production', assetId: A.a11, resolution: 'PT60M', interval: MORNING, grantW: [1, 1] }],
    });
    const refused = await h.send({ senderParty: DSO1, businessType: 'capacity-limit', payload: grant });
    expect(ackOf(refused).codes).to.deep.equal(['A62']);
    expect(refused).to.have.length(1);
  });
});
