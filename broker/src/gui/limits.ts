// F3: "capacity restrictions sent by a selected DSO" — its connection points, the assets on its
// grid (no operator: a DSO's view, NF3), and the limits it sent with their status and every
// revision the core decided on (from the audit trail).
import type { DsoView } from '../admin/views.js';
import type { AuditEntry } from '../storage/audit.repository.js';
import { stepMs, toIso, toMs } from './quarter-hours.js';

export type EffectiveStatus = 'active' | 'upcoming' | 'expired' | 'cancelled';

export interface CapacityStep {
  start: string;
  end: string;
  availableW: number;
}

export interface LimitSummary {
  mrid: string;
  limitType: string;
  status: string;
  /** active/cancelled as sent, refined by the clock: upcoming before the period, expired after it. */
  effectiveStatus: EffectiveStatus;
  revision: number;
  periodStart: string;
  periodEnd: string;
  receivedAt: string;
  reasons: Array<{ code: string; text?: string }>;
  foreseen: Array<{ mRID: string; direction: string; assetIds: string[]; resolution: string; steps: CapacityStep[] }>;
  unforeseen: Array<{ mRID: string; direction: string; assetIds: string[]; action: string }>;
  revisions: Array<{ revision: number | null; decision: string; at: string; reasonCode: string | null; reasonText: string | null }>;
}

export interface DsoPayload {
  dso: string;
  connectionPoints: DsoView['connectionPoints'];
  assets: DsoView['assets'];
  limits: LimitSummary[];
}

export function effectiveStatus(status: string, periodStart: string, periodEnd: string, now: Date): EffectiveStatus {
  if (status === 'cancelled') return 'cancelled';
  const t = now.getTime();
  if (t >= toMs(periodEnd)) return 'expired';
  if (t < toMs(periodStart)) return 'upcoming';
  return 'active';
}

export function capacitySteps(interval: { start: string }, resolution: string, availableW: readonly number[]): CapacityStep[] {
  const start = toMs(interval.start);
  const step = stepMs(resolution);
  return availableW.map((w, i) => ({ start: toIso(start + i * step), end: toIso(start + (i + 1) * step), availableW: w }));
}

export function dsoPayload(view: DsoView, audit: readonly AuditEntry[], now: Date): DsoPayload {
  const limits = view.limits.map((l): LimitSummary => {
    const doc = l.document;
    return {
      mrid: l.mrid,
      limitType: l.limitType,
      status: l.status,
      effectiveStatus: effectiveStatus(l.status, l.periodStart, l.periodEnd, now),
      revision: l.revision,
      periodStart: l.periodStart,
      periodEnd: l.periodEnd,
      receivedAt: l.receivedAt,
      reasons: doc.reasons.map((r) => ({ code: r.code, ...(r.text !== undefined ? { text: r.text } : {}) })),
      foreseen:
        doc.limitType === 'foreseen'
          ? doc.series.map((s) => ({ mRID: s.mRID, direction: s.direction, assetIds: s.assetIds, resolution: s.resolution, steps: capacitySteps(s.interval, s.resolution, s.availableW) }))
          : [],
      unforeseen: doc.limitType === 'unforeseen' ? doc.series.map((s) => ({ mRID: s.mRID, direction: s.direction, assetIds: s.assetIds, action: s.action })) : [],
      revisions: audit
        .filter((a) => a.businessType === 'capacity-limit' && a.documentMrid === l.mrid && a.party === view.dso)
        .map((a) => ({ revision: a.revision, decision: a.decision, at: a.at, reasonCode: a.reasonCode, reasonText: a.reasonText })),
    };
  });
  return { dso: view.dso, connectionPoints: view.connectionPoints, assets: view.assets, limits };
}
