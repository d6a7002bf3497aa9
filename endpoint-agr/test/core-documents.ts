// Documents the TPS core would send to this endpoint, built with packages/iec62325 (never
// hand-written XML): grants of a foreseen limit, unforeseen signals, acknowledgements.
import { buildAcknowledgement, buildCapacityLimit, MARKET_ROLE, type CapacityLimitDocument } from '../../packages/iec62325/src/index.js';
import { CORE } from './agr-harness.js';

const header = (mRID: string, to: string) => ({
  mRID,
  sender: { mRID: CORE, role: MARKET_ROLE.platform },
  receiver: { mRID: to, role: MARKET_ROLE.resourceAggregator },
  createdDateTime: '2026-05-01T08:00:00Z',
});

/** A foreseen limit's grants for `to`: one series per asset, 15-minute points of `pointsW`. */
export function grantLimit(to: string, o: { limitId: string; revision?: number; assets: string[]; start?: string; pointsW?: number[]; status?: 'active' | 'cancelled' }): string {
  const start = o.start ?? '2026-05-02T10:00Z';
  const points = o.pointsW ?? [100_000, 100_000, 150_000, 150_000];
  const end = new Date(Date.parse(start.replace('Z', ':00Z')) + points.length * 15 * 60_000).toISOString().slice(0, 16) + 'Z';
  const doc: CapacityLimitDocument = {
    ...header(o.limitId, to),
    revisionNumber: o.revision ?? 1,
    limitType: 'grant',
    period: { start, end },
    status: o.status ?? 'active',
    unit: 'KWT',
    reasons: [{ code: 'B19', text: 'Foreseen maintenance' }],
    series: o.assets.map((assetId, i) => ({ mRID: `g${i + 1}`, direction: 'production', assetId, resolution: 'PT15M', interval: { start, end }, grantW: points })),
  };
  return buildCapacityLimit(doc);
}

/** An unforeseen issue: `action` for the assets until `end`. */
export function unforeseenLimit(to: string, o: { limitId: string; assets: string[]; start: string; end: string; action?: 'start' | 'stop' | 'hold'; revision?: number }): string {
  return buildCapacityLimit({
    ...header(o.limitId, to),
    revisionNumber: o.revision ?? 1,
    limitType: 'unforeseen',
    period: { start: o.start, end: o.end },
    status: 'active',
    unit: 'KWT',
    reasons: [{ code: 'B26' }],
    series: [{ mRID: 'u1', direction: 'consumption', assetIds: o.assets, action: o.action ?? 'stop' }],
  });
}

export function acknowledgement(to: string, received: { mRID: string; revisionNumber?: number }, accepted: boolean, reasons: Array<{ code: 'A64' | 'A95'; text?: string }> = []): string {
  return buildAcknowledgement({ ...header(`ack-${received.mRID}-${received.revisionNumber ?? 0}`, to), received, accepted, reasons });
}
