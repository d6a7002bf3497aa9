// F3 implications, worked by hand: plans against the grants of a foreseen split and against an
// unforeseen stop. The split is given (as stored by the core), so only the comparison is tested.
import { expect } from 'chai';
import type { SeriesDecision } from '../../../packages/fairness/src/index.js';
import type { StoredLimit, StoredSplit } from '../storage/limit.repository.js';
import type { Asset, StoredScheduleSeries } from '../domain/types.js';
import { computeImplications } from './implications.js';
import { plansPayload } from './plans.js';

const DSO = '10XDSO-ONE-----1';
const A = '10XAGR-A--------';
const B = '10XAGR-B--------';
const asset = (assetId: string, operator: string): Asset => ({ assetId, operator, connectionPoint: '571000000000000017', produces: true, consumes: true, maxProductionW: 400_000, maxConsumptionW: 400_000, updatedAt: '2030-01-01T00:00:00Z' });
const plan = (operator: string, assetId: string, start: string, pointsW: number[], resolution: 'PT15M' | 'PT60M' = 'PT15M'): StoredScheduleSeries => {
  const step = resolution === 'PT15M' ? 15 : 60;
  const end = new Date(Date.parse(start) + pointsW.length * step * 60_000).toISOString().replace('.000Z', 'Z');
  return { operator, documentMrid: `${operator}-doc`, seriesMrid: `${assetId}-s`, assetId, resolution, start, end, pointsW, revision: 1, updatedAt: '2030-01-01T00:00:00Z' };
};
const header = { sender: { mRID: DSO, role: 'A50' }, receiver: { mRID: '10XTPS---------', role: 'A57' }, createdDateTime: '2030-01-01T00:00:00Z', unit: 'KWT' as const, reasons: [] };

const foreseen: StoredLimit = {
  dso: DSO,
  mrid: 'L1',
  revision: 2,
  limitType: 'foreseen',
  status: 'active',
  periodStart: '2030-06-01T10:00:00Z',
  periodEnd: '2030-06-01T12:00:00Z',
  receivedAt: '2030-01-01T00:00:00Z',
  document: {
    ...header,
    mRID: 'L1',
    revisionNumber: 2,
    limitType: 'foreseen',
    status: 'active',
    period: { start: '2030-06-01T10:00Z', end: '2030-06-01T12:00Z' },
    series: [{ mRID: 'S1', direction: 'production', assetIds: ['11WPV', '11WWIND'], resolution: 'PT60M', interval: { start: '2030-06-01T10:00Z', end: '2030-06-01T12:00Z' }, availableW: [300_000, 300_000] }],
  },
} as StoredLimit;

const decision = (grants: number[][]): SeriesDecision =>
  ({
    policy: 'waterfill',
    direction: 'production',
    assetIds: ['11WPV', '11WWIND'],
    assetOperators: [A, B],
    intervals: grants.map((g, index) => ({ index, limitW: 300_000, grantsW: g, operatorsW: {}, metrics: { jainIndex: 1 }, trace: [{ step: 'start' }] })),
    summary: { assets: {}, operators: {}, metrics: { intervals: 2 } },
  }) as unknown as SeriesDecision;

const split = (revision: number, grants: number[][], id = revision): StoredSplit => ({ id, dso: DSO, limitMrid: 'L1', revision, seriesMrid: 'S1', direction: 'production', policy: 'waterfill', decision: decision(grants), createdAt: '2030-01-01T00:00:00Z' });

