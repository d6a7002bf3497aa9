// Read side of the core for administrators, the GUI (F3) and DSO read-back of splits. The DSO
// views are built from DSO-visible types only (ListedAsset, DsoSplitView): no operator (NF3).
import type { Knex } from 'knex';
import { repositories } from '../storage/repositories.js';
import { splitForDso, toListedAsset, type DsoSplitView } from '../domain/dso-view.js';
import type { AuditEntry, AuditQuery } from '../storage/audit.repository.js';
import type { StoredLimit, StoredSplit } from '../storage/limit.repository.js';
import type { Asset, AssetHistoryEntry, ConnectionPoint, StoredScheduleSeries } from '../domain/types.js';
import type { ListedAsset } from '../outgoing/wire.js';

export interface OperatorView {
  operator: string;
  assets: Asset[];
  schedules: StoredScheduleSeries[];
}

export interface DsoView {
  dso: string;
  connectionPoints: ConnectionPoint[];
  assets: ListedAsset[];
  limits: StoredLimit[];
  splits: Array<{ limitMrid: string; revision: number; seriesMrid: string; createdAt: string; split: DsoSplitView }>;
}

export class CoreViews {
  constructor(private readonly db: Knex) {}

  private get repos() {
    return repositories(this.db);
  }

  audit(query: AuditQuery = {}): Promise<AuditEntry[]> {
    return this.repos.audit.query(query);
  }

  assets(): Promise<Asset[]> {
    return this.repos.registry.allAssets();
  }

  assetHistory(assetId: string): Promise<AssetHistoryEntry[]> {
    return this.repos.registry.history(assetId);
  }

  /** Full splits including operators: administrators only. */
  splits(filter: { dso?: string; limitMrid?: string } = {}): Promise<StoredSplit[]> {
    return this.repos.limits.splits(filter);
  }

  /** F6a read-back for a DSO: per-asset grants, policy, trace and metrics, no operators. */
  async dsoSplits(dso: string, limitMrid?: string): Promise<DsoView['splits']> {
    const splits = await this.repos.limits.splits({ dso, ...(limitMrid ? { limitMrid } : {}) });
    return splits.map((s) => ({ limitMrid: s.limitMrid, revision: s.revision, seriesMrid: s.seriesMrid, createdAt: s.createdAt, split: splitForDso(s.decision) }));
  }

  /** GUI (F3): what one AGR/BRP operates and has planned. */
  async operator(operator: string): Promise<OperatorView> {
    const repos = this.repos;
    return { operator, assets: await repos.registry.assetsOfOperator(operator), schedules: await repos.schedules.ofOperator(operator) };
  }

  /** GUI (F3): one DSO's grid, the limits it sent and their splits — as the DSO may see them. */
  async dso(dso: string): Promise<DsoView> {
    const repos = this.repos;
    return {
      dso,
      connectionPoints: await repos.registry.connectionPointsOf(dso),
      assets: (await repos.registry.assetsOfDso(dso)).map(toListedAsset),
      limits: await repos.limits.ofDso(dso),
      splits: await this.dsoSplits(dso),
    };
  }
}
