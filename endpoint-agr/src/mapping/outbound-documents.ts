// REST → IEC 62325 documents (as typed values; packages/iec62325 serialises them). The sender is
// always the token's party, so nothing in a request body can make the endpoint speak for another
// party (NF3); the operator of a registered asset is that same party.
import { randomUUID } from 'node:crypto';
import type { AssetRegistrationDocument, AssetRegistrationEntry, AssetRemovalEntry, MarketParticipant, ScheduleDocument, ScheduleSeries } from '../../../packages/iec62325/src/index.js';
import { MARKET_ROLE, toEsmpDateTime, toYmdhm } from '../../../packages/iec62325/src/index.js';
import type { AssetInput, Period, Resolution } from './rest-types.js';
import { parseIsoUtc, RESOLUTION_MS, formatIsoUtc, type IsoTime } from './time.js';

/** A schedule asset as the request schema read it: interval times already parsed, never re-read. */
export interface TimedScheduleAsset {
  assetId: string;
  resolution: Resolution;
  intervals: ReadonlyArray<{ start: IsoTime; end: IsoTime; powerW: number }>;
}

export interface Parties {
  /** The AGR/BRP the token speaks for. */
  party: string;
  /** The TPS core, receiver of everything this endpoint sends. */
  coreParty: string;
}

/** Document mRIDs: 1..60 of [A-Za-z0-9._:-]; a UUID keeps them unique across replicas. */
export function newDocumentId(prefix: 'reg' | 'sch'): string {
  return `${prefix}-${randomUUID()}`;
}

function header(p: Parties, mRID: string, revisionNumber: number, now: Date) {
  const sender: MarketParticipant = { mRID: p.party, role: MARKET_ROLE.resourceAggregator };
  const receiver: MarketParticipant = { mRID: p.coreParty, role: MARKET_ROLE.platform };
  return { mRID, revisionNumber, sender, receiver, createdDateTime: toEsmpDateTime(now) };
}

/** F4b: one registration document per call, covering every asset of the call. */
export function registrationDocument(p: Parties, mRID: string, now: Date, change: { register: AssetInput[] } | { update: AssetInput[] } | { remove: string[] }): AssetRegistrationDocument {
  let assets: Array<AssetRegistrationEntry | AssetRemovalEntry>;
  if ('remove' in change) assets = change.remove.map((assetId) => ({ action: 'remove', assetId }));
  else {
    const action = 'register' in change ? 'register' : 'update';
    const list = 'register' in change ? change.register : change.update;
    assets = list.map((a) => ({
      action,
      assetId: a.assetId,
      name: a.name,
      operator: p.party,
      connectionPoint: a.connectionPointId,
      produces: a.produces,
      consumes: a.consumes,
      maxProductionW: a.maxProductionW,
      maxConsumptionW: a.maxConsumptionW,
    }));
  }
  return { ...header(p, mRID, 1, now), unit: 'KWT', assets };
}

/** One point per resolution step: each REST interval contributes (end - start) / step points. */
export function pointsOf(a: TimedScheduleAsset): number[] {
  const step = RESOLUTION_MS[a.resolution];
  const points: number[] = [];
  for (const iv of a.intervals) {
    const n = (iv.end.ms - iv.start.ms) / step;
    for (let i = 0; i < n; i++) points.push(iv.powerW);
  }
  return points;
}

export function periodOf(assets: readonly TimedScheduleAsset[]): Period {
  let start = Infinity;
  let end = -Infinity;
  for (const a of assets) {
    start = Math.min(start, a.intervals[0]!.start.ms);
    end = Math.max(end, a.intervals[a.intervals.length - 1]!.end.ms);
  }
  return { start: formatIsoUtc(start), end: formatIsoUtc(end) };
}

/**
 * F8b: a GL_MarketDocument revision. Series are identified by asset ID so that each revision
 * replaces the previous one per asset; assets dropped since the last revision (or all of them,
 * on cancel) are sent as cancelled series so the core withdraws them explicitly.
 */
export function scheduleDocument(
  p: Parties,
  s: { scheduleId: string; revision: number; period: Period; assets: readonly TimedScheduleAsset[]; withdrawn: string[] },
  now: Date,
): ScheduleDocument {
  const active: ScheduleSeries[] = s.assets.map((a) => ({
    mRID: a.assetId,
    assetId: a.assetId,
    cancelled: false,
    resolution: a.resolution,
    interval: { start: toYmdhm(a.intervals[0]!.start.ms), end: toYmdhm(a.intervals[a.intervals.length - 1]!.end.ms) },
    pointsW: pointsOf(a),
  }));
  const cancelled: ScheduleSeries[] = s.withdrawn.map((assetId) => ({ mRID: assetId, assetId, cancelled: true }));
  const period = { start: toYmdhm(parseIsoUtc(s.period.start)!), end: toYmdhm(parseIsoUtc(s.period.end)!) };
  return { ...header(p, s.scheduleId, s.revision, now), period, unit: 'KWT', series: [...active, ...cancelled] };
}
