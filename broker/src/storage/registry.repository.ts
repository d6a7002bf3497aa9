// F4a static information: connection points, assets and their history. All SQL of the registry
// lives here and in registry-bulk.ts (the set-based forms for whole documents); the rules see it
// only through RegistrySupport.
import type { Knex } from 'knex';
import { toSafeInt } from '../../../packages/storage/src/index.js';
import type { Asset, AssetHistoryEntry, AssetValidity, ConnectionPoint } from '../domain/types.js';
import type { RegistrySupport } from '../domain/support.js';
import { addHistoryEntries, assetRow, chunks, connectionPointOwners, deleteAssets, lastOperators, upsertAssets } from './registry-bulk.js';
import { MAX_BOUND_PARAMETERS } from '../../../packages/storage/src/index.js';

interface AssetRow {
  asset_id: string;
  operator: string;
  connection_point: string;
  name: string | null;
  produces: boolean | number;
  consumes: boolean | number;
  max_production_w: number | string;
  max_consumption_w: number | string;
  updated_at: string;
}

function toAsset(row: AssetRow): Asset {
  return {
    assetId: row.asset_id,
    operator: row.operator,
    connectionPoint: row.connection_point,
    ...(row.name !== null ? { name: row.name } : {}),
    produces: Boolean(row.produces),
    consumes: Boolean(row.consumes),
    maxProductionW: toSafeInt(row.max_production_w),
    maxConsumptionW: toSafeInt(row.max_consumption_w),
    updatedAt: row.updated_at,
  };
}

export class RegistryRepository implements RegistrySupport {
  constructor(private readonly db: Knex) {}

  async findAsset(assetId: string): Promise<Asset | undefined> {
    const row = await this.db<AssetRow>('core_assets').where({ asset_id: assetId }).first();
    return row ? toAsset(row) : undefined;
  }

  async findAssets(assetIds: readonly string[]): Promise<Asset[]> {
    if (assetIds.length === 0) return [];
    const rows = await this.db<AssetRow>('core_assets').whereIn('asset_id', [...assetIds]).orderBy('asset_id');
    return rows.map(toAsset);
  }

  /**
   * The given assets that exist, each with its connection point's owner (absent when no DSO holds
   * that point), in one query: the assets and their owners are read together (issue 14).
   */
  async findAssetsWithOwners(assetIds: readonly string[]): Promise<Array<{ asset: Asset; owner: string | undefined }>> {
    if (assetIds.length === 0) return [];
    const rows: Array<AssetRow & { cp_owner: string | null }> = await this.db('core_assets as a')
      .leftJoin('core_connection_points as p', 'p.connection_point', 'a.connection_point')
      .whereIn('a.asset_id', [...assetIds])
      .select('a.*', 'p.dso as cp_owner');
    return rows.map((r) => ({ asset: toAsset(r), owner: r.cp_owner ?? undefined }));
  }

  /** The current row of each given asset that exists, keyed by id (chunked IN lists). */
  async findAssetMap(assetIds: readonly string[]): Promise<Map<string, Asset>> {
    const out = new Map<string, Asset>();
    for (const ids of chunks(assetIds, MAX_BOUND_PARAMETERS)) {
      for (const row of await this.db<AssetRow>('core_assets').whereIn('asset_id', ids)) out.set(row.asset_id, toAsset(row));
    }
    return out;
  }

  lastOperators(assetIds: readonly string[]): Promise<Map<string, string>> {
    return lastOperators(this.db, assetIds);
  }

  connectionPointOwners(points: readonly string[]): Promise<Map<string, string>> {
    return connectionPointOwners(this.db, points);
  }

  upsertAssets(assets: readonly Asset[]): Promise<void> {
    return upsertAssets(this.db, assets);
  }

  deleteAssets(assetIds: readonly string[]): Promise<void> {
    return deleteAssets(this.db, assetIds);
  }

  addHistoryEntries(entries: readonly AssetHistoryEntry[]): Promise<void> {
    return addHistoryEntries(this.db, entries);
  }

  async findConnectionPointOwner(connectionPoint: string): Promise<string | undefined> {
    const row = await this.db('core_connection_points').where({ connection_point: connectionPoint }).first('dso');
    return row?.dso as string | undefined;
  }

  async operatesAssets(party: string): Promise<boolean> {
    return (await this.db('core_assets').where({ operator: party }).first('asset_id')) !== undefined;
  }

  async ownsConnectionPoints(party: string): Promise<boolean> {
    return (await this.db('core_connection_points').where({ dso: party }).first('connection_point')) !== undefined;
  }

  /** F5a: the assets on a DSO's registered connection points. */
  async assetsOfDso(dso: string): Promise<Asset[]> {
    const rows = await this.db<AssetRow>('core_assets as a')
      .join('core_connection_points as c', 'c.connection_point', 'a.connection_point')
      .where('c.dso', dso)
      .orderBy('a.asset_id')
      .select('a.*');
    return rows.map(toAsset);
  }

