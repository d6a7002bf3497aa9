// Set-based registry reads and writes for one asset-registration document (up to 1,000 assets per
// REST call). One statement per asset made the registration path cost ≈ 5 statements per asset
// (benchmark 5, docs/PERFORMANCE.md); these take a whole document in a few statements: look-ups
// with IN lists chunked below the bound-parameter limit, writes as multi-row statements.
import type { Knex } from 'knex';
import { insertRows, MAX_BOUND_PARAMETERS } from '../../../packages/storage/src/index.js';
import type { Asset, AssetHistoryEntry } from '../domain/types.js';

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The core_assets row of an asset (one shape for single and bulk writes). */
export function assetRow(asset: Asset): Record<string, unknown> {
  return {
    asset_id: asset.assetId,
    operator: asset.operator,
    connection_point: asset.connectionPoint,
    name: asset.name ?? null,
    produces: asset.produces,
    consumes: asset.consumes,
    max_production_w: asset.maxProductionW,
    max_consumption_w: asset.maxConsumptionW,
    updated_at: asset.updatedAt,
  };
}

const ASSET_COLUMNS = Object.keys(assetRow({ assetId: '', operator: '', connectionPoint: '', produces: false, consumes: false, maxProductionW: 0, maxConsumptionW: 0, updatedAt: '' })).length;

/**
 * For assets that exist in no row now: the operator of each one's latest history entry (who held
 * it last before it was released), in one query per chunk. Absent ids have no history.
 */
export async function lastOperators(db: Knex | Knex.Transaction, assetIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const ids of chunks(assetIds, MAX_BOUND_PARAMETERS)) {
    const latest = db('core_asset_history').whereIn('asset_id', ids).groupBy('asset_id').max({ id: 'id' });
    const rows = await db('core_asset_history').whereIn('id', latest).select('asset_id', 'operator');
    for (const r of rows) out.set(r.asset_id as string, r.operator as string);
  }
  return out;
}

/** The owning DSO of each given connection point that some DSO registered. */
export async function connectionPointOwners(db: Knex | Knex.Transaction, points: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const cps of chunks(points, MAX_BOUND_PARAMETERS)) {
    const rows = await db('core_connection_points').whereIn('connection_point', cps).select('connection_point', 'dso');
    for (const r of rows) out.set(r.connection_point as string, r.dso as string);
  }
  return out;
}

/** Inserts or replaces assets (distinct ids) in multi-row statements. */
export async function upsertAssets(db: Knex | Knex.Transaction, assets: readonly Asset[]): Promise<void> {
  for (const part of chunks(assets, Math.floor(MAX_BOUND_PARAMETERS / ASSET_COLUMNS))) {
    await db('core_assets').insert(part.map(assetRow)).onConflict('asset_id').merge();
  }
}

export async function deleteAssets(db: Knex | Knex.Transaction, assetIds: readonly string[]): Promise<void> {
  for (const ids of chunks(assetIds, MAX_BOUND_PARAMETERS)) await db('core_assets').whereIn('asset_id', ids).delete();
}

/** History entries in the given order (their ids keep that order), in multi-row statements. */
export async function addHistoryEntries(db: Knex | Knex.Transaction, entries: readonly AssetHistoryEntry[]): Promise<void> {
  await insertRows(
    db,
    'core_asset_history',
    entries.map((e) => ({ asset_id: e.assetId, operator: e.operator, connection_point: e.connectionPoint, validity: e.validity, detail: e.detail, at: e.at, message_id: e.messageId })),
  );
}
