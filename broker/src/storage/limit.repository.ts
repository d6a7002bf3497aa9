// F6a: the current revision of each DSO limit, and every split made for it (policy, grants,
// per-operator totals, trace, metrics — the full SeriesDecision as JSON).
import type { Knex } from 'knex';
import { fromJson, toJson, toSafeInt } from '../../../packages/storage/src/index.js';
import type { CapacityLimitDocument } from '../../../packages/iec62325/src/model/market-documents.types.js';
import type { SeriesDecision } from '../../../packages/fairness/src/index.js';

export interface StoredLimit {
  dso: string;
  mrid: string;
  revision: number;
  limitType: string;
  status: string;
  periodStart: string;
  periodEnd: string;
  document: CapacityLimitDocument;
  receivedAt: string;
}

export interface StoredSplit {
  id: number;
  dso: string;
  limitMrid: string;
  revision: number;
  seriesMrid: string;
  direction: string;
  policy: string;
  decision: SeriesDecision;
  createdAt: string;
}

function toLimit(r: Record<string, unknown>): StoredLimit {
  return {
    dso: r.dso as string,
    mrid: r.mrid as string,
    revision: toSafeInt(r.revision),
    limitType: r.limit_type as string,
    status: r.status as string,
    periodStart: r.period_start as string,
    periodEnd: r.period_end as string,
    document: fromJson<CapacityLimitDocument>(r.document),
    receivedAt: r.received_at as string,
  };
}

export class LimitRepository {
  constructor(private readonly db: Knex) {}

  async find(dso: string, mrid: string): Promise<StoredLimit | undefined> {
    const row = await this.db('core_limits').where({ dso, mrid }).first();
    return row ? toLimit(row) : undefined;
  }

  async save(dso: string, doc: CapacityLimitDocument, at: string): Promise<void> {
    await this.db('core_limits')
      .insert({
        dso,
        mrid: doc.mRID,
        revision: doc.revisionNumber,
        limit_type: doc.limitType,
        status: doc.status,
        period_start: doc.period.start,
        period_end: doc.period.end,
        document: toJson(doc),
        received_at: at,
      })
      .onConflict(['dso', 'mrid'])
      .merge();
  }

  async ofDso(dso: string): Promise<StoredLimit[]> {
    return (await this.db('core_limits').where({ dso }).orderBy('received_at', 'desc')).map(toLimit);
  }

  async addSplit(split: Omit<StoredSplit, 'id'>): Promise<void> {
    await this.db('core_splits').insert({
      dso: split.dso,
      limit_mrid: split.limitMrid,
      revision: split.revision,
      series_mrid: split.seriesMrid,
      direction: split.direction,
      policy: split.policy,
      decision: toJson(split.decision),
      created_at: split.createdAt,
    });
  }

  async splits(filter: { dso?: string; limitMrid?: string }): Promise<StoredSplit[]> {
    const q = this.db('core_splits');
    if (filter.dso) q.where({ dso: filter.dso });
    if (filter.limitMrid) q.where({ limit_mrid: filter.limitMrid });
    const rows = await q.orderBy('id');
    return rows.map((r) => ({
      id: toSafeInt(r.id),
      dso: r.dso,
      limitMrid: r.limit_mrid,
      revision: toSafeInt(r.revision),
      seriesMrid: r.series_mrid,
      direction: r.direction,
      policy: r.policy,
      decision: fromJson<SeriesDecision>(r.decision),
      createdAt: r.created_at,
    }));
  }
}