  async assetsOfOperator(operator: string): Promise<Asset[]> {
    return (await this.db<AssetRow>('core_assets').where({ operator }).orderBy('asset_id')).map(toAsset);
  }

  async allAssets(): Promise<Asset[]> {
    return (await this.db<AssetRow>('core_assets').orderBy('asset_id')).map(toAsset);
  }

  async upsertAsset(asset: Asset): Promise<void> {
    await this.db('core_assets').insert(assetRow(asset)).onConflict('asset_id').merge();
  }

  async deleteAsset(assetId: string): Promise<void> {
    await this.db('core_assets').where({ asset_id: assetId }).delete();
  }

  async addHistory(entry: AssetHistoryEntry): Promise<void> {
    await this.db('core_asset_history').insert({
      asset_id: entry.assetId,
      operator: entry.operator,
      connection_point: entry.connectionPoint,
      validity: entry.validity,
      detail: entry.detail,
      at: entry.at,
      message_id: entry.messageId,
    });
  }

  async history(assetId: string): Promise<AssetHistoryEntry[]> {
    const rows = await this.db('core_asset_history').where({ asset_id: assetId }).orderBy('id');
    return rows.map((r) => ({
      assetId: r.asset_id,
      operator: r.operator,
      connectionPoint: r.connection_point,
      validity: r.validity as AssetValidity,
      detail: r.detail,
      at: r.at,
      messageId: r.message_id,
    }));
  }

  /** The operator that last held an asset before it was released, if any (for 'reassigned'). */
  async lastOperator(assetId: string): Promise<string | undefined> {
    const row = await this.db('core_asset_history').where({ asset_id: assetId }).orderBy('id', 'desc').first('operator');
    return row?.operator as string | undefined;
  }

  async connectionPointsOf(dso: string): Promise<ConnectionPoint[]> {
    const rows = await this.db('core_connection_points').where({ dso }).orderBy('connection_point');
    return rows.map((r) => ({ connectionPoint: r.connection_point, dso: r.dso, registeredAt: r.registered_at }));
  }

  async addConnectionPoint(cp: ConnectionPoint, messageId: string): Promise<void> {
    await this.db('core_connection_points').insert({ connection_point: cp.connectionPoint, dso: cp.dso, registered_at: cp.registeredAt });
    await this.db('core_connection_point_history').insert({ connection_point: cp.connectionPoint, dso: cp.dso, action: 'add', at: cp.registeredAt, message_id: messageId });
  }

  async removeConnectionPoint(connectionPoint: string, dso: string, at: string, messageId: string): Promise<void> {
    await this.db('core_connection_points').where({ connection_point: connectionPoint, dso }).delete();
    await this.db('core_connection_point_history').insert({ connection_point: connectionPoint, dso, action: 'remove', at, message_id: messageId });
  }

  /**
   * F5a: the DSO's list changed and a new snapshot is owed (pushed later by the flusher). Called in
   * the registration's transaction, so the debt commits with the change or not at all; `since`
   * keeps the first unsent change.
   */
  async markAssetListPending(dso: string, at: string): Promise<void> {
    // DO UPDATE (not DO NOTHING) so that an existing row is locked until this transaction ends:
    // on PostgreSQL a concurrent flush's claim then waits and reads the list after this commit.
    await this.db('core_asset_list_pending')
      .insert({ dso, since: at })
      .onConflict('dso')
      .merge({ since: this.db.raw('??', ['core_asset_list_pending.since']) });
  }

  /** DSOs owed a new asset list, oldest debt first. */
  async pendingAssetLists(): Promise<string[]> {
    const rows = await this.db('core_asset_list_pending').orderBy([{ column: 'since' }, { column: 'dso' }]).select('dso');
    return rows.map((r) => r.dso as string);
  }

  /**
   * Takes the DSO's debt in the flush transaction, before the list is read: a registration that
   * commits meanwhile either is in the list read after this, or re-marks the DSO (on PostgreSQL
   * its insert waits for this row lock). False when another flush already took it.
   */
  async claimAssetListPending(dso: string): Promise<boolean> {
    return (await this.db('core_asset_list_pending').where({ dso }).delete()) > 0;
  }

  /** Next snapshot number of a DSO's asset list (F5a pushes). */
  async nextAssetListVersion(dso: string): Promise<number> {
    const row = await this.db('core_asset_list_versions').where({ dso }).first('version');
    const next = row ? toSafeInt(row.version) + 1 : 1;
    await this.db('core_asset_list_versions').insert({ dso, version: next }).onConflict('dso').merge();
    return next;
  }
}
