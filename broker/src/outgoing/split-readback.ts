// F6a split read-back (agreed with the DSO endpoint): after accepting and splitting revision N of
// a foreseen limit, the DSO gets a grant document under its own limit mRID and revision N — one
// GrantSeries per affected asset, the metrics as Reason A95. The GrantLimitDocument type has no
// operator field, so the DSO learns the per-asset split and never who operates what (NF3).
import { buildCapacityLimit, MARKET_ROLE, type ForeseenLimitDocument, type GrantSeries } from './wire.js';
import { metricsReason } from '../domain/fairness-reason.js';
import type { SeriesMetricsSummary } from '../../../packages/fairness/src/index.js';
import type { HandlerContext } from '../handlers/context.js';

export async function sendSplitReadback(ctx: HandlerContext, dso: string, limit: ForeseenLimitDocument, policy: string, grants: GrantSeries[], summaries: SeriesMetricsSummary[]): Promise<void> {
  const xml = buildCapacityLimit({
    mRID: limit.mRID,
    revisionNumber: limit.revisionNumber,
    createdDateTime: ctx.now,
    sender: { mRID: ctx.tpsParty, role: MARKET_ROLE.platform },
    receiver: { mRID: dso, role: MARKET_ROLE.dso },
    period: limit.period,
    status: 'active',
    unit: limit.unit,
    reasons: [metricsReason(policy, summaries)],
    limitType: 'grant',
    series: grants,
  });
  await ctx.send(dso, 'capacity-limit', xml, { mrid: limit.mRID });
}
