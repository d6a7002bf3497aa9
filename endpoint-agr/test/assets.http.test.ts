import { expect } from 'chai';
import { parseAssetRegistration } from '../../packages/iec62325/src/index.js';
import { startHarness, expectProblem, expectRaml, assetId, gsrn, PARTY_A, PARTY_B, CORE, type Harness } from './agr-harness.js';
import { acknowledgement } from './core-documents.js';

const pv = { assetId: assetId('A-PV-1'), connectionPointId: gsrn(1), produces: true, consumes: false, maxProductionW: 250_000, maxConsumptionW: 0, name: 'PV north' };
const batt = { assetId: assetId('A-BATT-2'), connectionPointId: gsrn(2), produces: true, consumes: true, maxProductionW: 500_000, maxConsumptionW: 400_000, name: 'Battery' };

describe('AGR/BRP endpoint: assets over HTTP (F4b, NF3)', () => {
  let h: Harness;
  let a: string;
  let b: string;
  beforeEach(async () => {
    h = await startHarness({ bodyLimitBytes: 16 * 1024 });
    a = h.tokens[PARTY_A]!;
    b = h.tokens[PARTY_B]!;
  });
  afterEach(() => h.close());

  it('F4b: registers several assets in one asset-registration document and reports the outcome afterwards', async () => {
    const res = await h.call('POST', '/assets', { token: a, body: { assets: [pv, batt] } });
    expect(res.status, JSON.stringify(res.body)).to.equal(202);
    expectRaml(h.contract, 'RegistrationReceipt', res.body);
    expect(res.body.assetIds).to.deep.equal([pv.assetId, batt.assetId]);
    const sent = h.messenger.last('asset-registration');
    expect(sent.messageId).to.equal(res.body.messageId);
    expect(sent.senderParty).to.equal(PARTY_A);
    const doc = parseAssetRegistration(sent.payloadText);
    expect(doc.mRID).to.equal(res.body.documentId);
    expect(doc.sender.mRID).to.equal(PARTY_A);
    expect(doc.receiver.mRID).to.equal(CORE);
    expect(doc.assets).to.deep.equal([
      { action: 'register', assetId: pv.assetId, name: 'PV north', operator: PARTY_A, connectionPoint: pv.connectionPointId, produces: true, consumes: false, maxProductionW: 250_000, maxConsumptionW: 0 },
      { action: 'register', assetId: batt.assetId, name: 'Battery', operator: PARTY_A, connectionPoint: batt.connectionPointId, produces: true, consumes: true, maxProductionW: 500_000, maxConsumptionW: 400_000 },
    ]);

    const pending = await h.call('GET', '/assets', { token: a });
    expectRaml(h.contract, 'AssetList', pending.body);
    expect(pending.body.assets.map((x: any) => x.registration.outcome)).to.deep.equal(['PENDING', 'PENDING']);

    h.messenger.track(res.body.messageId, 'DELIVERED');
    await h.messenger.deliver(acknowledgement(PARTY_A, { mRID: doc.mRID, revisionNumber: 1 }, true), 'acknowledgement');
    const one = await h.call('GET', `/assets/${pv.assetId}`, { token: a });
    expectRaml(h.contract, 'Asset', one.body);
    expect(one.body.registration.outcome).to.equal('ACCEPTED');
    const msg = await h.call('GET', `/messages/${res.body.messageId}`, { token: a });
    expectRaml(h.contract, 'MessageStatus', msg.body);
    expect(msg.body.tracking.state).to.equal('DELIVERED');
    expect(msg.body.acknowledgement.outcome).to.equal('ACCEPTED');
  });

  it('F4b: a rejection carries the reason code, and a rejected asset may be registered again', async () => {
    const res = await h.call('POST', '/assets', { token: a, body: { assets: [pv] } });
    await h.messenger.deliver(acknowledgement(PARTY_A, { mRID: res.body.documentId, revisionNumber: 1 }, false, [{ code: 'A64', text: 'unknown connection point' }]), 'acknowledgement');
    const msg = await h.call('GET', `/messages/${res.body.messageId}`, { token: a });
    expect(msg.body.acknowledgement.outcome).to.equal('REJECTED');
    expect(msg.body.acknowledgement.reasons.map((r: any) => r.code)).to.include('A64');
    expect((await h.call('GET', '/assets', { token: a })).body.assets).to.deep.equal([]);
    expect((await h.call('POST', '/assets', { token: a, body: { assets: [pv] } })).status).to.equal(202);
  });

  it('F4b: updates and removes one or more assets, each call one document', async () => {
    await h.call('POST', '/assets', { token: a, body: { assets: [pv, batt] } });
    const upd = await h.call('PUT', '/assets', { token: a, body: { assets: [{ ...pv, maxProductionW: 300_000 }] } });
    expect(upd.status).to.equal(202);
    expect(parseAssetRegistration(h.messenger.last('asset-registration').payloadText).assets[0]).to.include({ action: 'update', maxProductionW: 300_000 });
    expect((await h.call('GET', `/assets/${pv.assetId}`, { token: a })).body.maxProductionW).to.equal(300_000);

    const del = await h.call('DELETE', `/assets?assetIds=${pv.assetId},${batt.assetId}`, { token: a });
    expect(del.status).to.equal(202);
    expectRaml(h.contract, 'RegistrationReceipt', del.body);
    const removal = parseAssetRegistration(h.messenger.last('asset-registration').payloadText);
    expect(removal.assets).to.deep.equal([{ action: 'remove', assetId: pv.assetId }, { action: 'remove', assetId: batt.assetId }]);
    await h.messenger.deliver(acknowledgement(PARTY_A, { mRID: removal.mRID, revisionNumber: 1 }, true), 'acknowledgement');
    expect((await h.call('GET', '/assets', { token: a })).body.assets).to.deep.equal([]);
    expectProblem(await h.call('DELETE', `/assets/${pv.assetId}`, { token: a }), 404, ['assetId']);
  });

  it('F4b: rejects missing fields and wrong types, naming every field', async () => {
    const res = await h.call('POST', '/assets', { token: a, body: { assets: [{ assetId: pv.assetId, produces: 'yes', maxProductionW: 1.5 }] } });
    expectProblem(res, 400, ['assets.0.connectionPointId', 'assets.0.produces', 'assets.0.consumes', 'assets.0.maxProductionW', 'assets.0.maxConsumptionW', 'assets.0.name']);
    expectRaml(h.contract, 'Problem', res.body);
    expectProblem(await h.call('POST', '/assets', { token: a, body: {} }), 400, ['assets']);
    expectProblem(await h.call('POST', '/assets', { token: a, body: { assets: [] } }), 400, ['assets']);
    expectProblem(await h.call('POST', '/assets', { token: a, body: { assets: [{ ...pv, extra: 1 }] } }), 400, ['assets.0']);
  });

  it('F4b: checks identifiers, capabilities and duplicates the way the wire does', async () => {
    const badEic = pv.assetId.slice(0, 15) + (pv.assetId.endsWith('A') ? 'B' : 'A');
    expectProblem(await h.call('POST', '/assets', { token: a, body: { assets: [{ ...pv, assetId: badEic, connectionPointId: '571313000000000019' }] } }), 400, ['assets.0.assetId', 'assets.0.connectionPointId']);
    expectProblem(await h.call('POST', '/assets', { token: a, body: { assets: [{ ...pv, produces: false }] } }), 400, ['assets.0.maxProductionW', 'assets.0.produces']);
    expectProblem(await h.call('POST', '/assets', { token: a, body: { assets: [pv, pv] } }), 400, ['assets.1.assetId']);
    expectProblem(await h.call('DELETE', '/assets', { token: a }), 400, ['assetIds']);
    expectProblem(await h.call('GET', '/assets/not-an-eic', { token: a }), 400, ['assetId']);
  });

  it('F4b: 409 when registering an asset this party already holds; nothing is sent', async () => {
    await h.call('POST', '/assets', { token: a, body: { assets: [pv] } });
    const sentBefore = h.messenger.sent.length;
    expectProblem(await h.call('POST', '/assets', { token: a, body: { assets: [batt, pv] } }), 409, ['assets.1.assetId']);
    expect(h.messenger.sent.length).to.equal(sentBefore);
    expect((await h.call('GET', `/assets/${batt.assetId}`, { token: a })).status).to.equal(404);
  });

  it("NF3: another party's assets, messages and IDs are invisible and untouchable", async () => {
    const res = await h.call('POST', '/assets', { token: a, body: { assets: [pv] } });
    expect((await h.call('GET', '/assets', { token: b })).body.assets).to.deep.equal([]);
    expectProblem(await h.call('GET', `/assets/${pv.assetId}`, { token: b }), 404);
    expectProblem(await h.call('PUT', '/assets', { token: b, body: { assets: [pv] } }), 404, ['assets.0.assetId']);
    expectProblem(await h.call('DELETE', `/assets/${pv.assetId}`, { token: b }), 404, ['assetId']);
    expectProblem(await h.call('GET', `/messages/${res.body.messageId}`, { token: b }), 404);
    // An acknowledgement addressed to B about A's document changes nothing of A's.
    await h.messenger.deliver(acknowledgement(PARTY_B, { mRID: res.body.documentId, revisionNumber: 1 }, false), 'acknowledgement');
    expect((await h.call('GET', `/assets/${pv.assetId}`, { token: a })).body.registration.outcome).to.equal('PENDING');
  });

  it('F2: oversized, non-JSON and malformed bodies are refused as problems', async () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ ...pv, name: `asset ${i} ${'x'.repeat(60)}` }));
    expectProblem(await h.call('POST', '/assets', { token: a, body: { assets: many } }), 413);
    expectProblem(await h.call('POST', '/assets', { token: a, raw: '<assets/>', contentType: 'application/xml' }), 415);
    expectProblem(await h.call('POST', '/assets', { token: a, raw: '{"assets": [', contentType: 'application/json' }), 400);
  });

  it('F4b: the registration rows and the outbox row commit together (a failed send stores nothing)', async () => {
    h.messenger.failNextSend = new Error('outbox unavailable');
    const res = await h.call('POST', '/assets', { token: a, body: { assets: [pv] } });
    expectProblem(res, 500);
    expect(h.messenger.sent).to.have.length(0);
    expect(await h.db('agr_assets').count({ n: '*' }).first()).to.deep.include({ n: 0 });
    expect(await h.db('agr_messages').count({ n: '*' }).first()).to.deep.include({ n: 0 });
    expect((await h.call('POST', '/assets', { token: a, body: { assets: [pv] } })).status).to.equal(202);
  });
});
