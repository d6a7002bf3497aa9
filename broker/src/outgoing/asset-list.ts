// F5a: the asset list a DSO receives — built only from ListedAsset (no operator field exists in
// the type, NF3) and only from assets on the DSO's own registered connection points.
//
// Paged snapshots (issue 14, docs/endpoint-dso.md "Asset lists at scale"): a complete list costs
// ≈ 420 bytes per asset, so above ≈ 19,900 assets one document exceeds the mades payload limit
// (8 MiB) and the DSO's mirror could never complete. A list is therefore cut into pages of at most
// ASSET_LIST_PAGE_SIZE assets, in asset-id order, each an ordinary AssetList_MarketDocument with
// the same mRID and createdDateTime plus page/pageCount. All pages are sent in the caller's one
// transaction, so the outbox holds the whole snapshot or none of it. A list that fits one page
// carries no page fields: it is exactly the document sent before paging existed.
import { buildAssetList, MARKET_ROLE } from './wire.js';
import { toListedAsset } from '../domain/dso-view.js';
import { opaqueId } from '../domain/opaque-id.js';
import type { HandlerContext } from '../handlers/context.js';
import type { Asset } from '../domain/types.js';

/** Assets per page: ≈ 2 MB of XML, well inside the 8 MiB mades limit and the parser's budget. */
export const ASSET_LIST_PAGE_SIZE = 5_000;

/** What building and sending a list needs: a handler's context, or the flusher's own. */
export type AssetListContext = Pick<HandlerContext, 'repos' | 'tpsParty' | 'now' | 'send'>;

/**
 * The DSO's list as documents: one without page fields if it fits one page (also when empty),
 * else pages 1..n of `pageSize` assets each (the last one shorter). `assets` must be the DSO's
 * own, ordered by asset id (RegistryRepository.assetsOfDso).
 */
export function assetListPages(ctx: Pick<AssetListContext, 'tpsParty' | 'now'>, dso: string, mrid: string, assets: readonly Asset[], pageSize = ASSET_LIST_PAGE_SIZE): string[] {
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) throw new Error(`asset-list page size must be a positive whole number, got ${pageSize}`);
  const header = {
    mRID: mrid,
    revisionNumber: 1,
    createdDateTime: ctx.now,
    sender: { mRID: ctx.tpsParty, role: MARKET_ROLE.platform },
    receiver: { mRID: dso, role: MARKET_ROLE.dso },
    unit: 'KWT' as const,
  };
  if (assets.length <= pageSize) return [buildAssetList({ ...header, assets: assets.map(toListedAsset) })];
  const pageCount = Math.ceil(assets.length / pageSize);
  const pages: string[] = [];
  for (let page = 1; page <= pageCount; page++) {
    const slice = assets.slice((page - 1) * pageSize, page * pageSize);
    pages.push(buildAssetList({ ...header, paging: { page, pageCount }, assets: slice.map(toListedAsset) }));
  }
  return pages;
}

/** Sends the DSO its complete list under `mrid`, in pages if needed; returns the number of pages. */
export async function sendAssetList(ctx: AssetListContext, dso: string, mrid: string, assets: readonly Asset[], pageSize?: number): Promise<number> {
  const pages = assetListPages(ctx, dso, mrid, assets, pageSize);
  for (const payload of pages) await ctx.send(dso, 'asset-list', payload, { mrid });
  return pages.length;
}

/**
 * F5a push: the DSO endpoint receives the full current list as a new snapshot (mRID
 * `AL-<digest>-<n>`, n counting up per DSO), so its "get changes" can wake and diff. A snapshot
 * (not a delta) carries removals without needing a removal field. Registrations do not call
 * this: they mark the DSO pending and the flusher calls it at most once per quiet period
 * (asset-list-flusher.ts). Returns the number of assets listed.
 */
export async function pushAssetList(ctx: AssetListContext, dso: string, pageSize?: number): Promise<number> {
  const version = await ctx.repos.registry.nextAssetListVersion(dso);
  const mrid = `${opaqueId('AL', dso).slice(0, 19)}-${version}`;
  const assets = await ctx.repos.registry.assetsOfDso(dso);
  await sendAssetList(ctx, dso, mrid, assets, pageSize);
  return assets.length;
}
