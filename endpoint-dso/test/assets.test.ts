import { expect } from 'chai';
import { loadRamlContract } from '../../packages/rest/src/index.js';
import { RAML_FILE } from '../src/app.js';
import { allKeys, asset, assetListDoc, cp, DSO_A, DSO_B, DSO_ELSEWHERE, listed, startHarness, type Harness } from './harness.js';

describe('DSO facade: assets on this DSO\'s grid, get changes, refresh (F5b, NF3)', () => {
  let h: Harness;
  beforeEach(async () => (h = await startHarness()));
  afterEach(() => h.close());
  const [a1, a2, a3] = [asset('PV-1'), asset('BAT-2'), asset('HP-3')];

  it('F5b, NF3: the full list mirrors the core\'s asset list, with capabilities and never an operator', async () => {
    await h.messenger.deliver(assetListDoc(DSO_A, [listed(a1, cp(1), { name: 'roof PV' }), listed(a2, cp(2), { produces: true, consumes: true, maxConsumptionW: 5_000 })]));
    const res = await h.call(h.tokens.a, 'GET', '/assets');
    expect(res.status).to.equal(200);
    expect(res.body.assets).to.deep.equal([
      { assetId: a2, connectionPointId: cp(2), produces: true, consumes: true, maxProductionW: 100_000, maxConsumptionW: 5_000 },
      { assetId: a1, name: 'roof PV', connectionPointId: cp(1), produces: true, consumes: false, maxProductionW: 100_000, maxConsumptionW: 0 },
    ]);
    expect(allKeys(res.body).some((k) => /operator/i.test(k))).to.equal(false);
    expect((await loadRamlContract(RAML_FILE)).validate('AssetList', res.body)).to.deep.equal([]);
    expect((await h.call(h.tokens.b, 'GET', '/assets')).body.assets).to.deep.equal([]);
  });

  it('F5b: get changes returns only new, changed or removed assets since this caller last asked', async () => {
    await h.messenger.deliver(assetListDoc(DSO_A, [listed(a1, cp(1)), listed(a2, cp(2))]));
    const first = await h.call(h.tokens.a, 'GET', '/assets/changes?timeout=1');
    expect(first.body.changes.map((c: { change: string; asset: { assetId: string } }) => [c.change, c.asset.assetId])).to.deep.equal([
      ['new', a1],
      ['new', a2],
    ]);
    const waiting = h.call(h.tokens.a, 'GET', '/assets/changes?timeout=5');
    await new Promise((r) => setTimeout(r, 100));
    await h.messenger.deliver(assetListDoc(DSO_A, [listed(a1, cp(1), { maxProductionW: 50_000 }), listed(a3, cp(3))]));
    const next = await waiting;
    expect(next.status).to.equal(200);
    const got = next.body.changes.map((c: { change: string; asset: { assetId: string } }) => [c.change, c.asset.assetId]);
    expect(got).to.have.deep.members([
      ['changed', a1],
      ['removed', a2],
      ['new', a3],
    ]);
    expect((await loadRamlContract(RAML_FILE)).validate('AssetChanges', next.body)).to.deep.equal([]);
    // Another client on the same token has its own position: it sees the latest state of all three.
    const other = await h.call(h.tokens.a, 'GET', '/assets/changes?timeout=1&client=planner');
    expect(other.body.changes.map((c: { change: string }) => c.change).sort()).to.deep.equal(['new', 'new']);
  });

  it('F5b: get changes blocks until the timeout and then returns an empty list', async () => {
    const started = Date.now();
    const res = await h.call(h.tokens.a, 'GET', '/assets/changes?timeout=1');
    expect(res.body).to.deep.equal({ changes: [] });
    expect(Date.now() - started).to.be.at.least(900);
    const bad = await h.call(h.tokens.a, 'GET', '/assets/changes?timeout=999');
    expect(bad.status).to.equal(400);
    expect(bad.body.errors[0].field).to.equal('timeout');
  });

  it('F5b: an unchanged list wakes nobody; a list older than the one applied is ignored; another DSO\'s list never shows', async () => {
    await h.messenger.deliver(assetListDoc(DSO_A, [listed(a1, cp(1))], new Date('2026-03-01T10:00:00Z')));
    await h.call(h.tokens.a, 'GET', '/assets/changes?timeout=0');
    await h.messenger.deliver(assetListDoc(DSO_A, [listed(a1, cp(1))], new Date('2026-03-01T10:05:00Z')));
    await h.messenger.deliver(assetListDoc(DSO_A, [], new Date('2026-03-01T09:00:00Z')));
    await h.messenger.deliver(assetListDoc(DSO_B, [listed(a3, cp(3))]));
    expect((await h.call(h.tokens.a, 'GET', '/assets/changes?timeout=0')).body.changes).to.deep.equal([]);
    expect((await h.call(h.tokens.a, 'GET', '/assets')).body.assets.map((a: { assetId: string }) => a.assetId)).to.deep.equal([a1]);
  });

  it('F5b: documents not from the core, or for a DSO this endpoint does not serve, are dropped', async () => {
    await h.messenger.deliver(assetListDoc(DSO_A, [listed(a1, cp(1))]), { senderParty: DSO_B });
    expect((await h.call(h.tokens.a, 'GET', '/assets')).body.assets).to.deep.equal([]);
    await h.messenger.deliver(assetListDoc(DSO_A, [listed(a1, cp(1))]), { payload: new TextEncoder().encode('<not-a-document/>') });
    expect((await h.call(h.tokens.a, 'GET', '/assets')).body.assets).to.deep.equal([]);
    await h.messenger.deliver(assetListDoc(DSO_ELSEWHERE, [listed(a1, cp(1))]));
    expect(await h.db('dso_assets').count({ n: '*' }).first()).to.deep.equal({ n: 0 });
  });

  it('F5b: a forced refresh sends a StatusRequest for the asset list carrying the DSO as sender', async () => {
    const res = await h.call(h.tokens.a, 'POST', '/assets/refresh');
    expect(res.status).to.equal(202);
    const [req] = h.messenger.sentOfKind('status-request');
    expect(req).to.include({ requested: 'asset-list' });
    expect(req!.sender.mRID).to.equal(DSO_A);
    expect(req!.assetIds).to.deep.equal([]);
    expect(res.body.messageId).to.equal(h.messenger.sent[0]!.messageId);
  });
});
