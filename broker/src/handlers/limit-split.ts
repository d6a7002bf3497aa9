// F6a foreseen: split each series of a limit with the fairness splitter — inputs are the named
// assets, their operators, capabilities in the series' direction and the newest schedules — and
// store every split (policy, grants, per-operator totals, trace, metrics).
import { splitSeries, FairnessError, type SeriesDecision, type SeriesMetricsSummary } from '../../../packages/fairness/src/index.js';
import { fairnessRequest } from '../domain/fairness-input.js';
import { addGrants } from '../domain/limit-fanout.js';
import { reject, type Rejection, type StoredScheduleSeries } from '../domain/types.js';
import type { ForeseenLimitDocument, ForeseenLimitSeries, GrantSeries } from '../outgoing/wire.js';
import type { HandlerContext } from './context.js';

export interface SplitOutcome {
  byOperator: Map<string, GrantSeries[]>;
  /** Every grant series (all operators) and the metrics: the DSO's read-back, without operators. */
  allGrants: GrantSeries[];
  summaries: SeriesMetricsSummary[];
  splits: Array<{ seriesMrid: string; policy: string; direction: string; operatorsW: Record<string, number>; jainMin: number; strandedTotalW: number }>;
}

export async function splitForeseen(ctx: HandlerContext, dso: string, doc: ForeseenLimitDocument, policy: string): Promise<SplitOutcome | Rejection> {
  const { registry, schedules, limits } = ctx.repos;
  const decided: Array<{ series: ForeseenLimitSeries; decision: SeriesDecision }> = [];
  for (const series of doc.series) {
    const assets = await registry.findAssets(series.assetIds);
    const operatorOf = new Map(assets.map((a) => [a.assetId, a.operator]));
    const byAsset = new Map<string, StoredScheduleSeries[]>();
    // Newest first; only the current operator's plans count.
    for (const s of await schedules.ofAssets(series.assetIds, series.interval)) {
      if (operatorOf.get(s.assetId) === s.operator) byAsset.set(s.assetId, [...(byAsset.get(s.assetId) ?? []), s]);
    }
    let decision: SeriesDecision;
    try {
      decision = splitSeries(fairnessRequest(series, assets, byAsset, policy));
    } catch (err) {
      // Input the splitter refuses (e.g. sums beyond exact integers) is the sender's problem.
      if (err instanceof FairnessError) return reject('A42', `series ${series.mRID} cannot be split: ${err.message}`);
      throw err;
    }
    decided.push({ series, decision });
  }
  // Stored only once every series split: a refused series leaves nothing behind.
  const byOperator = new Map<string, GrantSeries[]>();
  const splits: SplitOutcome['splits'] = [];
  for (const { series, decision } of decided) {
    await limits.addSplit({
      dso,
      limitMrid: doc.mRID,
      revision: doc.revisionNumber,
      seriesMrid: series.mRID,
      direction: series.direction,
      policy: decision.policy,
      decision,
      createdAt: ctx.now,
    });
    addGrants(byOperator, { dso, mrid: doc.mRID }, series, decision);
    splits.push({
      seriesMrid: series.mRID,
      policy: decision.policy,
      direction: series.direction,
      operatorsW: Object.fromEntries(Object.entries(decision.summary.operators).map(([op, s]) => [op, s.totalW])),
      jainMin: decision.summary.metrics.jainIndex.min,
      strandedTotalW: decision.summary.metrics.strandedW.total,
    });
  }
  const allGrants = [...byOperator.values()].flat().sort((a, b) => (a.mRID < b.mRID ? -1 : 1));
  return { byOperator, splits, allGrants, summaries: decided.map((d) => d.decision.summary.metrics) };
}
