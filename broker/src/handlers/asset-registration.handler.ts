// F4a assets: an AGR/BRP registers, updates and removes its own assets (one or more per
// document). All entries are checked first; then applied with history; then every DSO whose
// grid changed is marked as owed a new asset-list snapshot, in this transaction (F5a push; the
// flusher sends it, coalescing bursts: outgoing/asset-list-flusher.ts).
import { runRules } from '../domain/rule.js';
import { ASSET_REGISTRATION_RULES } from '../domain/rule-sets.js';
import type { Asset } from '../domain/types.js';
import type { AssetRegistrationDocument } from '../outgoing/wire.js';
import type { HandlerContext } from './context.js';
import { rejected, type HandlerResult } from './result.js';

function sameAsset(a: Asset, b: Asset): boolean {
  return (
    a.connectionPoint === b.connectionPoint &&
    a.name === b.name &&
    a.produces === b.produces &&
    a.consumes === b.consumes &&
    a.maxProductionW === b.maxProductionW &&
    a.maxConsumptionW === b.maxConsumptionW
  );
}

export async function handleAssetRegistration(ctx: HandlerContext, doc: AssetRegistrationDocument): Promise<HandlerResult> {
  const sender = ctx.received.senderParty;
  const registry = ctx.repos.registry;
  const failure = await runRules(ASSET_REGISTRATION_RULES, { sender, doc }, registry);
  if (failure) return rejected(failure);

  const touchedPoints = new Set<string>();
  const counts = { registered: 0, updated: 0, reassigned: 0, removed: 0, unchanged: 0 };
  for (const entry of doc.assets) {
    const previous = await registry.findAsset(entry.assetId);
    const history = { assetId: entry.assetId, operator: sender, at: ctx.now, messageId: ctx.received.messageId };
    if (entry.action === 'remove') {
      // Rules guarantee `previous` exists and is the sender's.
      await registry.deleteAsset(entry.assetId);
      await registry.addHistory({ ...history, connectionPoint: previous?.connectionPoint ?? null, validity: 'disconnected', detail: 'removed by operator' });
      if (previous) touchedPoints.add(previous.connectionPoint);
      counts.removed++;
      continue;
    }
    const asset: Asset = {
      assetId: entry.assetId,
      operator: sender,
      connectionPoint: entry.connectionPoint,
      ...(entry.name !== undefined ? { name: entry.name } : {}),
      produces: entry.produces,
      consumes: entry.consumes,
      maxProductionW: entry.maxProductionW,
      maxConsumptionW: entry.maxConsumptionW,
      updatedAt: ctx.now,
    };
    if (previous && sameAsset(previous, asset)) {
      counts.unchanged++;
      continue;
    }
    await registry.upsertAsset(asset);
    if (previous) {
      await registry.addHistory({ ...history, connectionPoint: asset.connectionPoint, validity: 'connected', detail: 'updated' });
      touchedPoints.add(previous.connectionPoint);
      counts.updated++;
    } else {
      // F4a reassignment: the previous operator released the asset, this one registers it.
      const last = await registry.lastOperator(entry.assetId);
      const reassigned = last !== undefined && last !== sender;
      await registry.addHistory({
        ...history,
        connectionPoint: asset.connectionPoint,
        validity: reassigned ? 'reassigned' : 'connected',
        detail: reassigned ? `registered by new operator (released by ${last})` : 'registered',
      });
      counts[reassigned ? 'reassigned' : 'registered']++;
    }
    touchedPoints.add(asset.connectionPoint);
  }

  // Assets on a connection point no DSO has registered are stored but reach no DSO (F4a).
  const dsos = new Set<string>();
  for (const point of touchedPoints) {
    const owner = await registry.findConnectionPointOwner(point);
    if (owner) dsos.add(owner);
  }
  for (const dso of [...dsos].sort()) await registry.markAssetListPending(dso, ctx.now);
  // dsosNotified: the DSOs whose new list this registration made owed (sent by the flusher).
  return { kind: 'accepted', detail: { ...counts, dsosNotified: [...dsos].sort() } };
}
