import { expect } from 'chai';
import { describeEachDatabase } from '../../packages/testing/src/index.js';
import { startHarness, setupScenario, A, type Harness } from './core-harness.js';
import { AGR1, AGR2, CP, DSO1, DSO2, ackOf, asset, assetListsTo, assetRegistration, connectionPoints } from './fixtures.js';
import type { SentDocument } from './recording-messenger.js';

/** The first asset list sent to `dso`, sorted; undefined when none was sent. */
const listOf = (sent: SentDocument[], dso: string): string[] | undefined => assetListsTo(sent, dso)[0];

describeEachDatabase('TPS core registry (F4a, F5a push)', (dut) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(await dut.open());
    await setupScenario(h);
  });
  afterEach(() => h.db.destroy());

  it('F4a: registration is acknowledged and the DSO of the connection point gets a new asset list', async () => {
    const sent = await h.send(assetRegistration(AGR1, [{ assetId: asset('A1-9'), connectionPoint: CP.d1b }]));
    expect(ackOf(sent)).to.include({ accepted: true, receiver: AGR1 });
    expect(listOf(sent, DSO1)).to.deep.equal([A.a11, A.a21, A.a22, asset('A1-9')].sort());
    expect(sent.some((s) => s.receiver === DSO2), 'DSO2 is not told about DSO1 grid').to.equal(false);
  });

  it('F4a: an asset claimed by a second operator is rejected (A59) and nothing changes', async () => {
    const sent = await h.send(assetRegistration(AGR2, [{ assetId: A.a11, connectionPoint: CP.d1b }]));
    expect(ackOf(sent)).to.deep.include({ accepted: false, codes: ['A59'] });
    expect(sent).to.have.length(1);
    expect((await h.core.views.assets()).find((a) => a.assetId === A.a11)?.operator).to.equal(AGR1);
  });

  it('F4a: updating or removing another operator’s asset is rejected (A64) and nothing is applied', async () => {
    const update = await h.send(assetRegistration(AGR2, [{ assetId: A.a11, connectionPoint: CP.d1a, action: 'update' }]));
    expect(ackOf(update).codes).to.deep.equal(['A64']);
    const remove = await h.send(assetRegistration(AGR2, [{ assetId: A.a22, connectionPoint: CP.d1b, action: 'update', maxProductionW: 1 }, { action: 'remove', assetId: A.a11 }]));
    expect(ackOf(remove).codes).to.deep.equal(['A64']);
    const assets = await h.core.views.assets();
    expect(assets.map((a) => a.assetId)).to.include(A.a11);
    expect(assets.find((a) => a.assetId === A.a22)?.maxProductionW, 'the valid entry of a rejected document is not applied either').to.equal(10_000);
  });

  it('F4a: an entry naming another operator is rejected (A78)', async () => {
    const sent = await h.send(assetRegistration(AGR1, [{ assetId: asset('A1-8'), connectionPoint: CP.d1a, operator: AGR2 }]));
    expect(ackOf(sent).codes).to.deep.equal(['A78']);
  });

  it('F4a: a document whose sender is not the verified party is rejected (A78)', async () => {
    const doc = assetRegistration(AGR1, [{ assetId: asset('A1-8'), connectionPoint: CP.d1a }], { sender: AGR2 });
    const sent = await h.send(doc);
    expect(ackOf(sent)).to.deep.include({ accepted: false, codes: ['A78'], receiver: AGR1 });
  });

  it('F4a: reassignment = release by the current operator + registration by the new one, both in the history', async () => {
    expect(ackOf(await h.send(assetRegistration(AGR1, [{ action: 'remove', assetId: A.a11 }]))).accepted).to.equal(true);
    expect(ackOf(await h.send(assetRegistration(AGR2, [{ assetId: A.a11, connectionPoint: CP.d1a }]))).accepted).to.equal(true);
    const history = await h.core.views.assetHistory(A.a11);
    expect(history.map((e) => [e.validity, e.operator])).to.deep.equal([
      ['connected', AGR1],
      ['disconnected', AGR1],
      ['reassigned', AGR2],
    ]);
  });

  it('F4a: an asset on an unregistered connection point is stored but invisible until its DSO registers the point, then the DSO is told', async () => {
    const hidden = asset('A1-7');
    const reg = await h.send(assetRegistration(AGR1, [{ assetId: hidden, connectionPoint: CP.orphan }]));
    expect(ackOf(reg).accepted).to.equal(true);
    expect(reg.filter((s) => s.businessType === 'asset-list'), 'no DSO is told').to.have.length(0);
    const cp = await h.send(connectionPoints(DSO2, [{ connectionPoint: CP.orphan }]));
    expect(ackOf(cp).accepted).to.equal(true);
    expect(listOf(cp, DSO2)).to.include(hidden);
  });

  it('F4a: a connection point of another DSO cannot be claimed (A59) or removed (A64)', async () => {
    expect(ackOf(await h.send(connectionPoints(DSO2, [{ connectionPoint: CP.d1a }]))).codes).to.deep.equal(['A59']);
    expect(ackOf(await h.send(connectionPoints(DSO2, [{ connectionPoint: CP.d1b, action: 'remove' }]))).codes).to.deep.equal(['A64']);
    expect(ackOf(await h.send(connectionPoints(DSO2, [{ connectionPoint: CP.d2b }], { dsoField: DSO1 }))).codes).to.deep.equal(['A78']);
    expect((await h.core.views.dso(DSO1)).connectionPoints.map((c) => c.connectionPoint)).to.deep.equal([CP.d1a, CP.d1b]);
  });

  it('F4a: removing a connection point hides its assets from the DSO (new list without them)', async () => {
    const sent = await h.send(connectionPoints(DSO1, [{ connectionPoint: CP.d1a, action: 'remove' }]));
    expect(ackOf(sent).accepted).to.equal(true);
    expect(listOf(sent, DSO1)).to.deep.equal([A.a22]);
  });

  it('F4a: an AGR/BRP cannot register connection points and a DSO cannot operate assets (A78)', async () => {
    const asAgr = connectionPoints(AGR1, [{ connectionPoint: CP.orphan }]);
    expect(ackOf(await h.send(asAgr)).codes).to.deep.equal(['A78']); // role A50 claimed, but AGR1 operates assets
    const asDso = assetRegistration(DSO1, [{ assetId: asset('D1-1'), connectionPoint: CP.d1a }]);
    expect(ackOf(await h.send(asDso)).codes).to.deep.equal(['A78']);
  });

  it('revisions only move forward: same revision + same content is "already received", lower/equal with other content is A51', async () => {
    const first = assetRegistration(AGR1, [{ assetId: asset('A1-6'), connectionPoint: CP.d1a }], { mRID: 'reg-fwd', revision: 2 });
    expect(ackOf(await h.send(first)).accepted).to.equal(true);
    const again = await h.send(first);
    expect(ackOf(again)).to.deep.include({ accepted: true, codes: ['A95'] });
    expect(again.filter((s) => s.businessType === 'asset-list'), 'nothing applied again').to.have.length(0);
    const other = assetRegistration(AGR1, [{ assetId: asset('A1-5'), connectionPoint: CP.d1a }], { mRID: 'reg-fwd', revision: 2 });
    expect(ackOf(await h.send(other)).codes).to.deep.equal(['A51']);
    const older = assetRegistration(AGR1, [{ assetId: asset('A1-5'), connectionPoint: CP.d1a }], { mRID: 'reg-fwd', revision: 1 });
    expect(ackOf(await h.send(older)).codes).to.deep.equal(['A51']);
    expect((await h.core.views.assets()).map((a) => a.assetId)).not.to.include(asset('A1-5'));
  });

  it('F1: an unreadable document gets a negative acknowledgement with the parser’s reason code; a mislabelled one A62', async () => {
    const junk = await h.send({ senderParty: AGR1, businessType: 'schedule', payload: '<not-xml' });
    expect(ackOf(junk)).to.deep.include({ accepted: false, receiver: AGR1 });
    expect(ackOf(junk).codes[0]).to.equal('A94');
    const mislabelled = { ...assetRegistration(AGR1, [{ assetId: asset('A1-4'), connectionPoint: CP.d1a }]), businessType: 'schedule' as const };
    expect(ackOf(await h.send(mislabelled)).codes).to.deep.equal(['A62']);
  });

  it('audit: every decision is recorded with the message IDs involved', async () => {
    const sent = await h.send(assetRegistration(AGR2, [{ assetId: A.a11, connectionPoint: CP.d1b }]));
    const entries = await h.core.views.audit({ party: AGR2 });
    const last = entries[entries.length - 1]!;
    expect(last).to.include({ decision: 'rejected', reasonCode: 'A59', businessType: 'asset-registration' });
    expect(last.outgoing.map((o) => o.messageId)).to.deep.equal(sent.map((s) => s.messageId));
    expect(last.messageId).to.match(/^in-/);
  });
});
