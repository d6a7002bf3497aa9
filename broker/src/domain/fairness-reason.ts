// The fairness policy a DSO asks for and the metrics the core reports back travel as 451-1 Reason
// A95 with a `tps:` text (agreed with the DSO endpoint, docs/endpoint-dso.md): the
// Unavailability_MarketDocument has no field for them. `tps:` reasons are the DSO's dialogue
// with the core and are never forwarded to AGR/BRPs.
import type { SeriesMetricsSummary } from '../../../packages/fairness/src/index.js';
import type { Reason } from '../../../packages/iec62325/src/model/common.types.js';

const POLICY_PREFIX = 'tps:fairness-policy=';
const METRICS_PREFIX = 'tps:fairness;';

export function requestedPolicy(reasons: readonly Reason[]): string | undefined {
  const r = reasons.find((x) => x.code === 'A95' && x.text?.startsWith(POLICY_PREFIX));
  return r?.text?.slice(POLICY_PREFIX.length);
}

export function withoutTpsReasons(reasons: readonly Reason[]): Reason[] {
  return reasons.filter((r) => !r.text?.startsWith('tps:'));
}

/** One reason for all series of a limit: sums and extremes over the series' summaries. */
export function metricsReason(policy: string, summaries: readonly SeriesMetricsSummary[]): Reason {
  const intervals = summaries.reduce((n, s) => n + s.intervals, 0);
  const sum = (f: (s: SeriesMetricsSummary) => number) => summaries.reduce((n, s) => n + f(s), 0);
  const max = (f: (s: SeriesMetricsSummary) => number) => Math.max(0, ...summaries.map(f));
  const min = (f: (s: SeriesMetricsSummary) => number) => (summaries.length ? Math.min(...summaries.map(f)) : 1);
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  const metrics: Record<string, number> = {
    intervals,
    strandedWTotal: sum((s) => s.strandedW.total),
    strandedWMax: max((s) => s.strandedW.max),
    avoidableStrandedWTotal: sum((s) => s.avoidableStrandedW.total),
    avoidableStrandedWMax: max((s) => s.avoidableStrandedW.max),
    jainIndexMin: round(min((s) => s.jainIndex.min)),
    jainIndexMean: round(intervals ? sum((s) => s.jainIndex.mean * s.intervals) / intervals : 1),
    minSatisfaction: round(min((s) => s.minSatisfaction)),
  };
  const pairs = Object.entries(metrics).map(([k, v]) => `${k}=${v}`);
  return { code: 'A95', text: `${METRICS_PREFIX}${[`policy=${policy}`, ...pairs].join(';')}` };
}
