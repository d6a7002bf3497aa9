// F5a: the asset list a DSO receives — built only from ListedAsset (no operator field exists in
// the type, NF3) and only from assets on the DSO's own registered connection points.
import { buildAssetList, MARKET_ROLE } from './wire.js';
import { toListedAsset } from '../domain/dso-view.js';
import { opaqueId } from '../domain/opaque-id.js';
import type { HandlerContext } from '../handlers/context.js';
import type { Asset } from '../domain/types.js';

/** What building and sending a list needs: a handler's context, or the flusher's own. */
export type AssetListContext = Pick<HandlerContext, 'repos' | 'tpsParty' | 'now' | 'send'>;

export function assetListXml(ctx: Pick<AssetListContext, 'tpsParty' | 'now'>, dso: string, mrid: string, assets: readonly Asset[]): string {
  return buildAssetList({
    mRID: mrid,
    revisionNumber: 1,
    createdDateTime: ctx.now,
    sender: { mRID: ctx.tpsParty, role: MARKET_ROLE.platform },
    receiver: { mRID: dso, role: MARKET_ROLE.dso },
    unit: 'KWT',
    assets: assets.map(toListedAsset),
  });
}

/**
 * F5a push: the DSO endpoint receives the full current list as a new snapshot (mRID
 * `AL-<digest>-<n>`, n counting up per DSO), so its "get changes" can wake and diff. A snapshot
 * (not a delta) carries removals without needing a removal field. Registrations do not call
 * this: they mark the DSO pending and the flusher calls it at most once per quiet period
 * (asset-list-flusher.ts). Returns the number of assets listed.
 */
export async function pushAssetList(ctx: AssetListContext, dso: string): Promise<number> {
  const version = await ctx.repos.registry.nextAssetListVersion(dso);
  const mrid = `${opaqueId('AL', dso).slice(0, 19)}-${version}`;
  const assets = await ctx.repos.registry.assetsOfDso(dso);
  await ctx.send(dso, 'asset-list', assetListXml(ctx, dso, mrid, assets), { mrid });
  return assets.length;
}
