import { expect } from 'chai';
import { startHarness, expectProblem, expectRaml, assetId, PARTY_A, PARTY_B, PARTY_ELSEWHERE, type Harness } from './agr-harness.js';
import { grantLimit, unforeseenLimit } from './core-documents.js';

const A1 = assetId('A-PV-1');
const B1 = assetId('B-PV-1');

describe('AGR/BRP endpoint: capacity limits over HTTP (F7a, NF3)', () => {
  let h: Harness;
  let a: string;
  let b: string;
  beforeEach(async () => {
    h = await startHarness({ sseHeartbeatMs: 200 });
    a = h.tokens[PARTY_A]!;
    b = h.tokens[PARTY_B]!;
  });
  afterEach(() => h.close());

  it('F7a: foreseen grants and unforeseen signals become limits of the addressed party only', async () => {
    h.clock.now = new Date('2026-05-01T18:00:00Z');
    await h.messenger.deliver(grantLimit(PARTY_A, { limitId: 'lim-1', assets: [A1], pointsW: [100_000, 100_000, 150_000, 150_000] }), 'capacity-limit');
    await h.messenger.deliver(unforeseenLimit(PARTY_A, { limitId: 'lim-2', assets: [A1], start: '2026-05-01T18:00Z', end: '2026-05-01T20:00Z', action: 'hold' }), 'capacity-limit');
    const res = await h.call('GET', '/limits?from=2026-05-01T17:00:00Z&to=2026-05-01T19:00:00Z', { token: a });
    expectRaml(h.contract, 'LimitList', res.body);
    const [foreseen, unforeseen] = res.body.limits;
    expect(foreseen).to.deep.include({ limitId: 'lim-1', kind: 'foreseen', status: 'active', expiresAt: '2026-05-02T11:00:00Z', receivedAt: '2026-05-01T18:00:00Z' });
    expect(foreseen.grants).to.deep.equal([
      { assetId: A1, direction: 'production', resolution: 'PT15M', intervals: [{ start: '2026-05-02T10:00:00Z', end: '2026-05-02T10:30:00Z', maxW: 100_000 }, { start: '2026-05-02T10:30:00Z', end: '2026-05-02T11:00:00Z', maxW: 150_000 }] },
    ]);
    expect(unforeseen).to.deep.include({ kind: 'unforeseen', until: '2026-05-01T20:00:00Z', signals: [{ assetId: A1, direction: 'consumption', action: 'hold' }] });
    expect((await h.call('GET', '/limits?from=2026-05-01T17:00:00Z&to=2026-05-01T19:00:00Z', { token: b })).body.limits).to.deep.equal([]);
    expect((await h.call('GET', '/limits?from=2026-05-01T19:00:00Z&to=2026-05-01T20:00:00Z', { token: a })).body.limits).to.deep.equal([]);
  });

  it('F7a: active = latest revision, not cancelled, not expired; older revisions are ignored', async () => {
    h.clock.now = new Date('2026-05-01T18:00:00Z');
    await h.messenger.deliver(grantLimit(PARTY_A, { limitId: 'keep', revision: 2, assets: [A1], pointsW: [5] }), 'capacity-limit');
    await h.messenger.deliver(grantLimit(PARTY_A, { limitId: 'keep', revision: 1, assets: [A1], pointsW: [9] }), 'capacity-limit'); // late, older
    await h.messenger.deliver(grantLimit(PARTY_A, { limitId: 'cancel', assets: [A1] }), 'capacity-limit');
    await h.messenger.deliver(grantLimit(PARTY_A, { limitId: 'cancel', revision: 2, assets: [A1], status: 'cancelled' }), 'capacity-limit');
    await h.messenger.deliver(unforeseenLimit(PARTY_A, { limitId: 'short', assets: [A1], start: '2026-05-01T18:00Z', end: '2026-05-01T18:30Z' }), 'capacity-limit');
    let active = await h.call('GET', '/limits/active', { token: a });
    expectRaml(h.contract, 'LimitList', active.body);
    expect(active.body.limits.map((l: any) => [l.limitId, l.revision])).to.deep.equal([['keep', 2], ['short', 1]]);
    expect(active.body.limits[0].grants[0].intervals[0].maxW).to.equal(5);
    h.clock.now = new Date('2026-05-01T18:30:00Z');
    active = await h.call('GET', '/limits/active', { token: a });
    expect(active.body.limits.map((l: any) => l.limitId)).to.deep.equal(['keep']);
    expect((await h.call('GET', '/limits/active', { token: b })).body.limits).to.deep.equal([]);
  });

  it('F7a wait-for-new: returns what arrived since this caller last asked, blocks until arrival, [] on timeout', async () => {
    await h.messenger.deliver(grantLimit(PARTY_A, { limitId: 'first', assets: [A1] }), 'capacity-limit');
    const first = await h.call('GET', '/limits/wait?timeout=5', { token: a });
    expectRaml(h.contract, 'LimitList', first.body);
    expect(first.body.limits.map((l: any) => l.limitId)).to.deep.equal(['first']);
    // Another client of the same token has its own cursor.
    expect((await h.call('GET', '/limits/wait?timeout=0&client=dashboard', { token: a })).body.limits).to.have.length(1);

    const started = Date.now();
    const waiting = h.call('GET', '/limits/wait?timeout=10', { token: a });
    await new Promise((r) => setTimeout(r, 150));
    expect(h.agr.hub.size).to.equal(1);
    await h.messenger.deliver(grantLimit(PARTY_B, { limitId: 'for-b', assets: [B1] }), 'capacity-limit');
    await h.messenger.deliver(grantLimit(PARTY_A, { limitId: 'second', assets: [A1] }), 'capacity-limit');
    const woke = await waiting;
    expect(woke.body.limits.map((l: any) => l.limitId)).to.deep.equal(['second']);
    expect(Date.now() - started).to.be.lessThan(5_000);

    const t0 = Date.now();
    const empty = await h.call('GET', '/limits/wait?timeout=1', { token: a });
    expect(empty.body).to.deep.equal({ limits: [] });
    expect(Date.now() - t0).to.be.at.least(900);
  });

  it('F7a wait-for-new: skips limits that expired before the caller asked', async () => {
    h.clock.now = new Date('2026-05-01T18:00:00Z');
    await h.messenger.deliver(unforeseenLimit(PARTY_A, { limitId: 'gone', assets: [A1], start: '2026-05-01T18:00Z', end: '2026-05-01T18:15Z' }), 'capacity-limit');
    await h.messenger.deliver(unforeseenLimit(PARTY_A, { limitId: 'live', assets: [A1], start: '2026-05-01T18:00Z', end: '2026-05-01T19:00Z' }), 'capacity-limit');
    h.clock.now = new Date('2026-05-01T18:20:00Z');
    expect((await h.call('GET', '/limits/wait?timeout=1', { token: a })).body.limits.map((l: any) => l.limitId)).to.deep.equal(['live']);
  });

  it('F7a: rejects bad query parameters, naming them', async () => {
    expectProblem(await h.call('GET', '/limits/wait?timeout=61', { token: a }), 400, ['timeout']);
    expectProblem(await h.call('GET', '/limits/wait?timeout=abc', { token: a }), 400, ['timeout']);
    expectProblem(await h.call('GET', '/limits/wait?client=no%20spaces', { token: a }), 400, ['client']);
    expectProblem(await h.call('GET', '/limits?from=yesterday', { token: a }), 400, ['from', 'to']);
    expectProblem(await h.call('GET', '/limits?from=2026-05-02T00:00:00Z&to=2026-05-01T00:00:00Z', { token: a }), 400, ['to']);
    expectProblem(await h.call('GET', '/limits/wait', { token: h.tokens.DSO }), 403);
  });

  it('F7a push: Server-Sent Events deliver each new limit of this party, resumable by Last-Event-ID', async () => {
    await h.messenger.deliver(grantLimit(PARTY_A, { limitId: 'held', assets: [A1] }), 'capacity-limit');
    const ctrl = new AbortController();
    const res = await fetch(`${h.url}/limits/events`, { headers: { authorization: `Bearer ${a}` }, signal: ctrl.signal });
    expect(res.headers.get('content-type')).to.contain('text/event-stream');
    const reader = res.body!.getReader();
    let text = '';
    setTimeout(() => {
      void h.messenger.deliver(grantLimit(PARTY_B, { limitId: 'not-mine', assets: [B1] }), 'capacity-limit').then(() => h.messenger.deliver(grantLimit(PARTY_A, { limitId: 'pushed', assets: [A1] }), 'capacity-limit'));
    }, 100);
    while (!text.includes('"limitId":"pushed"')) text += new TextDecoder().decode((await reader.read()).value);
    ctrl.abort();
    const events = [...text.matchAll(/id: (\d+)\nevent: limit\ndata: (.*)\n/g)].map((m) => ({ id: Number(m[1]), limit: JSON.parse(m[2]!) }));
    expect(events.map((e) => e.limit.limitId)).to.deep.equal(['held', 'pushed']);
    for (const e of events) {
      expect(e.id).to.equal(e.limit.seq);
      expectRaml(h.contract, 'Limit', e.limit);
    }
    expect(text).to.not.contain('not-mine');
    // Resuming after the first event replays only what came after it.
    const resumed = await fetch(`${h.url}/limits/events`, { headers: { authorization: `Bearer ${a}`, 'last-event-id': String(events[0]!.id) } });
    const r2 = resumed.body!.getReader();
    let more = '';
    while (!more.includes('"limitId":"pushed"')) more += new TextDecoder().decode((await r2.read()).value);
    await r2.cancel();
    expect(more).to.not.contain('"limitId":"held"');
  });

  it('F1, NF3: documents not from the core, or for a party this endpoint does not serve, are refused', async () => {
    let err: unknown;
    await h.messenger.deliver(grantLimit(PARTY_ELSEWHERE, { limitId: 'x', assets: [A1] }), 'capacity-limit').catch((e) => (err = e));
    expect(err).to.have.property('name', 'InboundDocumentError');
    err = undefined;
    await h.messenger.deliver(grantLimit(PARTY_A, { limitId: 'y', assets: [A1] }), 'capacity-limit', PARTY_B).catch((e) => (err = e));
    expect(err).to.have.property('name', 'InboundDocumentError');
    expect(await h.db('agr_limits').count({ n: '*' }).first()).to.deep.include({ n: 0 });
  });
});
