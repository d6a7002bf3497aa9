import { expect } from 'chai';
import { loadRamlContract } from '../../packages/rest/src/index.js';
import { RAML_FILE } from '../src/app.js';
import { ackDoc, cp, CORE, DSO_A, DSO_B, startHarness, type Harness } from './harness.js';

describe('DSO facade: connection points, one or more per call (F4c)', () => {
  let h: Harness;
  beforeEach(async () => (h = await startHarness()));
  afterEach(() => h.close());

  it('F4c: sets several points in one registration document; pending until the core acknowledges', async () => {
    const res = await h.call(h.tokens.a, 'POST', '/connection-points', { connectionPointIds: [cp(1), cp(2)] });
    expect(res.status).to.equal(202);
    const [doc] = h.messenger.sentOfKind('connection-point-registration');
    expect(doc!.dso).to.equal(DSO_A);
    expect(doc!.sender.mRID).to.equal(DSO_A);
    expect(doc!.receiver.mRID).to.equal(CORE);
    expect(doc!.connectionPoints).to.deep.equal([
      { connectionPoint: cp(1), action: 'add' },
      { connectionPoint: cp(2), action: 'add' },
    ]);
    expect(h.messenger.sent[0]!.senderParty).to.equal(DSO_A);
    expect(res.body).to.include({ messageId: h.messenger.sent[0]!.messageId, documentId: doc!.mRID });

    const list = await h.call(h.tokens.a, 'GET', '/connection-points');
    expect(list.body.connectionPoints.map((p: { state: string }) => p.state)).to.deep.equal(['pending', 'pending']);
    const contract = await loadRamlContract(RAML_FILE);
    expect(contract.validate('ConnectionPointList', list.body)).to.deep.equal([]);

    await h.messenger.deliver(ackDoc(DSO_A, { mRID: doc!.mRID, revisionNumber: 1 }, true));
    const one = await h.call(h.tokens.a, 'GET', `/connection-points/${cp(1)}`);
    expect(one.body).to.include({ connectionPointId: cp(1), state: 'registered' });
  });

  it('F4c: a point the core rejects (e.g. another DSO holds it) becomes rejected with the reasons', async () => {
    await h.call(h.tokens.a, 'POST', '/connection-points', { connectionPointIds: [cp(3)] });
    const [doc] = h.messenger.sentOfKind('connection-point-registration');
    await h.messenger.deliver(ackDoc(DSO_A, { mRID: doc!.mRID, revisionNumber: 1 }, false, [{ code: 'A53', text: 'connection point of another DSO' }]));
    const one = await h.call(h.tokens.a, 'GET', `/connection-points/${cp(3)}`);
    expect(one.body.state).to.equal('rejected');
    expect(one.body.reasons).to.deep.equal([{ code: 'A53', text: 'connection point of another DSO' }]);
  });

  it('F4c: PUT replaces the whole set (adds and removes in one document); an unchanged set sends nothing', async () => {
    await h.call(h.tokens.a, 'POST', '/connection-points', { connectionPointIds: [cp(1), cp(2)] });
    const res = await h.call(h.tokens.a, 'PUT', '/connection-points', { connectionPointIds: [cp(2), cp(4)] });
    expect(res.status).to.equal(202);
    expect(res.body).to.include.keys('messageId');
    expect(res.body.added).to.deep.equal([cp(4)]);
    expect(res.body.removed).to.deep.equal([cp(1)]);
    const docs = h.messenger.sentOfKind('connection-point-registration');
    expect(docs[1]!.connectionPoints).to.deep.equal([
      { connectionPoint: cp(4), action: 'add' },
      { connectionPoint: cp(1), action: 'remove' },
    ]);
    const same = await h.call(h.tokens.a, 'PUT', '/connection-points', { connectionPointIds: [cp(4), cp(2)] });
    expect(same.status).to.equal(200);
    expect(same.body.messageId).to.equal(null);
    expect(h.messenger.sent).to.have.length(2);
  });

  it('F4c: removes one or more points; removing a point that is not this DSO\'s is named and nothing is sent', async () => {
    await h.call(h.tokens.a, 'POST', '/connection-points', { connectionPointIds: [cp(1), cp(2), cp(3)] });
    const gone = await h.call(h.tokens.a, 'DELETE', `/connection-points?connectionPointIds=${cp(1)},${cp(2)}`);
    expect(gone.status).to.equal(202);
    expect(gone.body.removed).to.deep.equal([cp(1), cp(2)]);
    const single = await h.call(h.tokens.a, 'DELETE', `/connection-points/${cp(3)}`);
    expect(single.status).to.equal(202);
    expect((await h.call(h.tokens.a, 'GET', '/connection-points')).body.connectionPoints).to.deep.equal([]);
    const sent = h.messenger.sent.length;
    const foreign = await h.call(h.tokens.a, 'DELETE', `/connection-points?connectionPointIds=${cp(9)}`);
    expect(foreign.status).to.equal(400);
    expect(foreign.body.errors).to.deep.equal([{ field: 'connectionPointIds.0', message: `${cp(9)} is not a connection point of this DSO` }]);
    expect((await h.call(h.tokens.a, 'DELETE', `/connection-points/${cp(9)}`)).status).to.equal(404);
    expect(h.messenger.sent).to.have.length(sent);
  });

  it('F4c bad input: wrong GSRN check digits and duplicates are named; nothing is sent', async () => {
    const wrong = cp(1).slice(0, 17) + String((Number(cp(1)[17]) + 1) % 10);
    const res = await h.call(h.tokens.a, 'POST', '/connection-points', { connectionPointIds: [cp(2), wrong, cp(2)] });
    expect(res.status).to.equal(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).to.deep.equal(['connectionPointIds.1', 'connectionPointIds.2']);
    const empty = await h.call(h.tokens.a, 'POST', '/connection-points', { connectionPointIds: [], operator: 'x' });
    expect(empty.status).to.equal(400);
    expect(h.messenger.sent).to.have.length(0);
  });

  it('NF3: a point another DSO holds is a conflict; one DSO never sees another\'s points', async () => {
    await h.call(h.tokens.b, 'POST', '/connection-points', { connectionPointIds: [cp(5)] });
    const clash = await h.call(h.tokens.a, 'POST', '/connection-points', { connectionPointIds: [cp(5), cp(6)] });
    expect(clash.status).to.equal(409);
    expect(h.messenger.sent).to.have.length(1);
    expect((await h.call(h.tokens.a, 'GET', '/connection-points')).body.connectionPoints).to.deep.equal([]);
    expect((await h.call(h.tokens.a, 'GET', `/connection-points/${cp(5)}`)).status).to.equal(404);
    // An acknowledgement addressed to DSO B never settles DSO A's points, and vice versa.
    const [docB] = h.messenger.sentOfKind('connection-point-registration');
    await h.messenger.deliver(ackDoc(DSO_A, { mRID: docB!.mRID, revisionNumber: 1 }, true));
    expect((await h.call(h.tokens.b, 'GET', `/connection-points/${cp(5)}`)).body.state).to.equal('pending');
  });
});
