// F5b: the assets on this DSO's grid (asset, connection point, capabilities; NF3: never the
// operator), kept fresh from the core's asset-list documents; get-changes long-polls; a DSO may
// force a refresh, which asks the core with a StatusRequest.
import type { Express } from 'express';
import { longPoll, principalOf } from '../../../packages/rest/src/index.js';
import { wakeKey, type DsoContext } from '../deps.js';
import { dsoHeader, newDocumentId } from '../mapping/header.js';
import { sendToCore } from '../outbound.js';
import type { AssetChange, MirroredAsset } from '../storage/asset-mirror.repository.js';
import { dsoAuth, dsoOf } from './auth.js';
import { longPollParams } from './long-poll-params.js';
import { assetPageParams } from './asset-page-params.js';

const STREAM = 'dso-assets';

/** The REST view: an explicit whitelist of fields, so nothing else can ever leak (NF3). */
export function assetView(a: MirroredAsset) {
  return {
    assetId: a.assetId,
    ...(a.name ? { name: a.name } : {}),
    connectionPointId: a.connectionPoint,
    produces: a.produces,
    consumes: a.consumes,
    maxProductionW: a.maxProductionW,
    maxConsumptionW: a.maxConsumptionW,
  };
}

function changeView(c: AssetChange) {
  return { sequence: c.sequence, change: c.change, asset: assetView(c.asset) };
}

export function registerAssetRoutes(app: Express, ctx: DsoContext): void {
  const auth = dsoAuth(ctx);
  const { assets, cursors } = ctx.stores;

  // Whole list, or keyset pages (?after=&limit=, issue 14): `next` is the `after` of the next page.
  app.get('/assets', ...auth, async (req, res) => {
    const page = await assets.page(ctx.db, dsoOf(res), assetPageParams(req));
    res.json({ asOf: page.asOf, sequence: page.sequence, assets: page.assets.map(assetView), next: page.next });
  });

  // Blocks until the list changes after what this token+client last received, or the timeout.
  app.get('/assets/changes', ...auth, async (req, res) => {
    const dso = dsoOf(res);
    const { tokenId } = principalOf(res);
    const { timeoutMs, client, signal } = longPollParams(ctx, req, res);
    const start = await cursors.position(tokenId, client, STREAM);
    let position = start;
    const changes = await longPoll({
      hub: ctx.hub,
      key: wakeKey(dso, 'assets'),
      timeoutMs,
      signal,
      read: async () => {
        // The position also passes over rows the caller never saw (added, then removed).
        const read = await assets.changesAfter(ctx.db, dso, position);
        position = read.position;
        return read.changes;
      },
    });
    if (position > start) await cursors.advance(tokenId, client, STREAM, position);
    if (!res.writableEnded) res.json({ changes: changes.map(changeView) });
  });

  // Forces a refresh: a StatusRequest for this DSO's asset list; the answer updates the mirror.
  app.post('/assets/refresh', ...auth, async (_req, res) => {
    const dso = dsoOf(res);
    const mRID = newDocumentId();
    const messageId = await ctx.db.transaction((trx) =>
      sendToCore(ctx, trx, dso, { kind: 'status-request', document: { ...dsoHeader(dso, ctx.coreParty, mRID, ctx.now()), requested: 'asset-list', assetIds: [] } }),
    );
    res.status(202).json({ messageId, documentId: mRID });
  });
}
