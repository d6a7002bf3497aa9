import { expect } from 'chai';
import { parseSchedule } from '../../packages/iec62325/src/index.js';
import { startHarness, expectProblem, expectRaml, assetId, gsrn, PARTY_A, PARTY_B, type Harness } from './agr-harness.js';
import { acknowledgement } from './core-documents.js';

const A1 = assetId('A-PV-1');
const A2 = assetId('A-BATT-2');
const B1 = assetId('B-PV-1');
const asset = (id: string, n: number) => ({ assetId: id, connectionPointId: gsrn(n), produces: true, consumes: true, maxProductionW: 500_000, maxConsumptionW: 500_000, name: id });
const plan = (id: string, powerW: number, start = '2026-05-02T10:00:00Z', end = '2026-05-02T10:30:00Z') => ({ assetId: id, intervals: [{ start, end, powerW }] });

describe('AGR/BRP endpoint: operational schedules over HTTP (F8b, NF3)', () => {
  let h: Harness;
  let a: string;
  let b: string;
  beforeEach(async () => {
    h = await startHarness();
    a = h.tokens[PARTY_A]!;
    b = h.tokens[PARTY_B]!;
    await h.call('POST', '/assets', { token: a, body: { assets: [asset(A1, 1), asset(A2, 2)] } });
    await h.call('POST', '/assets', { token: b, body: { assets: [asset(B1, 3)] } });
  });
  afterEach(() => h.close());

  it('F8b: sends a GL_MarketDocument for several assets, signed values per resolution step', async () => {
    const body = {
      assets: [
        { assetId: A1, resolution: 'PT15M', intervals: [{ start: '2026-05-02T10:00:00Z', end: '2026-05-02T10:30:00Z', powerW: 180_000 }, { start: '2026-05-02T10:30:00Z', end: '2026-05-02T10:45:00Z', powerW: 120_000 }] },
        { assetId: A2, intervals: [{ start: '2026-05-02T10:00Z', end: '2026-05-02T10:15Z', powerW: -400_000 }] },
      ],
    };
    const res = await h.call('POST', '/schedules', { token: a, body });
    expect(res.status, JSON.stringify(res.body)).to.equal(202);
    expectRaml(h.contract, 'ScheduleReceipt', res.body);
    expect(res.body).to.include({ revision: 1, status: 'active' });
    const doc = parseSchedule(h.messenger.last('schedule').payloadText);
    expect(doc).to.deep.include({ mRID: res.body.scheduleId, revisionNumber: 1, period: { start: '2026-05-02T10:00Z', end: '2026-05-02T10:45Z' } });
    expect(doc.sender.mRID).to.equal(PARTY_A);
    expect(doc.series.map((s) => (s.cancelled ? s.assetId : [s.assetId, s.pointsW]))).to.deep.equal([
      [A1, [180_000, 180_000, 120_000]],
      [A2, [-400_000]],
    ]);
    const got = await h.call('GET', `/schedules/${res.body.scheduleId}`, { token: a });
    expectRaml(h.contract, 'Schedule', got.body);
    expect(got.body.assets[1].intervals[0]).to.deep.equal({ start: '2026-05-02T10:00:00Z', end: '2026-05-02T10:15:00Z', powerW: -400_000 });
    const list = await h.call('GET', '/schedules?from=2026-05-02T10:30:00Z&to=2026-05-02T11:00:00Z', { token: a });
    expectRaml(h.contract, 'ScheduleList', list.body);
    expect(list.body.schedules).to.have.length(1);
    expect((await h.call('GET', '/schedules?from=2026-05-02T11:00:00Z&to=2026-05-02T12:00:00Z', { token: a })).body.schedules).to.have.length(0);
  });

  it('F8b: updates are forward-only revisions of the same mRID; dropped assets are withdrawn; cancel is the last revision', async () => {
    const sent = await h.call('POST', '/schedules', { token: a, body: { assets: [plan(A1, 100), plan(A2, -100)] } });
    const id = sent.body.scheduleId;
    const upd = await h.call('PUT', `/schedules/${id}`, { token: a, body: { assets: [plan(A1, 200)] } });
    expect(upd.body).to.include({ scheduleId: id, revision: 2 });
    const rev2 = parseSchedule(h.messenger.last('schedule').payloadText);
    expect(rev2).to.include({ mRID: id, revisionNumber: 2 });
    expect(rev2.series).to.deep.include({ mRID: A2, assetId: A2, cancelled: true });

    expectProblem(await h.call('PUT', `/schedules/${id}`, { token: a, body: { revision: 2, assets: [plan(A1, 300)] } }), 409, ['revision']);
    const jump = await h.call('PUT', `/schedules/${id}`, { token: a, body: { revision: 5, assets: [plan(A1, 300)] } });
    expect(jump.body.revision).to.equal(5);

    const cancel = await h.call('DELETE', `/schedules/${id}`, { token: a });
    expect(cancel.body).to.include({ revision: 6, status: 'cancelled' });
    const rev6 = parseSchedule(h.messenger.last('schedule').payloadText);
    expect(rev6.series.every((s) => s.cancelled)).to.equal(true);
    expectProblem(await h.call('PUT', `/schedules/${id}`, { token: a, body: { assets: [plan(A1, 1)] } }), 409);
    expectProblem(await h.call('DELETE', `/schedules/${id}`, { token: a }), 409);
  });

  it("F8b: the core's acknowledgement of a revision is shown on the schedule", async () => {
    const sent = await h.call('POST', '/schedules', { token: a, body: { assets: [plan(A1, 100)] } });
    await h.messenger.deliver(acknowledgement(PARTY_A, { mRID: sent.body.scheduleId, revisionNumber: 1 }, true), 'acknowledgement');
    const got = await h.call('GET', `/schedules/${sent.body.scheduleId}`, { token: a });
    expect(got.body.outcome).to.equal('ACCEPTED');
    expect((await h.call('GET', `/messages/${sent.body.messageId}`, { token: a })).body.acknowledgement.outcome).to.equal('ACCEPTED');
  });

  it('F8b: rejects misaligned, reversed, gapped and mistyped intervals, naming the field', async () => {
    const bad = (intervals: unknown[]) => h.call('POST', '/schedules', { token: a, body: { assets: [{ assetId: A1, intervals }] } });
    expectProblem(await bad([{ start: '2026-05-02T10:05:00Z', end: '2026-05-02T10:30:00Z', powerW: 1 }]), 400, ['assets.0.intervals.0.start']);
    expectProblem(await bad([{ start: '2026-05-02T10:30:00Z', end: '2026-05-02T10:00:00Z', powerW: 1 }]), 400, ['assets.0.intervals.0.end']);
    expectProblem(
      await bad([{ start: '2026-05-02T10:00:00Z', end: '2026-05-02T10:15:00Z', powerW: 1 }, { start: '2026-05-02T10:30:00Z', end: '2026-05-02T10:45:00Z', powerW: 1 }]),
      400,
      ['assets.0.intervals.1.start'],
    );
    expectProblem(await bad([{ start: '2026-05-02 10:00', end: '2026-05-02T10:15:00+02:00', powerW: '1' }]), 400, ['assets.0.intervals.0.start', 'assets.0.intervals.0.end', 'assets.0.intervals.0.powerW']);
    expectProblem(await bad([{ start: '2026-05-02T10:00:00Z', end: '2026-05-02T10:15:00Z', powerW: 1.5 }]), 400, ['assets.0.intervals.0.powerW']);
    expectProblem(await h.call('POST', '/schedules', { token: a, body: { revision: 3, assets: [plan(A1, 1)] } }), 400, ['revision']);
    expectProblem(await h.call('POST', '/schedules', { token: a, body: { assets: [{ intervals: [] }] } }), 400, ['assets.0.assetId', 'assets.0.intervals']);
    expect(h.messenger.sent.filter((s) => s.businessType === 'schedule')).to.have.length(0);
  });

  it("NF3: foreign asset IDs and another party's schedules are refused", async () => {
    expectProblem(await h.call('POST', '/schedules', { token: a, body: { assets: [plan(A1, 1), plan(B1, 1)] } }), 400, ['assets.1.assetId']);
    const sent = await h.call('POST', '/schedules', { token: a, body: { assets: [plan(A1, 1)] } });
    expectProblem(await h.call('GET', `/schedules/${sent.body.scheduleId}`, { token: b }), 404);
    expectProblem(await h.call('PUT', `/schedules/${sent.body.scheduleId}`, { token: b, body: { assets: [plan(B1, 1)] } }), 404);
    expectProblem(await h.call('DELETE', `/schedules/${sent.body.scheduleId}`, { token: b }), 404);
    expect((await h.call('GET', '/schedules', { token: b })).body.schedules).to.deep.equal([]);
  });
});
