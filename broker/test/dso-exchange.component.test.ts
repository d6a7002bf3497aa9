import { expect } from 'chai';
import { describeEachDatabase } from '../../packages/testing/src/index.js';
import type { ScheduleDocument } from '../../packages/iec62325/src/index.js';
import { startHarness, setupScenario, A, type Harness } from './core-harness.js';
import { AGR1, AGR2, AGR3, DSO1, DSO2, TPS, ackOf, asset, parsed, schedule, statusRequest } from './fixtures.js';
import type { SentDocument } from './recording-messenger.js';

function scheduleTo(sent: SentDocument[], dso: string): ScheduleDocument | undefined {
  const doc = sent.find((s) => s.businessType === 'schedule' && s.receiver === dso);
  if (!doc) return undefined;
  const p = parsed(doc);
  if (p.kind !== 'schedule') throw new Error('not a schedule');
  return p.document;
}

describeEachDatabase('TPS core: asset lists and schedules for DSOs (F5a, F8a, F9a)', (dut) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(await dut.open());
    await setupScenario(h);
  });
  afterEach(() => h.db.destroy());

  it('F5a: a StatusRequest is answered with the DSO’s assets and connection points, under the request’s mRID, without operators', async () => {
    const sent = await h.send(statusRequest(DSO1, 'asset-list', [], 'req-list-1'));
    expect(sent).to.have.length(1);
    const p = parsed(sent[0]!);
    if (p.kind !== 'asset-list') throw new Error('expected an asset list');
    expect(p.document.mRID).to.equal('req-list-1');
    expect(p.document.sender.mRID).to.equal(TPS);
    expect(p.document.assets.map((a) => a.assetId)).to.deep.equal([A.a11, A.a21, A.a22].sort());
    for (const party of [AGR1, AGR2, AGR3]) expect(sent[0]!.payload).not.to.contain(party);
  });

  it('F5a: naming an asset outside the DSO’s grid, or an unknown one, is rejected with the same reason (A64)', async () => {
    const foreign = ackOf(await h.send(statusRequest(DSO1, 'asset-list', [A.a31])));
    const unknown = ackOf(await h.send(statusRequest(DSO1, 'asset-list', [asset('NOPE')])));
    expect(foreign).to.deep.include({ accepted: false, codes: ['A64'] });
    expect(unknown.codes).to.deep.equal(['A64']);
    expect(foreign.texts[0]!.replace(A.a31, 'X')).to.equal(unknown.texts[0]!.replace(asset('NOPE'), 'X'));
  });

  it('F8a: a schedule is regrouped one document per DSO, only its assets, sender replaced by the TPS party', async () => {
    const sent = await h.send(schedule(AGR1, [{ assetId: A.a11, pointsW: [-500, 700] }, { assetId: A.a12 }], { mRID: 'AGR1-plan-7' }));
    expect(ackOf(sent)).to.include({ accepted: true, receiver: AGR1 });
    const d1 = scheduleTo(sent, DSO1)!;
    const d2 = scheduleTo(sent, DSO2)!;
    expect(d1.sender.mRID).to.equal(TPS);
    expect(d1.series.map((s) => s.assetId)).to.deep.equal([A.a11]);
    expect(d2.series.map((s) => s.assetId)).to.deep.equal([A.a12]);
    const s1 = d1.series[0]!;
    expect(!s1.cancelled && s1.pointsW).to.deep.equal([-500, 700]);
    for (const doc of sent.filter((s) => s.receiver !== AGR1)) {
      expect(doc.payload).not.to.contain(AGR1);
      expect(doc.payload, 'the AGR’s own mRIDs are not forwarded').not.to.contain('AGR1-plan-7');
    }
  });

  it('F8a: an update withdraws series a DSO no longer gets, and a DSO left with none gets a cancellation', async () => {
    await h.send(schedule(AGR1, [{ assetId: A.a11 }, { assetId: A.a12 }], { mRID: 'p', revision: 1 }));
    const update = await h.send(schedule(AGR1, [{ assetId: A.a11, pointsW: [1, 2] }], { mRID: 'p', revision: 2 }));
    const d1 = scheduleTo(update, DSO1)!;
    const d2 = scheduleTo(update, DSO2)!;
    expect(d1.revisionNumber).to.equal(2);
    expect(d1.series.map((s) => s.cancelled)).to.deep.equal([false]);
    expect(d2.series.map((s) => [s.assetId, s.cancelled])).to.deep.equal([[A.a12, true]]);
    const cancel = await h.send(schedule(AGR1, [{ assetId: A.a11, cancelled: true }], { mRID: 'p', revision: 3 }));
    expect(scheduleTo(cancel, DSO1)!.series.map((s) => s.cancelled)).to.deep.equal([true]);
    expect(scheduleTo(cancel, DSO2), 'DSO2 was already cancelled').to.equal(undefined);
  });

  it('F8a: a schedule for another operator’s or an unknown asset is rejected (A64) and nothing is forwarded', async () => {
    const sent = await h.send(schedule(AGR1, [{ assetId: A.a11 }, { assetId: A.a21 }]));
    expect(ackOf(sent).codes).to.deep.equal(['A64']);
    expect(sent).to.have.length(1);
    expect(ackOf(await h.send(schedule(AGR1, [{ assetId: asset('NOPE') }]))).codes).to.deep.equal(['A64']);
    expect((await h.core.views.operator(AGR1)).schedules).to.have.length(0);
  });

  it('F9a: a StatusRequest for schedules returns the current schedules of the DSO’s assets only, with the same series mRIDs as the push', async () => {
    const pushed = await h.send(schedule(AGR1, [{ assetId: A.a11 }, { assetId: A.a12 }]));
    await h.send(schedule(AGR2, [{ assetId: A.a21, pointsW: [-3, -4] }]));
    const sent = await h.send(statusRequest(DSO1, 'schedules'));
    const answer = scheduleTo(sent, DSO1)!;
    expect(answer.series.map((s) => s.assetId).sort()).to.deep.equal([A.a11, A.a21].sort());
    const pushedIds = scheduleTo(pushed, DSO1)!.series.map((s) => s.mRID);
    expect(answer.series.map((s) => s.mRID)).to.include(pushedIds[0]);
    for (const party of [AGR1, AGR2, AGR3]) expect(sent[0]!.payload).not.to.contain(party);
  });

  it('F9a: no schedules → positive answer A95; a foreign asset → A64', async () => {
    expect(ackOf(await h.send(statusRequest(DSO2, 'schedules')))).to.deep.include({ accepted: true, codes: ['A95'] });
    expect(ackOf(await h.send(statusRequest(DSO2, 'schedules', [A.a11]))).codes).to.deep.equal(['A64']);
  });
});
