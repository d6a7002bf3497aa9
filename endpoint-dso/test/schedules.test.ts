import { expect } from 'chai';
import { loadRamlContract } from '../../packages/rest/src/index.js';
import { RAML_FILE } from '../src/app.js';
import { ackDoc, allKeys, asset, assetListDoc, cp, DSO_A, DSO_B, listed, scheduleDoc, startHarness, type Harness } from './harness.js';

const [a1, a2, b1] = [asset('PV-1'), asset('BAT-2'), asset('B-PV-1')];
const day = { start: '2026-03-01T06:00Z', end: '2026-03-01T08:00Z' };

describe('DSO facade: operational schedules — get, wait for new, SSE, request (F9b, NF3)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    await h.messenger.deliver(assetListDoc(DSO_A, [listed(a1, cp(1)), listed(a2, cp(2))]));
    await h.messenger.deliver(assetListDoc(DSO_B, [listed(b1, cp(7))]));
  });
  afterEach(() => h.close());

  it('F9b, NF3: returns the schedules in force for assets on this grid, without any operator identity', async () => {
    await h.messenger.deliver(scheduleDoc(DSO_A, [{ assetId: a1, ...day, pointsW: [1_000, -2_000] }, { assetId: a2, ...day, pointsW: [0, 5] }]));
    await h.messenger.deliver(scheduleDoc(DSO_B, [{ assetId: b1, ...day, pointsW: [7, 7] }]));
    const res = await h.call(h.tokens.a, 'GET', `/schedules?assetIds=${a1}`);
    expect(res.status).to.equal(200);
    expect(res.body.schedules).to.have.length(1);
    expect(res.body.schedules[0]).to.deep.include({ assetId: a1, cancelled: false, resolution: 'PT60M', valuesW: [1_000, -2_000] });
    expect(res.body.schedules[0].interval).to.deep.equal({ start: '2026-03-01T06:00:00Z', end: '2026-03-01T08:00:00Z' });
    expect(allKeys(res.body).some((k) => /operator|sender/i.test(k))).to.equal(false);
    expect((await loadRamlContract(RAML_FILE)).validate('ScheduleList', res.body)).to.deep.equal([]);
    expect((await h.call(h.tokens.a, 'GET', '/schedules')).body.schedules).to.have.length(2);
    expect((await h.call(h.tokens.a, 'GET', '/schedules?from=2026-03-01T08:00:00Z')).body.schedules).to.have.length(0);
    // A later revision of a series replaces it.
    await h.messenger.deliver(scheduleDoc(DSO_A, [{ assetId: a1, ...day, pointsW: [9, 9] }], 2));
    const now = await h.call(h.tokens.a, 'GET', `/schedules?assetIds=${a1}`);
    expect(now.body.schedules.map((s: { valuesW: number[] }) => s.valuesW)).to.deep.equal([[9, 9]]);
  });

  it('F9b bad input: assets not on this DSO\'s grid are named; from must be before to', async () => {
    const res = await h.call(h.tokens.a, 'GET', `/schedules?assetIds=${a1},${b1}`);
    expect(res.status).to.equal(400);
    expect(res.body.errors).to.deep.equal([{ field: 'assetIds.1', message: `${b1} is not an asset on this DSO's grid` }]);
    expect((await h.call(h.tokens.a, 'GET', '/schedules?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z')).status).to.equal(400);
    expect((await h.call(h.tokens.a, 'GET', '/schedules?assetIds=nonsense')).body.errors[0].field).to.equal('assetIds.0');
    const refresh = await h.call(h.tokens.a, 'POST', '/schedules/refresh', { assetIds: [b1] });
    expect(refresh.status).to.equal(400);
    expect(h.messenger.sent).to.have.length(0);
  });

  it('F9b: wait for new blocks until arrival, returns what arrived since this caller last asked, [] on timeout', async () => {
    await h.messenger.deliver(scheduleDoc(DSO_A, [{ assetId: a1, ...day, pointsW: [1, 1] }]));
    expect((await h.call(h.tokens.a, 'GET', '/schedules/new?timeout=1')).body.schedules).to.have.length(1);
    const waiting = h.call(h.tokens.a, 'GET', '/schedules/new?timeout=5');
    await new Promise((r) => setTimeout(r, 100));
    await h.messenger.deliver(scheduleDoc(DSO_B, [{ assetId: b1, ...day, pointsW: [3, 3] }]));
    await h.messenger.deliver(scheduleDoc(DSO_A, [{ assetId: a2, ...day, pointsW: [2, 2] }]));
    const got = await waiting;
    expect(got.body.schedules.map((s: { assetId: string }) => s.assetId)).to.deep.equal([a2]);
    const started = Date.now();
    expect((await h.call(h.tokens.a, 'GET', '/schedules/new?timeout=1')).body.schedules).to.deep.equal([]);
    expect(Date.now() - started).to.be.at.least(900);
    expect((await h.call(h.tokens.b, 'GET', '/schedules/new?timeout=0')).body.schedules.map((s: { assetId: string }) => s.assetId)).to.deep.equal([b1]);
  });

  it('F9b: pushes new schedules over Server-Sent Events to the DSO they concern', async () => {
    const ctrl = new AbortController();
    const res = await fetch(`${h.url}/schedules/events`, { headers: { authorization: `Bearer ${h.tokens.a}` }, signal: ctrl.signal });
    expect(res.headers.get('content-type')).to.contain('text/event-stream');
    const reader = res.body!.getReader();
    setTimeout(() => {
      void h.messenger.deliver(scheduleDoc(DSO_B, [{ assetId: b1, ...day, pointsW: [3, 3] }])).then(() => h.messenger.deliver(scheduleDoc(DSO_A, [{ assetId: a1, ...day, pointsW: [4, 4] }])));
    }, 50);
    let text = '';
    while (!text.includes('event: schedule')) text += new TextDecoder().decode((await reader.read()).value);
    while (!text.endsWith('\n\n')) text += new TextDecoder().decode((await reader.read()).value);
    ctrl.abort();
    expect(text).to.contain(`"assetId":"${a1}"`).and.not.contain(b1);
  });

  it('F9: requests schedules from the core with a StatusRequest for the named assets and window', async () => {
    const res = await h.call(h.tokens.a, 'POST', '/schedules/refresh', { assetIds: [a1], interval: { start: '2026-03-01T00:00:00Z', end: '2026-03-02T00:00:00Z' } });
    expect(res.status).to.equal(202);
    const [req] = h.messenger.sentOfKind('status-request');
    expect(req).to.deep.include({ requested: 'schedules', assetIds: [a1], interval: { start: '2026-03-01T00:00Z', end: '2026-03-02T00:00Z' } });
  });

  it('F2: GET /messages/{id} reports tracking and the business acknowledgement; another DSO gets 404', async () => {
    const res = await h.call(h.tokens.a, 'POST', '/schedules/refresh', {});
    let msg = await h.call(h.tokens.a, 'GET', `/messages/${res.body.messageId}`);
    expect(msg.status).to.equal(200);
    expect(msg.body).to.deep.include({ messageId: res.body.messageId, businessType: 'status-request', documentId: res.body.documentId });
    expect(msg.body.tracking.state).to.equal('ACCEPTED');
    expect(msg.body.acknowledgement.state).to.equal('pending');
    await h.messenger.deliver(ackDoc(DSO_A, { mRID: res.body.documentId }, false, [{ code: 'A95', text: 'try later' }]));
    msg = await h.call(h.tokens.a, 'GET', `/messages/${res.body.messageId}`);
    expect(msg.body.acknowledgement).to.deep.include({ state: 'rejected', reasons: [{ code: 'A95', text: 'try later' }] });
    expect((await loadRamlContract(RAML_FILE)).validate('MessageStatus', msg.body)).to.deep.equal([]);
    expect((await h.call(h.tokens.b, 'GET', `/messages/${res.body.messageId}`)).status).to.equal(404);
    expect((await h.call(h.tokens.a, 'GET', '/messages/unknown')).status).to.equal(404);
  });
});
