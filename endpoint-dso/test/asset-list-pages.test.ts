// Paged asset-list snapshots at the DSO facade (issue 14): pages travel as real documents (built,
// schema-validated and parsed), the mirror changes only when a snapshot is complete, the newest
// complete snapshot wins, and GET /assets can be walked in keyset pages.
import { expect } from 'chai';
import { parseDocument, type ParsedDocument } from '../../packages/iec62325/src/index.js';
// The core's own page cutter, so the mirror is compared with what the core really sends.
import { assetListPages } from '../../broker/src/outgoing/asset-list.js';
import type { Asset } from '../../broker/src/domain/types.js';
import { loadRamlContract } from '../../packages/rest/src/index.js';
import { RAML_FILE } from '../src/app.js';
import { AGR, allKeys, asset, assetListDoc, CORE, cp, DSO_A, DSO_B, listed, startHarness, type Harness } from './harness.js';

const ids = Array.from({ length: 8 }, (_, k) => asset(`PAGED${k}`)).sort();
const all = ids.map((id, k) => listed(id, cp(k + 1)));

/** The pages of one snapshot as the core cuts them: `size` assets each, in asset-id order. */
function pages(dso: string, assets: ReturnType<typeof listed>[], size: number, mRID: string, created: Date): ParsedDocument[] {
  const sorted = [...assets].sort((a, b) => (a.assetId < b.assetId ? -1 : 1));
  const pageCount = Math.ceil(sorted.length / size);
  return Array.from({ length: pageCount }, (_, i) => {
    const doc = assetListDoc(dso, sorted.slice(i * size, (i + 1) * size), created);
    if (doc.kind !== 'asset-list') throw new Error('unreachable');
    return { kind: 'asset-list', document: { ...doc.document, mRID, paging: { page: i + 1, pageCount } } };
  });
}

type Change = { change: string; asset: { assetId: string } };

