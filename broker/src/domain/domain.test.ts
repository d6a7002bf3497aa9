import { expect } from 'chai';
import { checkRevision, contentHash } from './revision.js';
import { capacityInDirection, fairnessRequest, plannedOver } from './fairness-input.js';
import { signalsByOperator } from './limit-fanout.js';
import { opaqueId } from './opaque-id.js';
import type { Asset, StoredScheduleSeries } from './types.js';

const asset = (assetId: string, operator: string, over: Partial<Asset> = {}): Asset => ({
  assetId, operator, connectionPoint: 'CP', produces: true, consumes: true, maxProductionW: 5000, maxConsumptionW: 3000, updatedAt: '', ...over,
});
const plan = (assetId: string, pointsW: number[], start = '2026-03-02T06:00Z', resolution: 'PT15M' | 'PT60M' = 'PT60M'): StoredScheduleSeries => ({
  operator: 'AGR1', documentMrid: 'd', seriesMrid: 's', assetId, resolution, start, end: '2026-03-02T08:00Z', pointsW, revision: 1, updatedAt: '',
});
const T6 = Date.parse('2026-03-02T06:00Z');
const HOUR = 3_600_000;

describe('core domain: revisions, fairness inputs, fan-out (F6a, F8a)', () => {
  it('revisions only move forward: new, already received, A51 for equal-with-other-content and lower', () => {
    expect(checkRevision(undefined, 1, 'h').outcome).to.equal('new');
    expect(checkRevision({ revision: 1, contentHash: 'h' }, 2, 'x').outcome).to.equal('new');
    expect(checkRevision({ revision: 2, contentHash: 'h' }, 2, 'h').outcome).to.equal('already-received');
    const equal = checkRevision({ revision: 2, contentHash: 'h' }, 2, 'x');
    const lower = checkRevision({ revision: 2, contentHash: 'h' }, 1, 'h');
    expect(equal.outcome === 'rejected' && equal.rejection.code).to.equal('A51');
    expect(lower.outcome === 'rejected' && lower.rejection.code).to.equal('A51');
  });

  it('the content hash ignores the creation time and key order, not the content', () => {
    expect(contentHash({ a: 1, b: [1, 2], createdDateTime: 'x' })).to.equal(contentHash({ b: [1, 2], a: 1, createdDateTime: 'y' }));
    expect(contentHash({ a: 1, b: [1, 2] })).not.to.equal(contentHash({ a: 1, b: [2, 1] }));
  });

  it('F6a: capacity per direction comes from the capabilities (0 when the asset cannot)', () => {
    expect(capacityInDirection(asset('W', 'A'), 'production')).to.equal(5000);
    expect(capacityInDirection(asset('W', 'A', { consumes: false }), 'consumption')).to.equal(0);
  });

  it('F6a: planned = largest planned magnitude in the direction over the interval; undefined without a covering schedule', () => {
    const s = [plan('W', [-100, -400, 300, 0], '2026-03-02T06:00Z', 'PT15M')];
    expect(plannedOver(s, T6, T6 + HOUR, 'consumption')).to.equal(400);
    expect(plannedOver(s, T6, T6 + HOUR, 'production')).to.equal(300);
    expect(plannedOver(s, T6 + 2 * HOUR, T6 + 3 * HOUR, 'production')).to.equal(undefined);
  });

  it('F6a: the splitter request carries operator, capacity and per-interval plans (capacity where no plan covers)', () => {
    const series = { mRID: 's', direction: 'consumption' as const, assetIds: ['W1', 'W2'], resolution: 'PT60M' as const, interval: { start: '2026-03-02T06:00Z', end: '2026-03-02T08:00Z' }, availableW: [4000, 4000] };
    const req = fairnessRequest(series, [asset('W1', 'A1'), asset('W2', 'A2')], new Map([['W1', [plan('W1', [-1000])]]]), 'waterfill');
    expect(req.limitsW).to.deep.equal([4000, 4000]);
    expect(req.assets).to.deep.equal([
      { id: 'W1', operator: 'A1', capacityW: 3000, plannedW: [1000, 3000] },
      { id: 'W2', operator: 'A2', capacityW: 3000 },
    ]);
  });

  it('F6a unforeseen, NF3: each operator gets the signal for its own assets only, under an opaque series mRID', () => {
    const result = signalsByOperator({ dso: 'DSO1', mrid: 'L' }, [{ mRID: 'sig', direction: 'production', assetIds: ['W1', 'W2', 'W3'], action: 'stop' }], new Map([['W1', 'A1'], ['W2', 'A2'], ['W3', 'A1']]));
    expect(result.get('A1')!.map((s) => s.assetIds)).to.deep.equal([['W1', 'W3']]);
    expect(result.get('A2')!.map((s) => s.assetIds)).to.deep.equal([['W2']]);
    expect(result.get('A1')![0]!.mRID).not.to.contain('sig');
  });

  it('opaque ids are stable, distinct per input and valid mRIDs', () => {
    expect(opaqueId('GL', 'a', 'b')).to.equal(opaqueId('GL', 'a', 'b'));
    expect(opaqueId('GL', 'a', 'b')).not.to.equal(opaqueId('GL', 'ab', ''));
    expect(opaqueId('GL', 'a')).to.match(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,59}$/);
  });
});
