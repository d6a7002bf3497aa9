// Paged asset-list snapshots (issue 14, docs/endpoint-dso.md "Asset lists at scale"): the core
// cuts a large list into pages (same mRID and createdDateTime, page/pageCount). Each page is
// staged here inside its own delivery's transaction; the snapshot is handed to the mirror's full
// diff only when all its pages are present, so the mirror only ever holds complete lists the core
// built — a lost, late or repeated page delays an update, never corrupts the mirror.
//   * a page of a snapshot older than the one applied (or of the applied one) is ignored;
//   * the same page twice is stored once (redelivery has no effect);
//   * when a snapshot completes, its pages and those of every older snapshot are dropped.
// Snapshot identity is (createdDateTime, mRID): createdDateTime has whole seconds, so two lists
// of one second differ only by mRID (the core numbers its pushes; an answer carries the request's).
import type { Knex } from 'knex';
import type { MirroredAsset } from './asset-mirror.repository.js';

export interface SnapshotPage {
  created: string;
  mrid: string;
  page: number;
  pageCount: number;
}

/** What a received page led to: the complete snapshot to apply, or nothing yet. */
export type PageOutcome = { kind: 'complete'; assets: MirroredAsset[] } | { kind: 'staged' | 'stale' | 'inconsistent' };

export class AssetListPageRepository {
  async receive(trx: Knex.Transaction, dso: string, p: SnapshotPage, assets: MirroredAsset[], at: string): Promise<PageOutcome> {
    // Two pages of one snapshot handled at once must not both see themselves as incomplete:
    // one DSO's pages are handled one at a time (a transaction lock, also before the DSO's
    // first list exists; SQLite serialises writers anyway).
    if (trx.client.config.client === 'pg') await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`dso-asset-list-pages:${dso}`]);
    const state = await trx('dso_asset_lists').where({ dso }).first();
    if (state) {
      const applied = String(state.document_created);
      if (p.created < applied || (p.created === applied && state.document_mrid === p.mrid)) return { kind: 'stale' };
    }
    if (p.pageCount === 1) {
      await this.dropUpTo(trx, dso, p);
      return { kind: 'complete', assets };
    }
    const key = { dso, document_created: p.created, document_mrid: p.mrid };
    await trx('dso_asset_list_pages')
      .insert({ ...key, page: p.page, page_count: p.pageCount, assets: JSON.stringify(assets), received_at: at })
      .onConflict(['dso', 'document_created', 'document_mrid', 'page'])
      .ignore();
    const have = await trx('dso_asset_list_pages').where({ ...key, page_count: p.pageCount }).count({ n: '*' }).first();
    if (Number(have?.n ?? 0) < p.pageCount) return { kind: 'staged' };
    const rows = await trx('dso_asset_list_pages').where({ ...key, page_count: p.pageCount }).orderBy('page').select('assets');
    await this.dropUpTo(trx, dso, p);
    const all = rows.flatMap((r: { assets: string }) => JSON.parse(r.assets) as MirroredAsset[]);
    // Pages of one snapshot partition the list; an asset on two pages means the pages do not
    // belong together (never sent by the core): dropped rather than half-applied.
    if (new Set(all.map((a) => a.assetId)).size !== all.length) return { kind: 'inconsistent' };
    return { kind: 'complete', assets: all };
  }

  /** Drops the staged pages of this snapshot and of every older one. */
  private async dropUpTo(trx: Knex.Transaction, dso: string, p: SnapshotPage): Promise<void> {
    await trx('dso_asset_list_pages')
      .where({ dso })
      .andWhere((q) => q.where('document_created', '<', p.created).orWhere({ document_created: p.created, document_mrid: p.mrid }))
      .delete();
  }
}
