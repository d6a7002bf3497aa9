// IEC 62325 documents from the core → what the REST facade shows (F7a). The core sends an
// AGR/BRP only its own assets (F6a, NF3); the endpoint checks the receiver is a party it serves.
import type { CapacityLimitDocument, AcknowledgementDocument } from '../../../packages/iec62325/src/index.js';
import { parseYmdhm, REASON_CODES } from '../../../packages/iec62325/src/index.js';
import type { GrantView, LimitInterval, Outcome, ReasonView, Resolution, SignalView } from './rest-types.js';
import type { NewLimit } from '../storage/limit.repository.js';
import { formatIsoUtc, RESOLUTION_MS } from './time.js';

const iso = (ymdhm: string) => formatIsoUtc(parseYmdhm(ymdhm));

/** Consecutive equal points become one interval: what a client would have written itself. */
export function intervalsOf(start: string, resolution: Resolution, points: number[]): LimitInterval[] {
  const step = RESOLUTION_MS[resolution];
  const t0 = parseYmdhm(start);
  const out: LimitInterval[] = [];
  points.forEach((w, i) => {
    const last = out[out.length - 1];
    const end = formatIsoUtc(t0 + (i + 1) * step);
    if (last && last.maxW === w) last.end = end;
    else out.push({ start: formatIsoUtc(t0 + i * step), end, maxW: w });
  });
  return out;
}

function reasonsOf(reasons: Array<{ code: string; text?: string }>): ReasonView[] {
  return reasons.map((r) => ({ code: r.code, text: r.text ?? REASON_CODES[r.code as keyof typeof REASON_CODES] ?? '' }));
}

/**
 * A capacity-limit document as a limit view. Foreseen limits reach an AGR/BRP as grants (its
 * assets' shares of the split); a raw foreseen limit, should one arrive, shows the shared
 * capacity per asset. Unforeseen ones list each asset's start/stop/hold until `period.end`.
 */
export function limitFromDocument(doc: CapacityLimitDocument, receivedAt: Date): NewLimit {
  const period = { start: iso(doc.period.start), end: iso(doc.period.end) };
  const base = {
    limitId: doc.mRID,
    revision: doc.revisionNumber,
    status: doc.status,
    period,
    expiresAt: period.end,
    receivedAt: formatIsoUtc(receivedAt),
    reasons: reasonsOf(doc.reasons),
  };
  if (doc.limitType === 'unforeseen') {
    const signals: SignalView[] = doc.series.flatMap((s) => s.assetIds.map((assetId) => ({ assetId, direction: s.direction, action: s.action })));
    return { ...base, kind: 'unforeseen', signals, until: period.end };
  }
  const grants: GrantView[] =
    doc.limitType === 'grant'
      ? doc.series.map((s) => ({ assetId: s.assetId, direction: s.direction, resolution: s.resolution, intervals: intervalsOf(s.interval.start, s.resolution, s.grantW) }))
      : doc.series.flatMap((s) => s.assetIds.map((assetId) => ({ assetId, direction: s.direction, resolution: s.resolution, intervals: intervalsOf(s.interval.start, s.resolution, s.availableW) })));
  const fairness = fairnessOf(doc);
  return { ...base, kind: 'foreseen', grants, ...(fairness ? { fairness } : {}) };
}

/** The split's fairness metrics, when the core's document carries them (optional field). */
function fairnessOf(doc: CapacityLimitDocument): Record<string, number | string> | undefined {
  const f = (doc as { fairness?: unknown }).fairness;
  if (!f || typeof f !== 'object') return undefined;
  const out: Record<string, number | string> = {};
  for (const [k, v] of Object.entries(f)) if (typeof v === 'number' || typeof v === 'string') out[k] = v;
  return Object.keys(out).length ? out : undefined;
}

export interface AckView {
  documentId: string;
  revision: number | undefined;
  outcome: Exclude<Outcome, 'PENDING'>;
  reasons: ReasonView[];
}

export function ackFromDocument(doc: AcknowledgementDocument): AckView {
  return {
    documentId: doc.received.mRID,
    revision: doc.received.revisionNumber,
    outcome: doc.accepted ? 'ACCEPTED' : 'REJECTED',
    reasons: reasonsOf(doc.reasons),
  };
}
