// REST limit → Unavailability_MarketDocument (F6). Foreseen: capacity available to the named
// assets per step and direction. Unforeseen: start/stop/hold until the period end (local codes).
import type { ForeseenLimitDocument, UnforeseenLimitDocument } from '../../../packages/iec62325/src/model/market-documents.types.js';
import type { DocumentHeader, Reason } from '../../../packages/iec62325/src/model/common.types.js';
import type { ForeseenLimitInput, UnforeseenLimitInput } from './limit.input.js';
import { policyReason } from './fairness-reason.js';
import { intervalToWire, toWire } from './time.js';

export type LimitStatus = 'active' | 'cancelled';

function reasonsOf(input: { reasons?: Reason[] | undefined }, extra: Reason[] = []): Reason[] {
  return [...(input.reasons ?? []).map((r) => (r.text === undefined ? { code: r.code } : { code: r.code, text: r.text })), ...extra];
}

/** `assetsPerSeries[i]` are the resolved affected assets of series i (connection points expanded). */
export function foreseenDocument(
  header: DocumentHeader,
  revision: number,
  status: LimitStatus,
  input: ForeseenLimitInput,
  assetsPerSeries: string[][],
): ForeseenLimitDocument {
  return {
    ...header,
    revisionNumber: revision,
    limitType: 'foreseen',
    status,
    period: intervalToWire(input.period),
    unit: 'KWT',
    reasons: reasonsOf(input, input.fairnessPolicy ? [policyReason(input.fairnessPolicy)] : []),
    series: input.series.map((s, i) => ({
      mRID: `TS${i + 1}`,
      direction: s.direction,
      assetIds: assetsPerSeries[i]!,
      resolution: s.resolution,
      interval: intervalToWire(s.interval ?? input.period),
      availableW: s.availableCapacityW,
    })),
  };
}

export function unforeseenDocument(
  header: DocumentHeader,
  revision: number,
  status: LimitStatus,
  input: UnforeseenLimitInput & { start: string },
  assetsPerSignal: string[][],
): UnforeseenLimitDocument {
  return {
    ...header,
    revisionNumber: revision,
    limitType: 'unforeseen',
    status,
    period: { start: toWire(input.start), end: toWire(input.expectedEnd) },
    unit: 'KWT',
    reasons: reasonsOf(input),
    series: input.signals.map((s, i) => ({ mRID: `TS${i + 1}`, direction: s.direction, assetIds: assetsPerSignal[i]!, action: s.action })),
  };
}
