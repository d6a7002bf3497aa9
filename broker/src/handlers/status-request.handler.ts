// F5a / F9a: a DSO asks for the assets on its grid or for their current schedules. The answer is
// built only from DSO-visible types (ListedAsset, schedule series with opaque mRIDs), answered
// under the request's own mRID so the DSO endpoint can correlate it. Naming an asset outside its
// grid is refused (A64) with the same text whether the asset is unknown or someone else's.
import { runRules } from '../domain/rule.js';
import { DSO_TARGET_RULES } from '../domain/rule-sets.js';
import { coveringPeriod, toDsoSeries } from '../domain/schedule-view.js';
import { buildSchedule, MARKET_ROLE, type StatusRequestDocument } from '../outgoing/wire.js';
import { sendAssetList } from '../outgoing/asset-list.js';
import type { HandlerContext } from './context.js';
import { rejected, type HandlerResult } from './result.js';

export async function handleStatusRequest(ctx: HandlerContext, doc: StatusRequestDocument): Promise<HandlerResult> {
  const dso = ctx.received.senderParty;
  const failure = await runRules(DSO_TARGET_RULES, { sender: dso, assetIds: doc.assetIds }, ctx.repos.registry);
  if (failure) return rejected(failure);

  const wanted = new Set(doc.assetIds);
  const assets = (await ctx.repos.registry.assetsOfDso(dso)).filter((a) => wanted.size === 0 || wanted.has(a.assetId));

  if (doc.requested === 'asset-list') {
    // Always the full list (named assets are only checked): the DSO endpoint treats every asset
    // list as a complete snapshot of its grid (docs/endpoint-dso.md), so a partial one would
    // read as removals.
    // In pages when it is large (issue 14), all under the request's mRID.
    const all = await ctx.repos.registry.assetsOfDso(dso);
    const pages = await sendAssetList(ctx, dso, doc.mRID, all, ctx.options.assetListPageSize);
    return { kind: 'accepted', answered: true, detail: { requested: 'asset-list', assets: all.length, pages } };
  }

  // F9a: only the current operator's series count (a released asset's old plans are not its plans).
  const operatorOf = new Map(assets.map((a) => [a.assetId, a.operator]));
  const series = (await ctx.repos.schedules.ofAssets([...operatorOf.keys()], doc.interval)).filter((s) => operatorOf.get(s.assetId) === s.operator);
  const period = coveringPeriod(series);
  if (!period) {
    // A GL document needs at least one series; "nothing planned" is said with a positive answer.
    return { kind: 'accepted', reasons: [{ code: 'A95', text: 'no schedules for the requested assets and time' }], detail: { requested: 'schedules', series: 0 } };
  }
  series.sort((a, b) => (a.assetId + a.start < b.assetId + b.start ? -1 : 1));
  const xml = buildSchedule({
    mRID: doc.mRID,
    revisionNumber: 1,
    createdDateTime: ctx.now,
    sender: { mRID: ctx.tpsParty, role: MARKET_ROLE.platform },
    receiver: { mRID: dso, role: MARKET_ROLE.dso },
    period,
    unit: 'KWT',
    series: series.map(toDsoSeries),
  });
  await ctx.send(dso, 'schedule', xml, { mrid: doc.mRID });
  return { kind: 'accepted', answered: true, detail: { requested: 'schedules', series: series.length } };
}
