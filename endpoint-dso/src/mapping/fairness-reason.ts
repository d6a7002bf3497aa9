// The fairness policy a DSO asks for, and the metrics the core reports with a split, travel as
// 451-1 Reason A95 "complementary information" with a `tps:` text (docs/endpoint-dso.md): the
// Unavailability_MarketDocument has no field for them and Reason text is the standard free slot.
import type { Reason } from '../../../packages/iec62325/src/model/common.types.js';

const POLICY_PREFIX = 'tps:fairness-policy=';
const METRICS_PREFIX = 'tps:fairness;';

export function policyReason(policy: string): Reason {
  return { code: 'A95', text: `${POLICY_PREFIX}${policy}` };
}

export function policyOf(reasons: readonly Reason[]): string | undefined {
  const r = reasons.find((x) => x.code === 'A95' && x.text?.startsWith(POLICY_PREFIX));
  return r?.text?.slice(POLICY_PREFIX.length);
}

/** Encodes `policy=…;key=number;…` (the core's side, also used by tests). */
export function metricsReason(policy: string, metrics: Record<string, number>): Reason {
  const pairs = Object.entries(metrics).map(([k, v]) => `${k}=${v}`);
  return { code: 'A95', text: `${METRICS_PREFIX}${[`policy=${policy}`, ...pairs].join(';')}` };
}

/** Decodes the metrics reason; unknown keys are kept, non-numeric values dropped. */
export function metricsOf(reasons: readonly Reason[]): { policy: string | null; metrics: Record<string, number> | null } {
  const r = reasons.find((x) => x.code === 'A95' && x.text?.startsWith(METRICS_PREFIX));
  if (!r?.text) return { policy: null, metrics: null };
  let policy: string | null = null;
  const metrics: Record<string, number> = {};
  for (const pair of r.text.slice(METRICS_PREFIX.length).split(';')) {
    const [k, v] = pair.split('=');
    if (!k || v === undefined || !/^[A-Za-z][A-Za-z0-9]{0,40}$/.test(k)) continue;
    if (k === 'policy') policy = v;
    else if (v !== '' && Number.isFinite(Number(v))) metrics[k] = Number(v);
  }
  return { policy, metrics };
}
