// Parties, identifiers and document builders for the core's component tests: 2 DSOs, 3 AGR/BRPs,
// connection points of which some carry assets of several AGRs (the privacy matrix needs that).
import {
  buildAssetRegistration,
  buildCapacityLimit,
  buildConnectionPointRegistration,
  buildSchedule,
  buildStatusRequest,
  makeEic,
  makeGsrn,
  MARKET_ROLE,
  parseDocument,
  type AssetRegistrationDocument,
  type CapacityLimitDocument,
  type ParsedDocument,
  type Reason,
  type ScheduleSeries,
} from '../../packages/iec62325/src/index.js';
import type { BusinessType } from '../../packages/runtime/src/index.js';
import type { SentDocument } from './recording-messenger.js';
import { waitFor } from '../../packages/testing/src/index.js';

export const TPS = makeEic('10X', 'TPS-CORE');
export const DSO1 = makeEic('10X', 'DSO-ONE');
export const DSO2 = makeEic('10X', 'DSO-TWO');
export const AGR1 = makeEic('10X', 'AGR-ONE');
export const AGR2 = makeEic('10X', 'AGR-TWO');
export const AGR3 = makeEic('10X', 'AGR-THREE');

export const CP = {
  d1a: makeGsrn('57100000000000001'),
  d1b: makeGsrn('57100000000000002'),
  d2a: makeGsrn('57100000000000003'),
  d2b: makeGsrn('57100000000000004'),
  orphan: makeGsrn('57100000000000009'),
};

export const asset = (body: string): string => makeEic('10W', body);

export const CREATED = '2026-03-01T08:00:00Z';
export const MORNING = { start: '2026-03-02T06:00Z', end: '2026-03-02T08:00Z' };

let counter = 0;
export const nextMrid = (prefix = 'doc'): string => `${prefix}-${++counter}`;

export interface Inbound {
  senderParty: string;
  businessType: BusinessType;
  payload: string;
}

const agrRole = MARKET_ROLE.resourceAggregator;
const dsoRole = MARKET_ROLE.dso;

export interface AssetSpec {
  assetId: string;
  connectionPoint: string;
  produces?: boolean;
  consumes?: boolean;
  maxProductionW?: number;
  maxConsumptionW?: number;
  operator?: string;
  action?: 'register' | 'update';
}

export function assetRegistration(
  operator: string,
  entries: Array<AssetSpec | { action: 'remove'; assetId: string }>,
  opts: { mRID?: string; revision?: number; sender?: string } = {},
): Inbound {
  const assets: AssetRegistrationDocument['assets'] = entries.map((e) =>
    'connectionPoint' in e
      ? {
          action: e.action ?? 'register',
          assetId: e.assetId,
          operator: e.operator ?? operator,
          connectionPoint: e.connectionPoint,
          produces: e.produces ?? true,
          consumes: e.consumes ?? true,
          maxProductionW: e.produces === false ? 0 : (e.maxProductionW ?? 10_000),
          maxConsumptionW: e.consumes === false ? 0 : (e.maxConsumptionW ?? 10_000),
        }
      : { action: 'remove', assetId: e.assetId },
  );
  return {
    senderParty: operator,
    businessType: 'asset-registration',
    payload: buildAssetRegistration({
      mRID: opts.mRID ?? nextMrid('reg'),
      revisionNumber: opts.revision ?? 1,
      createdDateTime: CREATED,
      sender: { mRID: opts.sender ?? operator, role: agrRole },
      receiver: { mRID: TPS, role: MARKET_ROLE.platform },
      unit: 'KWT',
      assets,
    }),
  };
}

export function connectionPoints(dso: string, points: Array<{ connectionPoint: string; action?: 'add' | 'remove' }>, opts: { mRID?: string; revision?: number; dsoField?: string } = {}): Inbound {
  return {
    senderParty: dso,
    businessType: 'connection-point-registration',
    payload: buildConnectionPointRegistration({
      mRID: opts.mRID ?? nextMrid('cp'),
      revisionNumber: opts.revision ?? 1,
      createdDateTime: CREATED,
      sender: { mRID: dso, role: dsoRole },
      receiver: { mRID: TPS, role: MARKET_ROLE.platform },
      dso: opts.dsoField ?? dso,
      connectionPoints: points.map((p) => ({ connectionPoint: p.connectionPoint, action: p.action ?? 'add' })),
    }),
  };
}

export function statusRequest(dso: string, requested: 'asset-list' | 'schedules', assetIds: string[] = [], mRID = nextMrid('req')): Inbound {
  return {
    senderParty: dso,
    businessType: 'status-request',
    payload: buildStatusRequest({
      mRID,
      createdDateTime: CREATED,
      sender: { mRID: dso, role: dsoRole },
      receiver: { mRID: TPS, role: MARKET_ROLE.platform },
      requested,
      assetIds,
    }),
  };
}