describe('DSO facade: paged asset-list snapshots and GET /assets paging (F5b, NF3, issue 14)', () => {
  let h: Harness;
  beforeEach(async () => (h = await startHarness()));
  afterEach(() => h.close());
  const mirror = async (token = h.tokens.a): Promise<string[]> => (await h.call(token, 'GET', '/assets')).body.assets.map((a: { assetId: string }) => a.assetId);
  const changes = async (): Promise<Array<[string, string]>> => (await h.call(h.tokens.a, 'GET', '/assets/changes?timeout=0')).body.changes.map((c: Change) => [c.change, c.asset.assetId]);

  it('F5b: 8 assets in 3 pages of 3, arriving out of order → nothing until the last page, then the complete list, each asset new once', async () => {
    const [p1, p2, p3] = pages(DSO_A, all, 3, 'AL-paged-1', new Date('2026-03-01T10:00:00Z'));
    await h.messenger.deliver(p3!);
    await h.messenger.deliver(p1!);
    expect(await mirror(), 'an incomplete snapshot never reaches the mirror').to.deep.equal([]);
    expect(await changes()).to.deep.equal([]);
    // A reader waiting now is woken by the completing page, not before.
    const waiting = h.call(h.tokens.a, 'GET', '/assets/changes?timeout=5&client=waiter');
    await new Promise((r) => setTimeout(r, 100));
    await h.messenger.deliver(p2!);
    const woken = await waiting;
    expect(woken.body.changes.map((c: Change) => c.asset.assetId).sort()).to.deep.equal(ids);
    expect(await mirror()).to.deep.equal(ids);
    expect((await changes()).map(([kind]) => kind)).to.deep.equal(Array(8).fill('new'));
    expect(await mirror(h.tokens.b), 'NF3: another DSO sees nothing of it').to.deep.equal([]);
    expect(await h.db('dso_asset_list_pages').count({ n: '*' }).first(), 'staged pages are dropped once applied').to.deep.equal({ n: 0 });
  });

  it('F5a, F5b, NF3: the core\'s pages of 3 (real builder, real parser) → the mirror equals the core\'s list, never its operator', async () => {
    const core: Asset[] = ids.map((assetId, k) => ({ assetId, operator: AGR, connectionPoint: cp(k + 1), produces: k % 2 === 0, consumes: k % 2 === 1, maxProductionW: k % 2 === 0 ? 1_000 * (k + 1) : 0, maxConsumptionW: k % 2 === 1 ? 2_000 : 0, updatedAt: '2026-03-01T10:00:00Z', ...(k === 3 ? { name: 'heat pump' } : {}) }));
    const payloads = assetListPages({ tpsParty: CORE, now: '2026-03-01T10:00:00Z' }, DSO_A, 'AL-core-7', core, 3);
    expect(payloads).to.have.length(3);
    for (const xml of payloads.reverse()) await h.messenger.deliver(parseDocument(xml), { payload: new TextEncoder().encode(xml) });
    const res = await h.call(h.tokens.a, 'GET', '/assets');
    expect(res.body.assets).to.deep.equal(
      core.map((a) => ({ assetId: a.assetId, ...(a.name ? { name: a.name } : {}), connectionPointId: a.connectionPoint, produces: a.produces, consumes: a.consumes, maxProductionW: a.maxProductionW, maxConsumptionW: a.maxConsumptionW })),
    );
    expect(JSON.stringify(res.body)).not.to.include(AGR);
    expect(allKeys(res.body).some((k) => /operator/i.test(k))).to.equal(false);
  });

  it('F5b: duplicated pages and a newer snapshot interleaved → only complete snapshots apply, the newest wins, removals follow from absence', async () => {
    const first = pages(DSO_A, all, 3, 'AL-s1', new Date('2026-03-01T10:00:00Z'));
    for (const p of first) await h.messenger.deliver(p);
    await changes(); // the reader is now at the first snapshot
    const older = pages(DSO_A, all.slice(0, 7), 3, 'AL-s2', new Date('2026-03-01T10:01:00Z'));
    const newer = pages(DSO_A, [...all.slice(2), listed(asset('PAGEDNEW'), cp(99))], 4, 'AL-s3', new Date('2026-03-01T10:02:00Z'));
    await h.messenger.deliver(older[0]!);
    await h.messenger.deliver(older[0]!); // the same page twice: stored once
    await h.messenger.deliver(newer[1]!);
    await h.messenger.deliver(older[1]!);
    expect(await mirror(), 'neither is complete yet').to.deep.equal(ids);
    await h.messenger.deliver(newer[0]!);
    await h.messenger.deliver(newer[1]!); // repeated after completion: no effect
    const expected = [...ids.slice(2), asset('PAGEDNEW')].sort();
    expect(await mirror()).to.deep.equal(expected);
    expect((await changes()).sort()).to.deep.equal([['new', asset('PAGEDNEW')], ['removed', ids[0]!], ['removed', ids[1]!]].sort());
    // The older snapshot's last page arrives after the newer one applied: ignored, not staged.
    await h.messenger.deliver(older[2]!);
    expect(await mirror()).to.deep.equal(expected);
    expect(await changes()).to.deep.equal([]);
    expect(await h.db('dso_asset_list_pages').count({ n: '*' }).first()).to.deep.equal({ n: 0 });
  });

  it('F5b: a list without page fields still applies at once, and drops older staged pages', async () => {
    const stale = pages(DSO_A, all, 3, 'AL-half', new Date('2026-03-01T10:00:00Z'));
    await h.messenger.deliver(stale[0]!);
    await h.messenger.deliver(assetListDoc(DSO_A, all.slice(0, 2), new Date('2026-03-01T10:05:00Z')));
    expect(await mirror()).to.deep.equal(ids.slice(0, 2));
    expect(await h.db('dso_asset_list_pages').count({ n: '*' }).first()).to.deep.equal({ n: 0 });
  });

  it('F5b: GET /assets?after=&limit= walks the whole mirror exactly once, in asset-id order; without them the whole list', async () => {
    const many = Array.from({ length: 23 }, (_, k) => listed(asset(`WALK${String(k).padStart(2, '0')}`), cp(k + 1)));
    await h.messenger.deliver(assetListDoc(DSO_A, many));
    const raml = await loadRamlContract(RAML_FILE);
    const seen: string[] = [];
    let after: string | null = null;
    let calls = 0;
    do {
      const res: { status: number; body: { assets: Array<{ assetId: string }>; next: string | null } } = await h.call(h.tokens.a, 'GET', `/assets?limit=5${after ? `&after=${after}` : ''}`);
      expect(res.status).to.equal(200);
      expect(raml.validate('AssetList', res.body)).to.deep.equal([]);
      expect(res.body.assets.length).to.be.at.most(5);
      seen.push(...res.body.assets.map((a) => a.assetId));
      after = res.body.next;
      calls++;
    } while (after !== null && calls < 10);
    expect(calls).to.equal(5);
    const whole = await h.call(h.tokens.a, 'GET', '/assets');
    expect(whole.body.next).to.equal(null);
    expect(seen).to.deep.equal(whole.body.assets.map((a: { assetId: string }) => a.assetId));
    expect(new Set(seen).size).to.equal(23);
    // An exact fit ends with next null, not with an empty extra page.
    const exact = await h.call(h.tokens.a, 'GET', `/assets?limit=23`);
    expect([exact.body.assets.length, exact.body.next]).to.deep.equal([23, null]);
    expect((await h.call(h.tokens.a, 'GET', `/assets?after=${seen[20]}`)).body.assets.map((a: { assetId: string }) => a.assetId)).to.deep.equal(seen.slice(21));
    expect((await h.call(h.tokens.b, 'GET', '/assets?limit=5')).body, 'NF3: paging shows only the caller\'s own grid').to.deep.include({ assets: [], next: null });
  });

  it('F5b: bad paging parameters → 400 application/problem+json naming the field', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=10001', 'limit'],
      ['limit=abc', 'limit'],
      ['limit=-3', 'limit'],
      ['limit=2.5', 'limit'],
      ['after=', 'after'],
      ['after=%3Cscript%3E', 'after'],
    ] as const) {
      const res = await h.call(h.tokens.a, 'GET', `/assets?${query}`);
      expect(res.status, query).to.equal(400);
      expect(res.type, query).to.include('application/problem+json');
      expect(res.body.errors.map((e: { field: string }) => e.field), query).to.deep.equal([field]);
    }
    expect((await h.call(h.tokens.a, 'GET', '/assets?limit=10000')).status).to.equal(200);
  });
});
