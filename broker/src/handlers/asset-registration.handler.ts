// F4a assets: an AGR/BRP registers, updates and removes its own assets (one or more per
// document). All entries are checked first; then applied with history; then every DSO whose
// grid changed is marked as owed a new asset-list snapshot, in this transaction (F5a push; the
// flusher sends it, coalescing bursts: outgoing/asset-list-flusher.ts).
import { runRules } from '../domain/rule.js';
import { ASSET_REGISTRATION_RULES } from '../domain/rule-sets.js';
import type { Asset, AssetHistoryEntry } from '../domain/types.js';
import type { RegistrySupport } from '../domain/support.js';
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
  // Set-based (benchmark 5): the document's current assets in one read, shared by the rules and
  // the apply step; one statement per asset made a 1,000-asset call cost ≈ 5,000 statements.
  // Entries are unique per document (rule A55), and nothing else writes in this transaction, so
  // the snapshot stays true while the entries are applied.
  const inDocument = new Set(doc.assets.map((e) => e.assetId));
  const current = await registry.findAssetMap([...inDocument]);
  const support: RegistrySupport = {
    // An id of this document that has no row is known absent: no second look-up.
    findAsset: async (id) => (inDocument.has(id) ? current.get(id) : registry.findAsset(id)),
    findConnectionPointOwner: (cp) => registry.findConnectionPointOwner(cp),
    operatesAssets: (party) => registry.operatesAssets(party),
    ownsConnectionPoints: (party) => registry.ownsConnectionPoints(party),
  };
  const failure = await runRules(ASSET_REGISTRATION_RULES, { sender, doc }, support);
  if (failure) return rejected(failure);

  // F4a reassignment: for assets registered anew, who held them last (one read for all).
  const fresh = doc.assets.filter((e) => e.action !== 'remove' && !current.has(e.assetId)).map((e) => e.assetId);
  const lastOperatorOf = await registry.lastOperators(fresh);

  const touchedPoints = new Set<string>();
  const counts = { registered: 0, updated: 0, reassigned: 0, removed: 0, unchanged: 0 };
  const removals: string[] = [];
  const upserts: Asset[] = [];
  const history: AssetHistoryEntry[] = [];
  for (const entry of doc.assets) {
    const previous = current.get(entry.assetId);
    const base = { assetId: entry.assetId, operator: sender, at: ctx.now, messageId: ctx.received.messageId };
    if (entry.action === 'remove') {
      // Rules guarantee `previous` exists and is the sender's.
      removals.push(entry.assetId);
      history.push({ ...base, connectionPoint: previous?.connectionPoint ?? null, validity: 'disconnected', detail: 'removed by operator' });
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
    upserts.push(asset);
    if (previous) {
      history.push({ ...base, connectionPoint: asset.connectionPoint, validity: 'connected', detail: 'updated' });
      touchedPoints.add(previous.connectionPoint);
      counts.updated++;
    } else {
      // F4a reassignment: the previous operator released the asset, this one registers it.
      const last = lastOperatorOf.get(entry.assetId);
      const reassigned = last !== undefined && last !== sender;
      history.push({
        ...base,
        connectionPoint: asset.connectionPoint,
        validity: reassigned ? 'reassigned' : 'connected',
        detail: reassigned ? `registered by new operator (released by ${last})` : 'registered',
      });
      counts[reassigned ? 'reassigned' : 'registered']++;
    }
    touchedPoints.add(asset.connectionPoint);
  }
  await registry.deleteAssets(removals);
  await registry.upsertAssets(upserts);
  await registry.addHistoryEntries(history);

  // Assets on a connection point no DSO has registered are stored but reach no DSO (F4a).
  const owners = await registry.connectionPointOwners([...touchedPoints]);
  const dsos = [...new Set(owners.values())].sort();
  for (const dso of dsos) await registry.markAssetListPending(dso, ctx.now);
  // dsosNotified: the DSOs whose new list this registration made owed (sent by the flusher).
  return { kind: 'accepted', detail: { ...counts, dsosNotified: dsos } };
}