/** A schedule with one PT60M series per asset over MORNING (two points). */
export function schedule(operator: string, plans: Array<{ assetId: string; pointsW?: number[]; mRID?: string; cancelled?: boolean }>, opts: { mRID?: string; revision?: number } = {}): Inbound {
  const series: ScheduleSeries[] = plans.map((p, i) =>
    p.cancelled
      ? { mRID: p.mRID ?? `ts-${i + 1}`, assetId: p.assetId, cancelled: true }
      : { mRID: p.mRID ?? `ts-${i + 1}`, assetId: p.assetId, cancelled: false, resolution: 'PT60M', interval: MORNING, pointsW: p.pointsW ?? [1000, 2000] },
  );
  return {
    senderParty: operator,
    businessType: 'schedule',
    payload: buildSchedule({
      mRID: opts.mRID ?? nextMrid('gl'),
      revisionNumber: opts.revision ?? 1,
      createdDateTime: CREATED,
      sender: { mRID: operator, role: agrRole },
      receiver: { mRID: TPS, role: MARKET_ROLE.platform },
      period: MORNING,
      unit: 'KWT',
      series,
    }),
  };
}

type LimitSpec =
  | { limitType: 'foreseen'; series: Array<{ assetIds: string[]; availableW: number[]; direction?: 'production' | 'consumption'; mRID?: string }> }
  | { limitType: 'unforeseen'; series: Array<{ assetIds: string[]; action: 'start' | 'stop' | 'hold'; direction?: 'production' | 'consumption'; mRID?: string }> };

export function limit(dso: string, spec: LimitSpec, opts: { mRID?: string; revision?: number; status?: 'active' | 'cancelled'; reasons?: Reason[] } = {}): Inbound {
  const header = {
    mRID: opts.mRID ?? nextMrid('lim'),
    revisionNumber: opts.revision ?? 1,
    createdDateTime: CREATED,
    sender: { mRID: dso, role: dsoRole },
    receiver: { mRID: TPS, role: MARKET_ROLE.platform },
    period: MORNING,
    status: opts.status ?? 'active',
    unit: 'KWT' as const,
    reasons: opts.reasons ?? [{ code: 'B46' as const }],
  };
  const doc: CapacityLimitDocument =
    spec.limitType === 'foreseen'
      ? {
          ...header,
          limitType: 'foreseen',
          series: spec.series.map((s, i) => ({ mRID: s.mRID ?? `ls-${i + 1}`, direction: s.direction ?? 'consumption', assetIds: s.assetIds, resolution: 'PT60M', interval: MORNING, availableW: s.availableW })),
        }
      : {
          ...header,
          limitType: 'unforeseen',
          series: spec.series.map((s, i) => ({ mRID: s.mRID ?? `us-${i + 1}`, direction: s.direction ?? 'production', assetIds: s.assetIds, action: s.action })),
        };
  return { senderParty: dso, businessType: 'capacity-limit', payload: buildCapacityLimit(doc) };
}

/** Parses a recorded outgoing document. */
export function parsed(sent: SentDocument): ParsedDocument {
  return parseDocument(sent.payload);
}

/** The asset ids of every asset list sent to `dso`, in sending order, each sorted. */
export function assetListsTo(sent: readonly SentDocument[], dso: string): string[][] {
  return sent
    .filter((s) => s.businessType === 'asset-list' && s.receiver === dso)
    .map((s) => {
      const p = parsed(s);
      if (p.kind !== 'asset-list') throw new Error('not an asset list');
      return p.document.assets.map((a) => a.assetId).sort();
    });
}

/** The acknowledgement among `sent` (exactly one expected). */
export function ackOf(sent: SentDocument[]): { accepted: boolean; codes: string[]; texts: string[]; receiver: string } {
  const acks = sent.filter((s) => s.businessType === 'acknowledgement');
  if (acks.length !== 1) throw new Error(`expected one acknowledgement, got ${acks.length}`);
  const p = parsed(acks[0]!);
  if (p.kind !== 'acknowledgement') throw new Error('not an acknowledgement');
  return { accepted: p.document.accepted, codes: p.document.reasons.map((r) => r.code), texts: p.document.reasons.map((r) => r.text ?? ''), receiver: acks[0]!.receiver };
}

/** Polls `check` every 20 ms until it holds; throws naming `what` after `timeoutMs`. */
export async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  await waitFor(what, check, timeoutMs, 20);
}