describe('F3 GUI implications (plans against limits)', () => {
  const assets = [asset('11WPV', A), asset('11WWIND', B), asset('11WEV', B)];
  // PV: 300 kW then 150 kW (quarter-hours); wind 100 kW hourly; EV −120 kW from 11:00.
  const schedules = [
    plan(A, '11WPV', '2030-06-01T10:00:00Z', [300_000, 300_000, 300_000, 300_000, 150_000, 150_000, 150_000, 150_000]),
    plan(B, '11WWIND', '2030-06-01T10:00:00Z', [100_000, 100_000], 'PT60M'),
    plan(B, '11WEV', '2030-06-01T11:00:00Z', [-120_000, -120_000, -120_000, -120_000]),
  ];
  const now = new Date('2030-06-01T09:00:00Z');

  it('F3: a plan above its grant is a conflict with the amount; the latest revision split is used', () => {
    // Revision 1's split (stale) would grant PV 300; revision 2 grants PV 200, wind 100 in hour 1.
    const out = computeImplications({ dso: DSO, limits: [foreseen], splits: [split(1, [[300_000, 100_000], [150_000, 100_000]]), split(2, [[200_000, 100_000], [150_000, 100_000]])], assets, schedules, now });
    expect(out.conflicts).to.deep.equal([
      { kind: 'foreseen', limitMrid: 'L1', seriesMrid: 'S1', assetId: '11WPV', assetName: null, operator: A, direction: 'production', start: '2030-06-01T10:00:00Z', end: '2030-06-01T11:00:00Z', plannedW: 300_000, allowedW: 200_000, exceedW: 100_000 },
    ]);
    const f = out.foreseen[0]!;
    expect(f.effectiveStatus).to.equal('upcoming');
    expect(f.intervals.map((i) => [i.limitW, i.plannedW, i.grantedW, i.exceedW])).to.deep.equal([
      [300_000, 400_000, 300_000, 100_000],
      [300_000, 250_000, 250_000, 0],
    ]);
    expect(f.operators).to.deep.equal([
      { operator: A, assetIds: ['11WPV'], grantsW: [200_000, 150_000], plannedW: [300_000, 150_000], exceedW: [100_000, 0] },
      { operator: B, assetIds: ['11WWIND'], grantsW: [100_000, 100_000], plannedW: [100_000, 100_000], exceedW: [0, 0] },
    ]);
    // Quarter-hour grid 10:00…12:00 (+ closing point): 100 kW excess in the first four quarters.
    expect(f.timeline.t).to.have.length(9);
    expect(f.timeline.exceedW).to.deep.equal([100_000, 100_000, 100_000, 100_000, 0, 0, 0, 0, 0]);
    expect(f.timeline.limitW[0]).to.equal(300_000);
  });

  it('F3: plans of a former operator do not count (the splitter reads only the current operator\'s)', () => {
    const stale = [plan(B, '11WPV', '2030-06-01T10:00:00Z', [900_000, 900_000, 900_000, 900_000]), ...schedules.slice(1)];
    const out = computeImplications({ dso: DSO, limits: [foreseen], splits: [split(2, [[200_000, 100_000], [150_000, 100_000]])], assets, schedules: stale, now });
    expect(out.conflicts).to.deep.equal([]);
    expect(out.foreseen[0]!.assets.find((a) => a.assetId === '11WPV')!.plannedW).to.deep.equal([null, null]);
  });

  it('F3: an unforeseen stop makes any plan in its direction a conflict; hold and cancelled limits do not', () => {
    const stop = {
      ...foreseen,
      mrid: 'U1',
      revision: 1,
      limitType: 'unforeseen',
      periodStart: '2030-06-01T11:00:00Z',
      periodEnd: '2030-06-01T12:00:00Z',
      document: { ...header, mRID: 'U1', revisionNumber: 1, limitType: 'unforeseen', status: 'active', period: { start: '2030-06-01T11:00Z', end: '2030-06-01T12:00Z' }, series: [{ mRID: 'X1', direction: 'consumption', assetIds: ['11WEV'], action: 'stop' }, { mRID: 'X2', direction: 'production', assetIds: ['11WPV'], action: 'hold' }] },
    } as StoredLimit;
    const cancelled = { ...foreseen, mrid: 'L9', status: 'cancelled' } as StoredLimit;
    const out = computeImplications({ dso: DSO, limits: [stop, cancelled], splits: [], assets, schedules, now });
    expect(out.cancelled).to.deep.equal(['L9']);
    expect(out.conflicts).to.have.length(1);
    expect(out.conflicts[0]).to.include({ kind: 'unforeseen', assetId: '11WEV', operator: B, plannedW: 120_000, allowedW: 0, exceedW: 120_000, action: 'stop', start: '2030-06-01T11:00:00Z', end: '2030-06-01T12:00:00Z' });
    const hold = out.unforeseen[0]!.signals[1]!.assets[0]!;
    expect(hold).to.include({ assetId: '11WPV', plannedW: 150_000, exceedW: 0 });
  });

  it('F3: plans are put on the quarter-hour grid per asset, hourly series expanded', () => {
    const payload = plansPayload({ operator: B, assets: [asset('11WWIND', B), asset('11WEV', B)], schedules: schedules.slice(1) });
    expect(payload.timeline.t[0]).to.equal(Date.parse('2030-06-01T10:00:00Z'));
    expect(payload.timeline.t).to.have.length(9);
    const byId = Object.fromEntries(payload.timeline.assets.map((a) => [a.assetId, a.w]));
    expect(byId['11WWIND']).to.deep.equal([100_000, 100_000, 100_000, 100_000, 100_000, 100_000, 100_000, 100_000, 100_000]);
    expect(byId['11WEV']).to.deep.equal([null, null, null, null, -120_000, -120_000, -120_000, -120_000, -120_000]);
    expect(payload.schedules.map((s) => [s.assetId, s.minW, s.maxW])).to.deep.equal([
      ['11WWIND', 100_000, 100_000],
      ['11WEV', -120_000, -120_000],
    ]);
  });
});
