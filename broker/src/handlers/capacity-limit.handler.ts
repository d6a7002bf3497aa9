// F6a: a DSO's capacity limit. Foreseen → fair split, one grant document per AGR/BRP with only
// its assets. Unforeseen (start/stop/hold until T) → each operator gets the signal for its own
// assets only, as an emergency message. Updates (higher revision) are recomputed and sent as the
// same revision to every operator concerned; operators no longer concerned, and all of them on a
// cancellation, get a cancellation document. The DSO gets its split back (per asset, no operator).
import { runRules } from '../domain/rule.js';
import { DSO_TARGET_RULES, LIMIT_RULES } from '../domain/rule-sets.js';
import { opaqueId } from '../domain/opaque-id.js';
import { signalsByOperator } from '../domain/limit-fanout.js';
import { reject } from '../domain/types.js';
import { buildCapacityLimit, MARKET_ROLE, type CapacityLimitDocument, type GrantSeries, type UnforeseenSignalSeries } from '../outgoing/wire.js';
import type { HandlerContext } from './context.js';
import { splitForeseen } from './limit-split.js';
import { requestedPolicy, withoutTpsReasons } from '../domain/fairness-reason.js';
import { sendSplitReadback } from '../outgoing/split-readback.js';
import { isPolicyName, POLICY_NAMES } from '../../../packages/fairness/src/index.js';
import { rejected, type HandlerResult } from './result.js';
import { documentLookups } from './document-lookups.js';

type OperatorSeries = GrantSeries[] | UnforeseenSignalSeries[];

export async function handleCapacityLimit(ctx: HandlerContext, doc: CapacityLimitDocument): Promise<HandlerResult> {
  const dso = ctx.received.senderParty;
  const { registry, limits, forwards } = ctx.repos;
  const failure = await runRules(LIMIT_RULES, { sender: dso, doc }, undefined);
  if (failure) return rejected(failure);
  const previous = ctx.firstOfDocument ? undefined : await limits.find(dso, doc.mRID);
  if (doc.status === 'cancelled' && !previous) return rejected(reject('A51', `no limit ${doc.mRID} to cancel`));
  if (previous && previous.limitType !== doc.limitType) {
    return rejected(reject('A51', `limit ${doc.mRID} is ${previous.limitType}; a revision cannot make it ${doc.limitType}`));
  }
  const named = doc.limitType === 'grant' ? [] : [...new Set(doc.series.flatMap((s) => s.assetIds))];
  // The rule and the fan-out below ask for the same assets: read them and their connection points'
  // owners once (issue 14: two statements on the emergency path instead of 2 per asset + 1).
  const lookups = named.length > 0 ? await documentLookups(registry, named) : registry;
  const notOwn = await runRules(DSO_TARGET_RULES, { sender: dso, assetIds: named }, lookups);
  if (notOwn) return rejected(notOwn);
  const policy = requestedPolicy(doc.reasons) ?? ctx.options.fairnessPolicy;
  if (!isPolicyName(policy)) return rejected(reject('A59', `unknown fairness policy ${policy} (${POLICY_NAMES.join(', ')})`));

  // Operator → the series it receives (empty map on cancellation: everyone is cancelled).
  let byOperator = new Map<string, OperatorSeries>();
  let detail: Record<string, unknown> = {};
  let afterAck: (() => Promise<void>) | undefined;
  if (doc.status === 'active' && doc.limitType === 'foreseen') {
    const outcome = await splitForeseen(ctx, dso, doc, policy);
    if (!('byOperator' in outcome)) return rejected(outcome);
    byOperator = outcome.byOperator;
    detail = { splits: outcome.splits };
    afterAck = () => sendSplitReadback(ctx, dso, doc, policy, outcome.allGrants, outcome.summaries);
  } else if (doc.status === 'active' && doc.limitType === 'unforeseen') {
    const operatorOf = new Map<string, string>();
    for (const id of named) {
      const asset = await lookups.findAsset(id);
      if (asset) operatorOf.set(asset.assetId, asset.operator);
    }
    byOperator = signalsByOperator({ dso, mrid: doc.mRID }, doc.series, operatorOf);
  }
  await limits.save(dso, doc, ctx.now);

  const emergency = doc.limitType === 'unforeseen';
  const outType = doc.limitType === 'unforeseen' ? 'unforeseen' : 'grant';
  const key = { originKind: 'capacity-limit', originSender: dso, originMrid: doc.mRID };
  // Forwards of a limit are only written below, after its core_limits row, and neither is ever
  // deleted: without a stored revision there are none to read (issue 14).
  const before = previous ? (await forwards.ofOrigin<null>(key)).filter((f) => !f.cancelled).map((f) => f.receiver) : [];
  const operators = [...new Set([...byOperator.keys(), ...before])].sort();
  const cancelled: string[] = [];
  for (const operator of operators) {
    const series = byOperator.get(operator) ?? [];
    const outMrid = opaqueId('LIM', dso, doc.mRID, operator);
    const header = {
      mRID: outMrid,
      revisionNumber: doc.revisionNumber,
      createdDateTime: ctx.now,
      sender: { mRID: ctx.tpsParty, role: MARKET_ROLE.platform },
      receiver: { mRID: operator, role: MARKET_ROLE.resourceAggregator },
      period: doc.period,
      status: series.length > 0 ? ('active' as const) : ('cancelled' as const),
      unit: doc.unit,
      // The DSO's `tps:` dialogue with the core (policy request) is not the operators' business.
      reasons: withoutTpsReasons(doc.reasons),
    };
    const out: CapacityLimitDocument =
      outType === 'grant' ? { ...header, limitType: 'grant', series: series as GrantSeries[] } : { ...header, limitType: 'unforeseen', series: series as UnforeseenSignalSeries[] };
    await ctx.send(operator, 'capacity-limit', buildCapacityLimit(out), { mrid: outMrid, emergency });
    await forwards.save(key, { receiver: operator, outMrid, revision: doc.revisionNumber, content: null, cancelled: series.length === 0 }, ctx.now);
    if (series.length === 0) cancelled.push(operator);
  }
  return { kind: 'accepted', emergency, ...(afterAck ? { afterAck } : {}), detail: { ...detail, limitType: doc.limitType, status: doc.status, operators: operators.length, cancelledFor: cancelled.length } };
}
