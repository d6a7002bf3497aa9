// F4b: the assets a party registered through this endpoint, each with the last registration
// document it was sent in and that document's outcome. The catalogue of record is the TPS core;
// this is the party's own view of what it asked for and what the core answered.
import type { Knex } from 'knex';
import type { Database } from '../../../packages/storage/src/index.js';
import { fromJson, toJson, toSafeInt } from '../../../packages/storage/src/index.js';
import type { AssetInput, AssetOperation, AssetView, Outcome, ReasonView } from '../mapping/rest-types.js';

type Row = Record<string, unknown>;

export interface SentIn {
  messageId: string;
  documentId: string;
  at: string;
}

function toView(r: Row): AssetView {
  return {
    assetId: String(r.asset_id),
    connectionPointId: String(r.connection_point_id),
    produces: Boolean(r.produces),
    consumes: Boolean(r.consumes),
    maxProductionW: toSafeInt(r.max_production_w),
    maxConsumptionW: toSafeInt(r.max_consumption_w),
    name: String(r.name),
    registration: {
      operation: r.operation as AssetOperation,
      outcome: r.outcome as Outcome,
      reasons: fromJson<ReasonView[]>(r.reasons),
      messageId: String(r.message_id),
      documentId: String(r.document_id),
      updatedAt: String(r.updated_at),
    },
  };
}

/**
 * Whether the core is (or is about to be) holding this asset for the party: anything except a
 * rejected first registration or an accepted removal. Decides 409 on POST and 404 on PUT/DELETE.
 */
export function isRegistered(a: AssetView): boolean {
  const { operation, outcome } = a.registration;
  return !((operation === 'register' && outcome === 'REJECTED') || (operation === 'remove' && outcome === 'ACCEPTED'));
}

export class AssetRepository {
  constructor(private readonly db: Database) {}

  /** The party's registered assets (removed ones are gone), ordered by asset ID. */
  async list(party: string): Promise<AssetView[]> {
    const rows = await this.db('agr_assets').where({ party }).orderBy('asset_id');
    return rows.map(toView).filter(isRegistered);
  }

  async get(party: string, assetId: string): Promise<AssetView | undefined> {
    const row = await this.db('agr_assets').where({ party, asset_id: assetId }).first();
    const view = row ? toView(row) : undefined;
    return view && isRegistered(view) ? view : undefined;
  }

  /** Rows of these assets for this party, whatever their state (inside the caller's transaction). */
  async find(trx: Knex.Transaction, party: string, assetIds: string[]): Promise<Map<string, AssetView>> {
    const rows = await trx('agr_assets').where({ party }).whereIn('asset_id', assetIds);
    return new Map(rows.map((r: Row) => [String(r.asset_id), toView(r)]));
  }

  async save(trx: Knex.Transaction, party: string, assets: AssetInput[], operation: 'register' | 'update', sent: SentIn): Promise<void> {
    for (const a of assets) {
      const row = {
        party,
        asset_id: a.assetId,
        connection_point_id: a.connectionPointId,
        produces: a.produces,
        consumes: a.consumes,
        max_production_w: a.maxProductionW,
        max_consumption_w: a.maxConsumptionW,
        name: a.name,
        operation,
        outcome: 'PENDING',
        reasons: toJson([]),
        message_id: sent.messageId,
        document_id: sent.documentId,
        updated_at: sent.at,
      };
      await trx('agr_assets').insert(row).onConflict(['party', 'asset_id']).merge();
    }
  }

  async markRemoving(trx: Knex.Transaction, party: string, assetIds: string[], sent: SentIn): Promise<void> {
    await trx('agr_assets')
      .where({ party })
      .whereIn('asset_id', assetIds)
      .update({ operation: 'remove', outcome: 'PENDING', reasons: toJson([]), message_id: sent.messageId, document_id: sent.documentId, updated_at: sent.at });
  }

  /** The core's answer to a registration document: only rows still pointing at that document change. */
  async applyOutcome(trx: Knex.Transaction, party: string, documentId: string, outcome: Outcome, reasons: ReasonView[]): Promise<number> {
    return trx('agr_assets').where({ party, document_id: documentId }).update({ outcome, reasons: toJson(reasons) });
  }
}
